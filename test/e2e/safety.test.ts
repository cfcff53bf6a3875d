/**
 * A register that may not be written (read-only file, read-only folder) and a full disk,
 * against the real CLI: read commands work, write commands exit 4 with a Chinese message,
 * nothing is changed or lost. Permissions bind only on a non-root user, so as root the CLI
 * runs as `nobody`; the full disk is a real tiny tmpfs where this process may mount one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, initRegister, tempDir } from '../helpers/cli.js';
import { fillDisk, fpjcAs, integrity, openTo, smallDisk, UNPRIVILEGED } from '../helpers/faults.js';
import { idOf, MEMBER_HEADER, smallCounty, writeCsv, writeSmallCounty } from '../helpers/fixtures.js';

const HH = '1407020010010001';
let template: string;
let templateDir: string;

beforeAll(async () => {
  templateDir = tempDir('只读');
  template = initRegister(templateDir);
  const files = await writeSmallCounty(templateDir);
  for (const f of [files.households, files.members]) expect(fpjc(['import', f, '--db', template]).code).toBe(0);
});

/** A copy of the loaded register in a folder of its own that the CLI user owns, and a changed members file. */
function setup(label: string) {
  const dir = tempDir(label);
  const db = path.join(dir, '登记库.db');
  fs.copyFileSync(template, db);
  const home = tempDir('家');
  const c = smallCounty();
  c.members[0]![6] = '健康';
  const changed = writeCsv(path.join(home, '成员更正.csv'), MEMBER_HEADER, c.members);
  openTo(dir, [dir, db]);
  openTo(home, [home, changed]);
  return { dir, db, home, changed };
}

function readsWorkWritesRefused(db: string, home: string, changed: string, says: RegExp): void {
  const before = dumpRegister(db);
  const status = fpjcAs(['status', '--db', db, '--json'], home);
  expect(status.code, status.stdout.slice(0, 400) + status.stderr.slice(0, 400)).toBe(0);
  expect(status.json?.result.households).toBe(3);
  const show = fpjcAs(['show', 'household', HH, '--db', db, '--json'], home);
  expect(show.code, show.stdout.slice(0, 400)).toBe(0);
  const text = fpjcAs(['status', '--db', db], home);
  expect(text.stderr).toContain('只能查看');
  const backup = fpjcAs(['backup', '--out', path.join(home, '备份.db'), '--db', db, '--json'], home);
  expect(backup.code, backup.stdout.slice(0, 400)).toBe(0);

  for (const args of [
    ['import', changed],
    ['policy', 'set', '--year', '2024', '--backups-kept', '3'],
  ]) {
    const r = fpjcAs([...args, '--db', db, '--json'], home);
    expect(r.code, `${args[0]}: ${r.stdout.slice(0, 400)}${r.stderr.slice(0, 400)}`).toBe(4);
    expect(r.json?.error?.code).toBe('REGISTER_READONLY');
    expect(r.json?.error?.message).toMatch(says);
    expect(r.json?.error?.message).toContain('登记库未改动');
    expect(r.json?.error?.message).not.toMatch(/readonly|attempt/i);
  }
  expect(dumpRegister(db)).toBe(before);
}

