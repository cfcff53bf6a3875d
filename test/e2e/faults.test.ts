/**
 * SIGKILL in the middle of writes, and two writers at once (SPEC §12): afterwards the register
 * equals its state before the command or after it, and passes PRAGMA integrity_check.
 * To add another writing command (edit --file, undo …): build its before/after with
 * runMeasuringWal on a copy, then call killedMidway (below) with its args.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { fpjc, fpjcAsync, initRegister, tempDir } from '../helpers/cli.js';
import {
  copyRegister,
  integrity,
  killWhen,
  registerState,
  runMeasuringWal,
  startFpjc,
  untilLocked,
} from '../helpers/faults.js';
import { writeCsv } from '../helpers/fixtures.js';

let work: string;
let base: string;
let before: string;
let bigFile: string;
let folder: string;
/** A register holding the state after the big file's import (a restore source). */
let afterFileDb: string;
type End = { state: string; maxWal: number; ms: number };
const after: Record<'file' | 'folder', End> = {} as never;

let copies = 0;
/** A fresh copy of the base register in a folder of its own (its own fpjc-备份). */
const fresh = (from: string = base): string => {
  const dir = path.join(work, `副本${++copies}`);
  fs.mkdirSync(dir);
  return copyRegister(from, path.join(dir, '登记库.db'));
};

const importArgs = (target: string, db: string) => ['import', target, '--db', db, '--json'];

/**
 * Kill `args` at shares of the full run's time (inside its transaction) and of the WAL it
 * writes (while the commit is written); every outcome is before or after and sound. Returns how
 * many runs ended as before (killed before their commit was complete).
 */
async function killedMidway(
  args: (db: string) => string[],
  end: End,
  moments: { time?: number; wal?: number }[],
  start: { from: string; state: string } = { from: base, state: before },
): Promise<number> {
  let asBefore = 0;
  for (const m of moments) {
    const db = fresh(start.from);
    const trigger =
      m.time !== undefined
        ? { afterMs: Math.floor(end.ms * m.time) }
        : { walBytes: Math.max(4096, Math.floor(end.maxWal * (m.wal ?? 0.5))) };
    const run = await killWhen(args(db), db, trigger);
    if (!run.killed) expect(run.code, run.stderr).toBe(0);
    expect(integrity(db)).toBe('ok');
    const state = registerState(db);
    expect(
      state === start.state || state === end.state,
      `killed at ${JSON.stringify(m)}: neither before nor after`,
    ).toBe(true);
    if (state === start.state) asBefore++;
  }
  return asBefore;
}

beforeAll(async () => {
  work = tempDir('故障');
  const demo = fpjc(['demo', '--out', path.join(work, '演示县'), '--households', '300', '--seed', '11', '--force']);
  expect(demo.code, demo.stderr).toBe(0);
  folder = path.join(work, '演示县', '全国系统导出');
  bigFile = path.join(folder, '（自定义）监测对象信息.xlsx');
  base = initRegister(work);
  const first = fpjc(['import', path.join(folder, '（自定义）监测对象信息-上年收入.xlsx'), '--db', base]);
  expect(first.code, first.stderr).toBe(0);
  before = registerState(base);
  for (const [key, target] of [
    ['file', bigFile],
    ['folder', folder],
  ] as const) {
    const db = fresh();
    const run = await runMeasuringWal(importArgs(target, db), db);
    expect(run.code).toBe(0);
    after[key] = { state: registerState(db), maxWal: run.maxWal, ms: run.ms };
    if (key === 'file') afterFileDb = db;
    expect(after[key].state).not.toBe(before);
  }
}, 240_000);

describe('SIGKILL during a restore', () => {
  it('replacing every row in one transaction: before or after, and sound', async () => {
    const args = (db: string) => ['restore', afterFileDb, '--yes', '--db', db, '--json'];
    const db = fresh();
    const run = await runMeasuringWal(args(db), db);
    expect(run.code).toBe(0);
    const end = { state: registerState(db), maxWal: run.maxWal, ms: run.ms };
    expect(end.state).not.toBe(before);
    await killedMidway(args, end, [{ time: 0.8 }, { wal: 0.3 }, { wal: 0.8 }]);
  }, 120_000);
});

/** Run `args` whole on a copy of `from` (its after state), then kill it midway on fresh copies. */
async function killedFrom(from: string, args: (db: string) => string[]): Promise<void> {
  const db = fresh(from);
  const run = await runMeasuringWal(args(db), db);
  expect(run.code).toBe(0);
  const end = { state: registerState(db), maxWal: run.maxWal, ms: run.ms };
  const start = { from, state: registerState(from) };
  expect(end.state).not.toBe(start.state);
  await killedMidway(args, end, [{ time: 0.6 }, { wal: 0.5 }], start);
}

