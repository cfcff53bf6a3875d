import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FpjcError } from '../domain/errors.js';
import { resolvePolicy } from '../domain/policy.js';
import { systemErrorCode } from '../io/file-errors.js';
import { removeStaleTemps, tempNameFor } from '../io/temp-files.js';
import type { Db } from './connection.js';
import { readPolicyOverrides, readSettings } from './settings-repo.js';

/** The label of a backup made by `fpjc backup` (never pruned). */
export const MANUAL_LABEL = '手动备份';

export interface Retention {
  /** Newest automatic snapshots always kept. */
  count: number;
  /** Automatic snapshots younger than this are kept too. */
  days: number;
}

export interface SnapshotInfo {
  file: string;
  name: string;
  label: string;
  manual: boolean;
  /** When it was written (file time). */
  at: Date;
  bytes: number;
}

export function snapshotDir(registerFile: string): string {
  return path.join(path.dirname(registerFile), 'fpjc-备份');
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `20240501-093000` in the clerk's local time (file names are read by people). */
export const localStamp = (d: Date): string =>
  `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

const baseOf = (registerFile: string): string => path.basename(registerFile, path.extname(registerFile));

/** The retention policy of the register's current year (policy parameters 自动备份保留份数/天数). */
export function retentionOf(db: Db): Retention {
  try {
    const year = readSettings(db).currentYear;
    const p = resolvePolicy(year, readPolicyOverrides(db, year));
    return { count: p.backupsKept, days: p.backupKeepDays };
  } catch {
    return { count: 5, days: 30 };
  }
}

function diskError(err: unknown, target: string): unknown {
  const code = (err as { code?: string } | null)?.code ?? systemErrorCode(err) ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new FpjcError(
      'DISK_FULL',
      `磁盘空间不足，无法写入备份「${target}」，登记库未改动。请清理磁盘后重试（也可把旧的备份移到别处）。`,
      { cause: err, details: { file: target } },
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY')) {
    return new FpjcError(
      'REGISTER_READONLY',
      `无法写入备份「${target}」：文件夹没有写入权限，登记库未改动。请换一个可以写入的位置，或请管理员给予权限。`,
      { cause: err, details: { file: target } },
    );
  }
  return err;
}

/**
 * A consistent copy of the SQLite file `source` at `target`: VACUUM INTO a hidden temp name
 * through a connection of its own, renamed when complete. The own connection reads the last
 * committed state, so a caller holding an open write transaction copies the register as it was
 * before that transaction; a kill or a full disk never leaves a partial file under `target`.
 */
export function copyRegisterFile(source: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  const reader = new Database(source, { readonly: true, fileMustExist: true });
  try {
    reader.prepare('VACUUM INTO ?').run(tmp);
    reader.close();
    fs.renameSync(tmp, target);
  } catch (err) {
    if (reader.open) reader.close();
    fs.rmSync(tmp, { force: true });
    throw diskError(err, target);
  }
}

/** The register's writes so far, as seen in its audit log: equal prints mean equal registers. */
export function fingerprint(db: Db): string {
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM change_sets) AS sets,
              (SELECT coalesce(max(id), 0) FROM change_sets) AS lastSet,
              (SELECT at FROM change_sets ORDER BY id DESC LIMIT 1) AS lastAt,
              (SELECT coalesce(max(id), 0) FROM changes) AS lastChange`,
    )
    .get() as Record<string, unknown>;
  return `${db.pragma('user_version', { simple: true })}|${row.sets}|${row.lastSet}|${row.lastAt}|${row.lastChange}`;
}

function fileFingerprint(file: string): string | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return fingerprint(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

const NAME = /^(.+)-(\d{8}-\d{6})-(.+?)(?:-\d+)?\.db$/;

/** The snapshots and backups of a register, newest first. */
export function listSnapshots(registerFile: string): SnapshotInfo[] {
  const dir = snapshotDir(registerFile);
  const base = baseOf(registerFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: SnapshotInfo[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m || m[1] !== base) continue;
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    out.push({ file, name, label: m[3]!, manual: m[3] === MANUAL_LABEL, at: stat.mtime, bytes: stat.size });
  }
  return out.sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
}

/** A free name `<register>-<local time>-<label>.db` in the register's backup folder. */
export function snapshotTarget(registerFile: string, label: string, now: Date): string {
  const dir = snapshotDir(registerFile);
  const stem = `${baseOf(registerFile)}-${localStamp(now)}-${label}`;
  let target = path.join(dir, `${stem}.db`);
  for (let i = 2; fs.existsSync(target); i++) target = path.join(dir, `${stem}-${i}.db`);
  return target;
}

export interface SnapshotOptions {
  now?: Date;
  retention?: Retention;
}

/**
 * Snapshot the register (the committed state of `source`, the file its connection reads) before
 * a command changes it, then prune old automatic snapshots. Called with the write lock held, so
 * what is copied is exactly what the command starts from.
 */
export function takeSnapshot(register: { file: string; db: Db }, label: string, options: SnapshotOptions = {}): string {
  const now = options.now ?? new Date();
  const dir = snapshotDir(register.file);
  const base = baseOf(register.file);
  removeStaleTemps(dir, (name) => name.startsWith(`${base}-`));
  const target = snapshotTarget(register.file, label, now);
  copyRegisterFile(register.db.name, target);
  pruneSnapshots(register.file, options.retention ?? retentionOf(register.db), now, fileFingerprint(target));
  return target;
}

/**
 * Keep the newest `count` automatic snapshots, every one younger than `days`, and the newest one
 * that differs from `current` (the register as it is now): retries of a command that never wrote
 * make snapshots equal to the register and must not push out the last one that can undo
 * something. Manual backups are never pruned.
 */
export function pruneSnapshots(registerFile: string, retention: Retention, now: Date, current: string | null): void {
  const autos = listSnapshots(registerFile).filter((s) => !s.manual);
  const keep = new Set(autos.slice(0, retention.count).map((s) => s.file));
  const cutoff = now.getTime() - retention.days * 86_400_000;
  for (const s of autos) if (s.at.getTime() >= cutoff) keep.add(s.file);
  const older = autos.filter((s) => !keep.has(s.file));
  if (older.length === 0) return;
  if (!autos.some((s) => keep.has(s.file) && fileFingerprint(s.file) !== current)) {
    const differing = older.find((s) => fileFingerprint(s.file) !== current);
    if (differing) keep.add(differing.file);
  }
  for (const s of older) if (!keep.has(s.file)) fs.rmSync(s.file, { force: true });
}
