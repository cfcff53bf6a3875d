import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../src/register/audit.js';
import { openRegister, type Register } from '../../../src/register/connection.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/register/schema.js';
import {
  listSnapshots,
  localStamp,
  pruneSnapshots,
  snapshotDir,
  takeSnapshot,
} from '../../../src/register/snapshots.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc 快照-'));

function withVillage(file: string): Register {
  const r = openRegister(file, { create: true });
  r.write(() => {
    r.db.exec("INSERT INTO townships (id, name) VALUES (1, '东阳镇')");
    new ChangeLog(r.db, { operator: '测试', command: 'test' }).inserted('township', '1');
  });
  return r;
}

/** One audited change: a village named `name`. */
function addVillage(r: Register, name: string): void {
  r.write(() => {
    r.db.prepare('INSERT INTO villages (township_id, name) VALUES (1, ?)').run(name);
    new ChangeLog(r.db, { operator: '测试', command: 'test' }).inserted('village', name);
  });
}

const villagesIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT name FROM villages ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
};

/** Age a snapshot file by `days`. */
const age = (file: string, days: number): void => {
  const t = new Date(Date.now() - days * 86_400_000);
  fs.utimesSync(file, t, t);
};

describe('snapshots', () => {
  it('are named in local time, written through a temp name, and clean temp files of killed runs', () => {
    const r = withVillage(path.join(tmp(), '登记库.db'));
    const dir = snapshotDir(r.file);
    fs.mkdirSync(dir, { recursive: true });
    // a run killed mid-snapshot (its process is gone) left this; a live process's temp stays
    const stale = path.join(dir, '.登记库-20240101-000000-导入前.db.999999999.tmp');
    const live = path.join(dir, `.登记库-20240101-000000-导入前.db.${process.ppid}.tmp`);
    fs.writeFileSync(stale, 'half');
    fs.writeFileSync(live, 'half');
    const now = new Date(2024, 4, 1, 9, 30, 5);
    const file = takeSnapshot(r, '导入前', { now });
    expect(path.basename(file)).toBe('登记库-20240501-093005-导入前.db');
    expect(localStamp(now)).toBe('20240501-093005');
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp') && f !== path.basename(live))).toEqual([]);
    expect(takeSnapshot(r, '导入前', { now })).toMatch(/导入前-2\.db$/);
    r.close();
  });

  it('are taken at commit only when the transaction changed something, showing the register before it', () => {
    const r = withVillage(path.join(tmp(), '登记库.db'));
    r.backupBeforeWrite('导入前');
    r.write(() => r.db.prepare('SELECT count(*) FROM villages').get());
    expect(r.snapshot).toBeNull();
    expect(listSnapshots(r.file)).toEqual([]);
    r.backupBeforeWrite('导入前');
    addVillage(r, '西沟村');
    expect(r.snapshot).not.toBeNull();
    expect(villagesIn(r.snapshot!)).toEqual([]);
    expect(villagesIn(r.file)).toEqual(['西沟村']);
    // one per command: the next write of the same command takes none
    addVillage(r, '东沟村');
    expect(listSnapshots(r.file)).toHaveLength(1);
    r.close();
  });

  it('keep the newest by count and every one younger than the age limit', () => {
    const r = withVillage(path.join(tmp(), '登记库.db'));
    const files: string[] = [];
    for (let i = 0; i < 6; i++) {
      addVillage(r, `村${i}`);
      files.push(takeSnapshot(r, `t${i}`, { retention: { count: 100, days: 1000 } }));
    }
    // t0..t3 are 40–43 days old, t4 is 10 days old, t5 is new
    for (const [i, f] of files.slice(0, 4).entries()) age(f, 43 - i);
    age(files[4]!, 10);
    pruneSnapshots(r.file, { count: 1, days: 30 }, new Date(), null);
    expect(listSnapshots(r.file).map((s) => s.label)).toEqual(['t5', 't4']);
    r.close();
  });

  it('never prune the last snapshot that differs from the register (retries of a command that never wrote)', () => {
    const r = withVillage(path.join(tmp(), '登记库.db'));
    addVillage(r, '西沟村');
    const older = takeSnapshot(r, '有用');
    age(older, 100);
    addVillage(r, '东沟村');
    // five retries, each snapshotting the register as it is now
    for (let i = 0; i < 5; i++) takeSnapshot(r, `重试${i}`, { retention: { count: 2, days: 0 } });
    const labels = listSnapshots(r.file).map((s) => s.label);
    expect(labels).toContain('有用');
    expect(labels).toHaveLength(3);
    expect(villagesIn(older)).toEqual(['西沟村']);
    r.close();
  });

  it('keep manual backups whatever the policy', () => {
    const r = withVillage(path.join(tmp(), '登记库.db'));
    const manual = takeSnapshot(r, '手动备份');
    age(manual, 400);
    for (let i = 0; i < 3; i++) {
      addVillage(r, `村${i}`);
      takeSnapshot(r, `t${i}`, { retention: { count: 1, days: 0 } });
    }
    // t2 equals the register, so t1 (the last that differs) stays too
    expect(listSnapshots(r.file).map((s) => s.label)).toEqual(['t2', 't1', '手动备份']);
    expect(fs.readdirSync(snapshotDir(r.file)).filter((f) => !f.endsWith('.db'))).toEqual([]);
    r.close();
  });

  it('is taken before a schema upgrade, with the lock held, unless --no-backup', () => {
    for (const backup of [true, false]) {
      const file = path.join(tmp(), '旧登记库.db');
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.exec(MIGRATIONS[0]!.sql);
      db.pragma('user_version = 1');
      db.exec("INSERT INTO townships (id, name) VALUES (1, '东阳镇')");
      db.close();
      const r = openRegister(file, { backup });
      expect(r.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const snaps = listSnapshots(file);
      if (backup) {
        expect(snaps.map((s) => s.label)).toEqual(['升级前v1']);
        expect(r.snapshot).toBe(snaps[0]!.file);
        const copy = new Database(snaps[0]!.file, { readonly: true });
        expect(copy.pragma('user_version', { simple: true })).toBe(1);
        copy.close();
      } else expect(snaps).toEqual([]);
      r.close();
    }
  });
});
