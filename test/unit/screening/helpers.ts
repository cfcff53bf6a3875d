import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegister, type Register } from '../../../src/register/connection.js';
import { runScreen, type ScreenRequest, type ScreenResult } from '../../../src/services/screen-service.js';

/**
 * Small registers built with plain SQL for the rule tests. Every household gets sensible
 * defaults (one healthy 户主 with labour, incomes of 2023 and 2022 at 10,000 元 per head) so
 * that it flags nothing; a test changes only what its rule looks at.
 */

export type Values = Record<string, string | number | null>;

export interface MemberSpec extends Values {}

export interface HouseholdSpec {
  hh: string;
  township?: string;
  village?: string;
  household?: Values;
  /** Members (columns of `members`); default one 户主. Use [] for none. */
  members?: MemberSpec[];
  /** Incomes by year (columns of `incomes`); a year set to null is left out. Default 2022 and 2023. */
  incomes?: Record<number, Values | null>;
  alerts?: Values[];
  measures?: Values[];
}

let seq = 0;

export class TestRegister {
  readonly register: Register;
  readonly file: string;

  constructor(file: string) {
    this.file = file;
    this.register = openRegister(file, { create: true });
    const db = this.register.db;
    db.prepare(
      "INSERT INTO settings (key, value) VALUES ('county_code', '140702'), ('county_name', '榆次区'), ('current_year', '2024')",
    ).run();
    this.policy(2024, 'incomeLine', 8300);
  }

  get db() {
    return this.register.db;
  }

  policy(year: number, key: string, value: unknown): this {
    this.db
      .prepare(
        `INSERT INTO policy (year, key, value, source, updated_at) VALUES (?, ?, ?, '测试', '2024-01-01')
         ON CONFLICT(year, key) DO UPDATE SET value = excluded.value`,
      )
      .run(year, key, JSON.stringify(value));
    return this;
  }

  private village(township: string, village: string): number {
    const db = this.db;
    db.prepare('INSERT OR IGNORE INTO townships (name) VALUES (?)').run(township);
    const t = db.prepare('SELECT id FROM townships WHERE name = ?').get(township) as { id: number };
    db.prepare('INSERT OR IGNORE INTO villages (township_id, name) VALUES (?, ?)').run(t.id, village);
    return (
      db.prepare('SELECT id FROM villages WHERE township_id = ? AND name = ?').get(t.id, village) as { id: number }
    ).id;
  }

  private insert(table: string, values: Values): void {
    const cols = Object.keys(values);
    this.db
      .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => values[c] ?? null));
  }

  add(spec: HouseholdSpec): this {
    const villageId = this.village(spec.township ?? '东阳镇', spec.village ?? '东村');
    this.insert('households', {
      hh_no: spec.hh,
      village_id: villageId,
      hh_type: '一般农户',
      head_name: `户主${spec.hh}`,
      ...spec.household,
    });
    const members = spec.members ?? [{}];
    members.forEach((m, i) => {
      seq++;
      this.insert('members', {
        id_no: `ID${String(seq).padStart(8, '0')}`,
        hh_no: spec.hh,
        name: i === 0 ? `户主${spec.hh}` : `成员${spec.hh}-${i}`,
        relation: i === 0 ? '户主' : '之子',
        birth_date: '1980-01-01',
        health: '健康',
        labour_skill: '普通劳动力',
        status: '在册',
        ...m,
      });
    });
    const incomes = spec.incomes ?? {};
    for (const year of [2022, 2023]) {
      if (year in incomes && incomes[year] === null) continue;
      this.insert('incomes', {
        hh_no: spec.hh,
        year,
        size: members.length || 1,
        wage: 10000 * (members.length || 1),
        ...incomes[year],
      });
    }
    for (const [year, v] of Object.entries(incomes)) {
      if (v && Number(year) !== 2022 && Number(year) !== 2023)
        this.insert('incomes', { hh_no: spec.hh, year: Number(year), size: 1, ...v });
    }
    for (const a of spec.alerts ?? []) {
      seq++;
      this.insert('alerts', {
        source_dept: '医保',
        id_no: `A${seq}`,
        alert_type: '其他',
        alert_date: '2024-03-01',
        hh_no: spec.hh,
        status: '未交办',
        ...a,
      });
    }
    for (const m of spec.measures ?? []) {
      this.insert('measures', {
        hh_no: spec.hh,
        category: '产业帮扶',
        developmental: 1,
        start_date: '2023-06-01',
        ...m,
      });
    }
    return this;
  }

  async screen(req: Partial<ScreenRequest> = {}): Promise<ScreenResult> {
    return runScreen(this.register, { campaign: 'T1', asOf: '2024-05-01', operator: '测试', ...req });
  }

  close(): void {
    this.register.close();
  }
}

export function newRegister(): TestRegister {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc 排查-'));
  return new TestRegister(path.join(dir, 'fpjc.db'));
}

/** The rules that flagged a household, and those that said 数据缺失. */
export function findingsOf(
  r: ScreenResult,
  hh: string,
): { flags: string[]; missing: string[]; evidence: Record<string, string> } {
  const evidence: Record<string, string> = {};
  const flags = [...r.flags]
    .filter((f) => f.户编号 === hh)
    .map((f) => {
      evidence[f.rule] = f.evidence;
      return f.rule;
    });
  const missing = [...r.dataMissing]
    .filter((f) => f.户编号 === hh)
    .map((f) => {
      evidence[`${f.rule}?`] = f.evidence;
      return f.rule;
    });
  return { flags, missing, evidence };
}