describe('SIGKILL during an undo and an edit --file', () => {
  it('undo of a whole import: before or after, and sound', async () => {
    const set = String(
      new Database(afterFileDb, { readonly: true })
        .prepare("SELECT max(id) FROM change_sets WHERE command LIKE 'import%'")
        .pluck()
        .get(),
    );
    const args = (db: string) => ['undo', set, '--db', db, '--json'];
    await killedFrom(afterFileDb, args);
  }, 180_000);

  it('a correction sheet of many rows: before or after, and sound', async () => {
    const rows = (
      new Database(afterFileDb, { readonly: true })
        .prepare('SELECT id_no, phone FROM members WHERE phone IS NOT NULL ORDER BY id_no LIMIT 250')
        .raw()
        .all() as [string, string][]
    ).map(([id, phone], i) => [id, '联系电话', phone, `139${String(10000000 + i).slice(-8)}`, '电话号码更正']);
    expect(rows.length).toBeGreaterThan(100);
    const sheet = writeCsv(path.join(work, '更正清单.csv'), ['证件号码', '字段', '原值', '新值', '原因'], rows);
    const args = (db: string) => ['edit', '--file', sheet, '--db', db, '--json'];
    await killedFrom(afterFileDb, args);
  }, 180_000);
});

describe('SIGKILL during an import', () => {
  it('of a large file, at three moments of its transaction: the register is as before and sound', async () => {
    const asBefore = await killedMidway((db) => importArgs(bigFile, db), after.file, [
      { time: 0.4 },
      { time: 0.7 },
      { wal: 0.5 },
    ]);
    expect(asBefore).toBeGreaterThan(0);
  }, 120_000);

  it('of a folder (one transaction for all files): before or after, never some of the files', async () => {
    const asBefore = await killedMidway((db) => importArgs(folder, db), after.folder, [{ time: 0.5 }, { wal: 0.5 }]);
    expect(asBefore).toBeGreaterThan(0);
  }, 120_000);

  it('while the 导入前 snapshot is written: no partial snapshot, its temp file cleaned by the next run', async () => {
    const db = fresh();
    const backups = path.join(path.dirname(db), 'fpjc-备份');
    const run = await killWhen(importArgs(bigFile, db), db, { fileIn: backups, match: /\.tmp$/ });
    expect(integrity(db)).toBe('ok');
    const state = registerState(db);
    expect(state === before || state === after.file.state).toBe(true);
    for (const f of fs.readdirSync(backups).filter((n) => n.endsWith('.db'))) {
      expect(integrity(path.join(backups, f)), f).toBe('ok');
    }
    // the run again: completes, and leaves no temp file of the killed one
    const again = fpjc(importArgs(bigFile, db));
    expect(again.code, again.stdout).toBe(0);
    expect(registerState(db)).toBe(after.file.state);
    expect(fs.readdirSync(backups).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    if (run.killed && !fs.readdirSync(backups).some((n) => n.endsWith('.db'))) expect(state).toBe(before);
  }, 120_000);
});

// SIGSTOP keeps the first one inside its transaction however slow the machine is (POSIX only)
describe.skipIf(process.platform === 'win32')('two commands at once', () => {
  it('the second waits, then exits 4 with a Chinese message; the first completes', async () => {
    const db = fresh();
    const first = startFpjc(importArgs(bigFile, db));
    await untilLocked(db);
    first.child.kill('SIGSTOP');
    try {
      const start = Date.now();
      const second = await fpjcAsync(['import', folder, '--db', db, '--json'], {
        env: { FPJC_BUSY_TIMEOUT_MS: '1000' },
      });
      expect(second.code, second.stdout).toBe(4);
      expect(Date.now() - start).toBeGreaterThanOrEqual(1000);
      expect(second.json?.error?.code).toBe('REGISTER_LOCKED');
      expect(second.json?.error?.message).toContain('正被另一个 fpjc 程序使用');
    } finally {
      first.child.kill('SIGCONT');
    }
    const done = await first.done;
    expect(done.code, done.stdout).toBe(0);
    expect(registerState(db)).toBe(after.file.state);
    // the refused one took no snapshot: only the first one's 导入前
    expect(fs.readdirSync(path.join(path.dirname(db), 'fpjc-备份')).filter((n) => n.endsWith('.db'))).toHaveLength(1);
  }, 120_000);
});
