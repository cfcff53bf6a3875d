/**
 * fpjc backup / backup list / restore against the real CLI: consistent copies while the
 * register is in use, automatic snapshots only when a command writes, a checked restore that
 * keeps the current register.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, fpjcAsync, initRegister, tempDir } from '../helpers/cli.js';
import { MEMBER_HEADER, smallCounty, writeCsv, writeSmallCounty } from '../helpers/fixtures.js';

/** The data tables of a dump (the audit log differs by the restore's own change set). */
const data = (dump: string): string =>
  dump
    .split('\n## ')
    .filter((s) => !s.startsWith('change') && !s.startsWith('imports'))
    .join('\n## ');

const households = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM households').pluck().get() as number;
  } finally {
    db.close();
  }
};

let dir: string;
let db: string;
let files: Awaited<ReturnType<typeof writeSmallCounty>>;

beforeAll(async () => {
  dir = tempDir('备份');
  db = initRegister(dir);
  files = await writeSmallCounty(dir);
  for (const f of [files.households, files.members]) {
    const r = fpjc(['import', f, '--db', db, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }
});

describe('backup', () => {
  it('copies the register consistently while another process holds an open write', () => {
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    holder.exec("UPDATE households SET phone = '10000000000'");
    try {
      const r = fpjc(['backup', '--db', db, '--json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const file = r.json?.result.file as string;
      expect(path.dirname(file)).toBe(path.join(dir, 'fpjc-备份'));
      expect(path.basename(file)).toMatch(/^登记库-\d{8}-\d{6}-手动备份\.db$/);
      const copy = new Database(file, { readonly: true });
      expect(copy.prepare("SELECT count(*) FROM households WHERE phone = '10000000000'").pluck().get()).toBe(0);
      expect(copy.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      copy.close();
      expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('--out a file or a folder, never over an existing file', () => {
    const out = path.join(dir, 'U盘 备份', '五月.db');
    const r = fpjc(['backup', '--out', out, '--db', db, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(households(out)).toBe(3);
    const again = fpjc(['backup', '--out', out, '--db', db, '--json']);
    expect(again.code).toBe(2);
    expect(again.json?.error?.message).toContain('不会覆盖');
    const folder = fpjc(['backup', '--out', path.dirname(out), '--db', db]);
    expect(folder.code, folder.stderr).toBe(0);
    expect(folder.stdout).toContain('已备份登记库');
    expect(fs.readdirSync(path.dirname(out)).filter((f) => f.includes('手动备份'))).toHaveLength(1);
  });
});

describe('automatic snapshots', () => {
  it('only when the import writes: an unchanged re-import, a dry run and a locked register leave none', async () => {
    const count = () => (fpjc(['backup', 'list', '--db', db, '--json']).json?.result.backups as unknown[]).length;
    const before = count();
    expect(fpjc(['import', files.members, '--db', db, '--json']).code).toBe(0);
    expect(fpjc(['import', files.members, '--db', db, '--dry-run', '--json']).code).toBe(0);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const c = smallCounty();
      c.members[0]![6] = '健康';
      const changed = writeCsv(path.join(dir, '锁住时.csv'), MEMBER_HEADER, c.members);
      for (let i = 0; i < 3; i++) {
        const r = await fpjcAsync(['import', changed, '--db', db, '--json']);
        expect(r.code).toBe(4);
      }
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(count()).toBe(before);

    const c = smallCounty();
    c.members[1]![6] = '长期慢性病';
    const changed = writeCsv(path.join(dir, '成员更正.csv'), MEMBER_HEADER, c.members);
    const imp = fpjc(['import', changed, '--db', db, '--json']);
    expect(imp.code, imp.stdout).toBe(0);
    const snapshot = imp.json?.result.snapshot as string;
    expect(path.basename(snapshot)).toMatch(/^登记库-\d{8}-\d{6}-导入前\.db$/);
    const list = fpjc(['backup', 'list', '--db', db, '--json']).json?.result;
    expect(list.backups[0]).toMatchObject({ file: snapshot, label: '导入前', manual: false });
    const text = fpjc(['backup', 'list', '--db', db]);
    expect(text.stdout).toContain('自动（导入前）');
    // --no-backup skips it
    c.members[1]![6] = '健康';
    const back = writeCsv(path.join(dir, '成员再更正.csv'), MEMBER_HEADER, c.members);
    const nb = fpjc(['import', back, '--db', db, '--no-backup', '--json']);
    expect(nb.code).toBe(0);
    expect(nb.json?.result.snapshot).toBeNull();
  });
});

describe('restore', () => {
  it('checks the file, keeps the current register, and restores every row; the snapshot restores back', () => {
    const backup = path.join(dir, '恢复用.db');
    expect(fpjc(['backup', '--out', backup, '--db', db]).code).toBe(0);
    const atBackup = dumpRegister(db);
    const c = smallCounty();
    c.members[2]![6] = '长期慢性病';
    expect(fpjc(['import', writeCsv(path.join(dir, '之后.csv'), MEMBER_HEADER, c.members), '--db', db]).code).toBe(0);
    const afterImport = dumpRegister(db);
    expect(data(afterImport)).not.toBe(data(atBackup));

    const noYes = fpjc(['restore', backup, '--db', db, '--json']);
    expect(noYes.code).toBe(2);
    expect(noYes.json?.error?.message).toContain('--yes');
    const dry = fpjc(['restore', backup, '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(dry.json?.result).toMatchObject({ households: 3, members: 7, dryRun: true, snapshot: null });
    expect(dumpRegister(db)).toBe(afterImport);

    const r = fpjc(['restore', backup, '--db', db, '--yes', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(data(dumpRegister(db))).toBe(data(atBackup));
    const kept = r.json?.result.snapshot as string;
    expect(path.basename(kept)).toMatch(/-恢复前\.db$/);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT command FROM change_sets ORDER BY id DESC LIMIT 1').pluck().get()).toBe('restore');
    expect(check.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    check.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const back = fpjc(['restore', kept, '--db', db, '--yes']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('已从备份恢复');
    expect(data(dumpRegister(db))).toBe(data(afterImport));
  });

  it('refuses a file that is not a register, a damaged one, and another county’s, with exit 3 and nothing changed', () => {
    const before = dumpRegister(db);
    const junk = path.join(dir, '不是登记库.db');
    fs.writeFileSync(junk, 'SQLite format 3\u0000 but then nothing useful'.repeat(200));
    const damaged = path.join(dir, '损坏.db');
    expect(fpjc(['backup', '--out', damaged, '--db', db]).code).toBe(0);
    const bytes = fs.readFileSync(damaged);
    // scribble over the cells of the last page: the file opens, integrity_check fails
    bytes.fill(0x41, bytes.length - 3000, bytes.length - 8);
    fs.writeFileSync(damaged, bytes);
    const other = initRegister(tempDir('外县'), []);
    const otherDb = new Database(other);
    otherDb.exec("UPDATE settings SET value = '150102' WHERE key = 'county_code'");
    otherDb.close();
    for (const [file, says] of [
      [junk, '不是 fpjc 登记库'],
      [damaged, '完整性检查未通过'],
      [other, '当前登记库是'],
      [path.join(dir, '没有这个.db'), '找不到文件'],
    ] as const) {
      const r = fpjc(['restore', file, '--db', db, '--yes', '--json']);
      expect(r.code, `${file}: ${r.stdout}`).toBe(3);
      expect(r.json?.error?.message).toContain(says);
      expect(dumpRegister(db)).toBe(before);
    }
  });
});
