import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, dumpRegister, fpjc, initRegister, ROOT, tempDir } from '../helpers/cli.js';
import {
  HOUSEHOLD_HEADER,
  INCOME_HEADER,
  idOf,
  MEMBER_HEADER,
  writeCsv,
  writeSmallCounty,
} from '../helpers/fixtures.js';

/** What a clerk sees: suggestions, Chinese help, hints that work when pasted, search by name, Ctrl-C. */

const HH = '1407020010010002'; // 李福, 东阳镇西沟村
let dir: string;
let db: string;
let files: Awaited<ReturnType<typeof writeSmallCounty>>;

const run = (args: string[], env: Record<string, string> = {}) => fpjc([...args, '--db', db], { env });
const json = (args: string[]) => fpjc([...args, '--db', db, '--json']);

beforeAll(async () => {
  dir = tempDir('经办');
  db = initRegister(dir, ['--clerk', '王丽']);
  files = await writeSmallCounty(dir);
  for (const f of [files.households, files.members, files.incomes]) expect(run(['import', f]).code).toBe(0);
  expect(run(['screen', '--campaign', '2024Q2', '--as-of', '2024-05-01']).code).toBe(0);
}, 120_000);

describe('mistakes forgiven', () => {
  it('suggests the nearest command and flag', () => {
    const cmd = fpjc(['improt', 'x.xlsx']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('没有「improt」这个命令。是不是 fpjc import？');
    const sub = fpjc(['review', 'lsit']);
    expect(sub.stderr).toContain('是不是 fpjc review list？');
    const flag = run(['screen', 'status', '--campagin', '2024Q2']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--campagin 是不是 --campaign？');
    expect(fpjc(['zzzzzz']).stderr).not.toContain('是不是');
  });

  it('matches campaign ids whatever their case, and never makes a second campaign for 2024q2', () => {
    const status = json(['screen', 'status', '--campaign', '2024q2']);
    expect(status.code).toBe(0);
    expect(status.json!.result.campaign).toBe('2024Q2');
    expect(json(['screen', '--campaign', '2024q2']).json!.result.campaign).toBe('2024Q2');
    const count = spawnSync(process.execPath, [
      '-e',
      `const D=require(${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3'))});` +
        `console.log(new D(${JSON.stringify(db)}).prepare('SELECT count(*) n FROM campaigns').get().n)`,
    ]);
    expect(String(count.stdout).trim()).toBe('1');
  });

  it('says when --db is a folder, and hints at quotes for a path with a space', () => {
    const folder = fpjc(['status', '--db', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('是一个文件夹，不是登记库文件');
    const spaced = run(['import', path.join(dir, '我的'), '数据.xlsx']);
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain('请用英文双引号把整个路径括起来');
  });

  it('takes Chinese kind names', () => {
    const r = json(['import', '家庭成员', files.members, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.json!.result.kind).toBe('members');
  });
});

describe('no English, no jargon on screen', () => {
  it('has Chinese root help and argument names', () => {
    const help = fpjc(['--help']);
    expect(help.stdout).toContain('版本');
    expect(help.stdout).toContain('用法');
    for (const word of ['VERSION', 'USAGE', 'COMMAND', 'county register']) expect(help.stdout).not.toContain(word);
    const importHelp = fpjc(['import', '--help']).stdout;
    expect(importHelp).toContain('类型或文件');
    expect(importHelp).not.toMatch(/KINDORFILE|<value>/);
    expect(fpjc(['import']).stderr).toContain('缺少参数 <类型或文件>');
  });

  it('names policy sources as documents and values in Chinese', () => {
    const show = run(['policy', 'show', '--year', '2024']).stdout;
    expect(show).not.toMatch(/种子|duration/);
    expect(show).toContain('按风险持续时间');
    expect(show).toContain('《鄂温克族自治旗2024年第二季度防止返贫动态监测帮扶集中排查工作方案》');
    const set = json(['policy', 'set', '--year', '2024', '--color-scheme', '按收入', '--dry-run']);
    expect(set.code).toBe(0);
    expect(set.json!.result.changed[0]).toMatchObject({ key: 'colorScheme', value: 'income' });
  });
});

describe('hints that work when pasted', () => {
  it('repeats --db in every next step', () => {
    const screen = run(['screen', '--campaign', '2024Q2']);
    expect(screen.stdout).toContain(`fpjc report screening-list --campaign 2024Q2 --db "${db}"`);
    const imported = run(['import', files.incomes]);
    expect(imported.stdout).toContain(`下一步：fpjc status --db "${db}"`);
    // a register found through FPJC_DB needs no --db
    const viaEnv = fpjc(['screen', '--campaign', '2024Q2'], { env: { FPJC_DB: db } });
    expect(viaEnv.stdout).toContain('fpjc report screening-list --campaign 2024Q2 生成各村排查清单');
  });
});

describe('find people by name', () => {
  it('shows a household by its head’s or a member’s name, and lists several', async () => {
    const byName = json(['show', 'household', '李福']);
    expect(byName.code).toBe(0);
    expect(byName.json!.result.household.户编号).toBe(HH);
    const byMember = json(['show', 'household', '赵桂兰']);
    expect(byMember.json!.result.household.户编号).toBe(HH);

    const found = json(['find', '张']);
    expect(found.json!.result.people.map((p: { 姓名: string }) => p.姓名)).toEqual(['张建国', '张小梅']);
    expect(found.json!.result.people[0].证件号码).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    expect(json(['find', '1391234']).json!.result.people[0].户编号).toBe(HH);
    expect(run(['find', '没有这个人']).stdout).toContain('没有找到');

    // two households with a 张建国: the list, not a guess
    const twin = idOf('19800101', 8, '男');
    const h = writeCsv(path.join(dir, '户-同名.csv'), HOUSEHOLD_HEADER, [
      ['1407020020010002', '北田镇', '南庄村', '一般农户', '张建国', twin, 1, null, null, null, null, null],
    ]);
    const m = writeCsv(path.join(dir, '成员-同名.csv'), MEMBER_HEADER, [
      ['1407020020010002', twin, '张建国', '男', '1980-01-01', '户主', '健康', '普通劳动力', '非在校生', '未享受'],
    ]);
    expect(run(['import', h]).code).toBe(0);
    expect(run(['import', m]).code).toBe(0);
    const both = run(['show', 'household', '张建国']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('「张建国」在 2 户中都有，请用户编号查看');
    expect(both.stderr).toContain('1407020010010001');
    expect(both.stderr).toContain('1407020020010002');
    expect(both.stderr).not.toContain(twin);
  });
});

describe('stale findings', () => {
  it('marks a campaign’s findings when the household’s income changed after it', () => {
    const before = json(['show', 'household', HH]).json!.result.flags as { 数据状态: string | null }[];
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((f) => f.数据状态 === null)).toBe(true);
    const changed = writeCsv(path.join(dir, '收支-更正.csv'), INCOME_HEADER, [
      [HH, 2023, 2, 0, 3000, 0, 9000, 500, 16000],
    ]);
    expect(run(['import', changed]).code).toBe(0);
    const after = json(['show', 'household', HH]).json!.result.flags as { 数据状态: string | null }[];
    expect(after.every((f) => f.数据状态 === '数据已修改，需重新排查')).toBe(true);
    expect(run(['show', 'household', HH]).stdout).toContain('数据已修改，需重新排查');
    // screening again clears it
    expect(run(['screen', '--campaign', '2024Q2']).code).toBe(0);
    const fresh = json(['show', 'household', HH]).json!.result.flags as { 数据状态: string | null }[];
    expect(fresh.every((f) => f.数据状态 === null)).toBe(true);
  });
});

describe('the operator a clerk recognises', () => {
  it('records the configured clerk when neither --operator nor FPJC_OPERATOR is given', () => {
    const env = { ...process.env } as Record<string, string>;
    delete env.FPJC_OPERATOR;
    const r = spawnSync(
      process.execPath,
      [BIN, 'policy', 'set', '--year', '2025', '--income-line', '8500', '--db', db],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    const last = spawnSync(process.execPath, [
      '-e',
      `const D=require(${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3'))});` +
        `console.log(new D(${JSON.stringify(db)}).prepare('SELECT operator FROM change_sets ORDER BY id DESC LIMIT 1').get().operator)`,
    ]);
    expect(String(last.stdout).trim()).toBe('王丽');
  });
});

describe('the Windows example scripts', () => {
  it('read keys the commands really print under --json', () => {
    const ps1 = fs.readFileSync(path.join(ROOT, 'examples', '季度排查.ps1'), 'utf8');
    const bat = fs.readFileSync(path.join(ROOT, 'examples', '季度排查.bat'), 'utf8');
    expect(ps1.charCodeAt(0)).toBe(0xfeff); // PowerShell 5.1 reads a script without BOM as GBK
    expect(bat).toContain('chcp 65001');
    expect(bat).toMatch(/\r\n/);
    const sub = tempDir('脚本');
    const folder = path.join(sub, '导出');
    fs.mkdirSync(folder);
    for (const f of [files.households, files.members]) fs.copyFileSync(f, path.join(folder, path.basename(f)));
    const scriptDb = initRegister(sub);
    const steps: [string, string[]][] = [
      ['$import', ['import', folder]],
      ['$screen', ['screen', '--campaign', '2024Q2', '--as-of', '2024-05-01']],
      ['$list', ['report', 'screening-list', '--campaign', '2024Q2']],
      ['$status', ['status']],
    ];
    for (const [variable, args] of steps) {
      const r = fpjc([...args, '--db', scriptDb, '--json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const used = [...ps1.matchAll(new RegExp(`\\${variable}\\.(\\w+)`, 'g'))].map((m) => m[1]!);
      expect(used.length).toBeGreaterThan(0);
      for (const key of used) expect(r.json!.result, `${variable}.${key}`).toHaveProperty(key);
      if (variable === '$import') {
        for (const key of [...ps1.matchAll(/\$f\.(\w+)/g)].map((m) => m[1]!)) {
          expect(r.json!.result.files[0]).toHaveProperty(key);
        }
      }
    }
  });
});

describe('in a terminal', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('clears the progress bar before the result is printed', () => {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} import ${JSON.stringify(files.members)} --db ${JSON.stringify(db)}`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, FPJC_OPERATOR: '测试员', NO_COLOR: '1', COLUMNS: '120' },
    });
    expect(r.status).toBe(0);
    const out = r.stdout;
    const table = out.indexOf('导入结果');
    expect(table).toBeGreaterThan(0);
    const bar = out.indexOf(`正在导入 ${path.basename(files.members)}`);
    expect(bar).toBeGreaterThan(-1);
    expect(bar).toBeLessThan(table);
    // nothing of the bar after the table: the summary stays on screen
    expect(out.slice(table)).not.toContain('正在导入');
    expect(out.slice(table)).not.toMatch(/\r(?!\n)/);
  });

  it.skipIf(!fs.existsSync('/proc/self/fd'))(
    'says what was kept when interrupted with Ctrl-C, and exits 130',
    async () => {
      // a big enough file that the import is still reading when the interrupt comes
      const rows = Array.from({ length: 300_000 }, (_, i) => [
        `14070200100${String(i).padStart(5, '0')}`,
        idOf('19700101', (i % 900) + 1, '男'),
        `测试${i}`,
        '男',
        '1970-01-01',
        '户主',
        '健康',
        '普通劳动力',
        '非在校生',
        '未享受',
      ]);
      const big = writeCsv(path.join(dir, '成员-大.csv'), MEMBER_HEADER, rows);
      const before = dumpRegister(db);
      const child = spawn(process.execPath, [BIN, 'import', big, '--db', db], {
        env: { ...process.env, FPJC_OPERATOR: '测试员', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      // interrupt once the file is being read (the command has set up by then)
      const reading = (): boolean => {
        try {
          return fs.readdirSync(`/proc/${child.pid}/fd`).some((fd) => {
            try {
              return fs.readlinkSync(`/proc/${child.pid}/fd/${fd}`) === big;
            } catch {
              return false;
            }
          });
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 600 && !reading(); i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
      expect(code).toBe(130);
      expect(stderr).toContain('已中断，本文件未导入，登记库保持导入前状态。');
      expect(dumpRegister(db)).toBe(before);
    },
    60_000,
  );
});
