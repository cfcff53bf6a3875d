import type { PolicyKey } from '../domain/policy.js';
import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';

export interface CountySettings {
  countyCode: string;
  countyName: string;
  province: string | null;
  currentYear: number;
  createdAt: string;
  /** The county's data clerk: the 经办人 of the audit log when --operator is not given. */
  clerk: string | null;
}

const KEYS: Record<keyof CountySettings, string> = {
  countyCode: 'county_code',
  countyName: 'county_name',
  province: 'province',
  currentYear: 'current_year',
  createdAt: 'created_at',
  clerk: 'clerk',
};

export function readSettings(db: Db): CountySettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string | null }[];
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    countyCode: m.get(KEYS.countyCode) ?? '',
    countyName: m.get(KEYS.countyName) ?? '',
    province: m.get(KEYS.province) ?? null,
    currentYear: Number(m.get(KEYS.currentYear) ?? new Date().getFullYear()),
    createdAt: m.get(KEYS.createdAt) ?? '',
    clerk: m.get(KEYS.clerk) ?? null,
  };
}

export function writeSettings(db: Db, log: ChangeLog, values: Partial<CountySettings>): void {
  const current = new Map(
    (db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string | null }[]).map((r) => [
      r.key,
      r.value,
    ]),
  );
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [k, v] of Object.entries(values)) {
    const key = KEYS[k as keyof CountySettings];
    const text = v === null || v === undefined ? null : String(v);
    const old = current.get(key) ?? null;
    if (old === text) continue;
    upsert.run(key, text);
    if (current.has(key)) log.updated('settings', key, key, old, text);
    else log.inserted('settings', key, { value: text });
  }
}

export function readPolicyOverrides(db: Db, year: number): Partial<Record<PolicyKey, unknown>> {
  const rows = db.prepare('SELECT key, value FROM policy WHERE year = ?').all(year) as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown])) as Partial<
    Record<PolicyKey, unknown>
  >;
}

export function policyYears(db: Db): number[] {
  return (db.prepare('SELECT DISTINCT year FROM policy ORDER BY year').all() as { year: number }[]).map((r) => r.year);
}

export function writePolicyValue(db: Db, log: ChangeLog, year: number, key: PolicyKey, value: unknown): boolean {
  const old = db.prepare('SELECT value FROM policy WHERE year = ? AND key = ?').get(year, key) as
    | { value: string }
    | undefined;
  const json = JSON.stringify(value);
  if (old?.value === json) return false;
  db.prepare(
    `INSERT INTO policy (year, key, value, source, updated_at) VALUES (?, ?, ?, '本县设置', ?)
     ON CONFLICT(year, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(year, key, json, new Date().toISOString());
  const recordKey = `${year}`;
  if (old) log.updated('policy', recordKey, key, old.value, json);
  else log.inserted('policy', recordKey, { [key]: json });
  return true;
}

export function readVocabExtensions(db: Db): Map<string, string[]> {
  const rows = db.prepare('SELECT vocab, value FROM vocab_extensions ORDER BY vocab, value').all() as {
    vocab: string;
    value: string;
  }[];
  const m = new Map<string, string[]>();
  for (const r of rows) m.set(r.vocab, [...(m.get(r.vocab) ?? []), r.value]);
  return m;
}

export function addVocabExtension(db: Db, log: ChangeLog, vocab: string, value: string): boolean {
  const r = db.prepare('INSERT OR IGNORE INTO vocab_extensions (vocab, value) VALUES (?, ?)').run(vocab, value);
  if (r.changes > 0) log.inserted('vocab', `${vocab}:${value}`);
  return r.changes > 0;
}