describe('a register that may not be written', () => {
  it('a read-only file: read commands work, write commands exit 4 in Chinese', () => {
    const { db, home, changed } = setup('只读文件');
    if (UNPRIVILEGED) fs.chownSync(db, 0, 0);
    fs.chmodSync(db, 0o444);
    readsWorkWritesRefused(db, home, changed, /是只读的.*取消“只读”/);
  });

  it('a read-only folder (SQLite needs it writable for the WAL): read from a private copy that is removed', () => {
    const { dir, db, home, changed } = setup('只读文件夹');
    fs.chmodSync(dir, 0o555);
    try {
      dumpRegister(db); // as root: whatever reading it leaves in the folder is there before
      const listing = fs.readdirSync(dir);
      readsWorkWritesRefused(db, home, changed, /文件夹.*没有写入权限/);
      expect(fs.readdirSync(dir)).toEqual(listing);
      // the private copies were removed (each run has this TMPDIR)
      expect(fs.readdirSync(home).filter((f) => f.startsWith('fpjc-只读-'))).toEqual([]);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});

const birth = (i: number): string => {
  const d = new Date(Date.UTC(1950, 0, 1 + i));
  return d.toISOString().slice(0, 10).replace(/-/g, '');
};

/** Many new members for one household: enough rows to fill a small disk. */
function manyMembers(file: string, n: number): string {
  const rows = Array.from({ length: n }, (_, i) => [
    HH,
    idOf(birth(i), 1, i % 2 ? '男' : '女'),
    `成员${i}`,
    i % 2 ? '男' : '女',
    `${birth(i).slice(0, 4)}-${birth(i).slice(4, 6)}-${birth(i).slice(6)}`,
    '其他',
    '健康',
    '普通劳动力',
    '非在校生',
    '未享受',
  ]);
  return writeCsv(file, MEMBER_HEADER, rows);
}

const disk = smallDisk(path.join(tempDir('满盘'), '盘'), 3 * 1024);

describe.skipIf(!disk)('a full disk (a 3 MB tmpfs)', () => {
  it('import: exit 4, says the disk is full, the register is unchanged and sound', () => {
    {
      const db = path.join(disk!.dir, '登记库.db');
      fs.copyFileSync(template, db);
      const big = manyMembers(path.join(templateDir, '很多成员.csv'), 990);
      const small = writeCsv(
        path.join(templateDir, '一处更正.csv'),
        MEMBER_HEADER,
        smallCounty().members.map((m, i) => (i === 0 ? [...m.slice(0, 6), '健康', ...m.slice(7)] : m)),
      );
      fillDisk(disk!.dir, 160 * 1024);
      const before = dumpRegister(db);
      for (const args of [
        ['import', big, '--no-backup'],
        ['import', small],
      ]) {
        const r = fpjc([...args, '--db', db, '--json']);
        expect(r.code, `${args.join(' ')}: ${r.stdout.slice(0, 400)}${r.stderr.slice(0, 400)}`).toBe(4);
        expect(r.json?.error?.code).toBe('DISK_FULL');
        expect(r.json?.error?.message).toContain('磁盘空间不足');
        expect(r.json?.error?.message).toContain('登记库未改动');
        expect(dumpRegister(db)).toBe(before);
        expect(integrity(db)).toBe('ok');
      }
      // no partial snapshot under a final name, no temp file left behind
      const backups = path.join(disk!.dir, 'fpjc-备份');
      expect(fs.existsSync(backups) ? fs.readdirSync(backups) : []).toEqual([]);
    }
  });
});

const outDisk = smallDisk(path.join(tempDir('报表满盘'), '盘'), 1024);
// at file level: a describe filtered out by -t does not run its own afterAll
afterAll(() => {
  disk?.unmount();
  outDisk?.unmount();
});

describe.skipIf(!outDisk)('a full disk while writing reports (a 1 MB tmpfs)', () => {
  it('exit 1, names the files already written, leaves no temp file, the register untouched', () => {
    const db = path.join(tempDir('报表'), '登记库.db');
    fs.copyFileSync(template, db);
    const first = fpjc(['report', 'ledger', '--by', 'village', '--as-of', '2024-05-01', '--db', db, '--json']);
    expect(first.code, first.stdout.slice(0, 400)).toBe(0);
    const files = first.json?.result.files as { file: string }[];
    expect(files.length).toBe(2);
    const size = fs.statSync(files[0]!.file).size;
    // room for one report file, not for two
    fillDisk(outDisk!.dir, Math.floor(size * 1.6));
    const before = dumpRegister(db);
    const r = fpjc([
      'report',
      'ledger',
      '--by',
      'village',
      '--as-of',
      '2024-05-01',
      '--out',
      outDisk!.dir,
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stdout.slice(0, 400)).toBe(1);
    expect(r.json?.error?.code).toBe('DISK_FULL');
    expect(r.json?.error?.message).toContain('磁盘空间不足');
    const written = r.json?.error?.details?.written as string[];
    // files are closed concurrently, so which one the disk takes varies: the naming itself is
    // pinned down in test/unit/reports/report-files.test.ts
    expect(written.length).toBeLessThan(2);
    expect(r.json?.error?.message).toContain(written.length ? '已写成 1 个文件' : '没有生成任何文件');
    for (const f of written) expect(r.json?.error?.message).toContain(f);
    const left = fs.readdirSync(outDisk!.dir).filter((f) => f !== '占位.bin');
    expect(left.sort()).toEqual(written.map((f) => path.basename(f)).sort());
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(dumpRegister(db)).toBe(before);
  });
});
