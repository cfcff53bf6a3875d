import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, fpjcAsync, initRegister, tempDir } from '../helpers/cli.js';
import {
  HOUSEHOLD_HEADER,
  INCOME_HEADER,
  idOf,
  MEMBER_HEADER,
  smallCounty,
  writeCsv,
  writeSmallCounty,
  writeXlsx,
} from '../helpers/fixtures.js';

/** A register holding the small county, and its files. */
async function loadedRegister() {
  const dir = tempDir('导入');
  const db = initRegister(dir);
  const files = await writeSmallCounty(dir);
  for (const f of [files.households, files.members, files.incomes]) {
    const r = fpjc(['import', f, '--db', db, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }
  return { dir, db, files };
}

/** Runs a command expected to be rejected and checks the register did not change. */
function rejected(db: string, args: string[], code: number) {
  const before = dumpRegister(db);
  const r = fpjc([...args, '--db', db, '--json']);
  expect(r.code, r.stdout + r.stderr).toBe(code);
  expect(r.json?.ok).toBe(false);
  expect(r.json?.error?.message).toMatch(/[\u4e00-\u9fff]/);
  expect(dumpRegister(db)).toBe(before);
  return r;
}

describe('import: the happy path', () => {
  it('imports households (header on row 3), a GBK members CSV and incomes; re-import changes nothing', async () => {
    const { db, files } = await loadedRegister();
    const status = fpjc(['status', '--db', db, '--json']);
    expect(status.json?.result.households).toBe(3);
    expect(status.json?.result.members).toBe(7);
    expect(status.json?.result.monitored.byCategory).toEqual({ 脱贫不稳定户: 1, 边缘易致贫户: 1 });

    const before = dumpRegister(db);
    const again = fpjc(['import', files.members, '--db', db, '--json']);
    expect(again.code).toBe(0);
    expect(again.json?.result).toMatchObject({ kind: 'members', inserted: 0, updated: 0, unchanged: 7, rejected: 0 });
    const changeRows = (d: string) => d.split('\n## ').find((s) => s.startsWith('changes'))!;
    expect(changeRows(dumpRegister(db))).toBe(changeRows(before));
  });

  it('detects the kind, says which, and records field-level changes with operator and reason', async () => {
    const { dir, db, ids } = { ...(await loadedRegister()), ids: smallCounty().ids };
    const c = smallCounty();
    c.members[1]![6] = '长期慢性病';
    const f = writeCsv(path.join(dir, '成员更正.csv'), MEMBER_HEADER, c.members, 'utf8bom');
    const r = fpjc(['import', f, '--db', db, '--operator', '李会计', '--reason', '入户核实更正']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('家庭成员');
    const sqlite = new Database(db, { readonly: true });
    const rows = sqlite
      .prepare(
        `SELECT s.operator, s.reason, c.record_key, c.field, c.old_value, c.new_value FROM changes c JOIN change_sets s ON s.id = c.set_id WHERE c.op = 'update'`,
      )
      .all();
    sqlite.close();
    expect(rows).toEqual([
      {
        operator: '李会计',
        reason: '入户核实更正',
        record_key: ids.a2,
        field: 'health',
        old_value: '健康',
        new_value: '长期慢性病',
      },
    ]);
  });

  it('fills an empty 转移性收入 from its sub-items and keeps Chinese punctuation in free text', async () => {
    const { dir, db } = await loadedRegister();
    const f = writeCsv(
      path.join(dir, '子项.csv'),
      ['户编号', '年度', '家庭人口数', '工资性收入', '转移性收入', '低保金', '养老保险金'],
      [['1407020010010002', 2022, 2, 1000, null, 3000, 1200.5]],
    );
    expect(fpjc(['import', 'incomes', f, '--db', db, '--json']).code).toBe(0);
    const h = fpjc(['show', 'household', '1407020010010002', '--db', db, '--json']);
    expect(h.json?.result.incomes[0]).toMatchObject({ 年度: 2022, 转移性收入: 4200.5, '家庭纯收入(计算)': 5200.5 });
    expect(fpjc(['show', 'household', '1407020010010002', '--db', db]).stdout).toMatch(/^2022 /m);
    const m = writeCsv(
      path.join(dir, '措施.csv'),
      ['户编号', '帮扶措施类别', '措施内容'],
      [['1407020010010002', '健康帮扶', '大病救助，临时救助（乡镇）']],
    );
    expect(fpjc(['import', 'measures', m, '--db', db, '--json']).code).toBe(0);
    const after = fpjc(['show', 'household', '1407020010010002', '--db', db, '--json']);
    expect(after.json?.result.measures[0].措施内容).toBe('大病救助，临时救助（乡镇）');
  });

  it('dry-run reports what would change and writes nothing', async () => {
    const dir = tempDir('试导入');
    const db = initRegister(dir);
    const files = await writeSmallCounty(dir);
    const before = dumpRegister(db);
    const r = fpjc(['import', 'households', files.households, '--db', db, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(r.json?.result).toMatchObject({ inserted: 3, dryRun: true });
    expect(dumpRegister(db)).toBe(before);
  });

  it('imports a whole folder in dependency order', async () => {
    const dir = tempDir('文件夹');
    const data = path.join(dir, '数据 2024');
    fs.mkdirSync(data);
    await writeSmallCounty(data);
    const db = initRegister(dir);
    const r = fpjc(['import', data, '--db', db, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json?.result.files.map((f: { kind: string }) => f.kind)).toEqual(['households', 'members', 'incomes']);
  });

  it('export → import reports everything unchanged, for every kind', async () => {
    const { dir, db } = await loadedRegister();
    for (const kind of ['households', 'members', 'incomes']) {
      for (const ext of ['xlsx', 'csv']) {
        const out = path.join(dir, `导出 ${kind}.${ext}`);
        const e = fpjc(['export', kind, '--out', out, '--db', db, '--json']);
        expect(e.code, e.stdout + e.stderr).toBe(0);
        const before = dumpRegister(db).replace(/## imports[\s\S]*?(?=\n## )/, '');
        const r = fpjc(['import', kind, out, '--db', db, '--json', '--no-backup']);
        expect(r.code, r.stdout).toBe(0);
        expect(r.json?.result).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
        expect(r.json?.result.unchanged).toBeGreaterThan(0);
        expect(dumpRegister(db).replace(/## imports[\s\S]*?(?=\n## )/, '')).toBe(before);
      }
    }
  });

  it('show household and show member give everything under --json', async () => {
    const { db } = await loadedRegister();
    const ids = smallCounty().ids;
    const h = fpjc(['show', 'household', '1407020010010001', '--db', db, '--json']);
    expect(h.code).toBe(0);
    expect(h.json?.result.household).toMatchObject({
      户编号: '1407020010010001',
      乡镇: '东阳镇',
      村: '西沟村',
      户类型: '脱贫户',
    });
    expect(h.json?.result.members).toHaveLength(3);
    expect(h.json?.result.incomes[0]).toMatchObject({ 年度: 2023, '家庭纯收入(计算)': 21500 });
    expect(h.json?.result.monitoring).toMatchObject({
      监测对象类别: '脱贫不稳定户',
      风险类型: ['因病'],
      识别监测时间: '2023-03',
    });
    expect(h.json?.result.monitoring.history[0]).toMatchObject({ 事项: '识别' });
    const m = fpjc(['show', 'member', ids.a3, '--db', db, '--json']);
    expect(m.json?.result.member).toMatchObject({ 姓名: '张小梅', 在校生状况: '七年级' });
    expect(m.json?.result.household.household.户编号).toBe('1407020010010001');
    const text = fpjc(['show', 'household', '1407020010010001', '--db', db]);
    expect(text.stdout).toContain('张小梅');
    const missing = fpjc(['show', 'household', '999', '--db', db, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json?.error?.code).toBe('NOT_FOUND');
  });
});

describe('import: bad input is rejected with a Chinese message and changes nothing', () => {
  let db: string;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await loadedRegister());
  });

  const memberRow = (over: Partial<Record<string, string | number | null>> = {}) => {
    const base: Record<string, string | number | null> = {
      户编号: '1407020010010002',
      证件号码: idOf('19900101', 40, '男'),
      姓名: '李明',
      性别: '男',
      出生日期: '1990-01-01',
      与户主关系: '之子',
      健康状况: '健康',
      劳动技能: '普通劳动力',
      在校生状况: '非在校生',
      享受低保政策情况: '未享受',
    };
    const merged = { ...base, ...over };
    const id = String(merged.证件号码);
    if (!('出生日期' in over) && /^\d{17}[\dX]$/.test(id))
      merged.出生日期 = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    return MEMBER_HEADER.map((h) => merged[h] ?? null);
  };

  const problemsOf = (r: ReturnType<typeof fpjc>) =>
    r.json?.error?.details?.problems as { row: number; column: string; value: string; message: string }[];

  it('missing file', () => {
    const r = rejected(db, ['import', 'members', path.join(dir, '没有这个文件.xlsx')], 3);
    expect(r.json?.error?.code).toBe('FILE_NOT_FOUND');
    expect(r.json?.error?.message).toContain('找不到文件');
  });

  it('a renamed csv and a corrupt zip are not xlsx', () => {
    const renamed = path.join(dir, '其实是csv.xlsx');
    fs.writeFileSync(renamed, '户编号,证件号码\n1,2\n');
    expect(rejected(db, ['import', 'members', renamed], 3).json?.error?.code).toBe('UNREADABLE_FILE');
    const corrupt = path.join(dir, '损坏.xlsx');
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    expect(rejected(db, ['import', 'members', corrupt], 3).json?.error?.code).toBe('UNREADABLE_FILE');
  });

  it('an empty sheet and a header without rows', async () => {
    const empty = await writeXlsx(path.join(dir, '空表.xlsx'), [{ name: 'Sheet1', header: [], rows: [] }]);
    expect(rejected(db, ['import', 'members', empty], 3).json?.error?.code).toMatch(/EMPTY_FILE|INVALID_INPUT/);
    const headerOnly = await writeXlsx(path.join(dir, '只有表头.xlsx'), [
      { name: '成员', header: MEMBER_HEADER, rows: [] },
    ]);
    expect(rejected(db, ['import', 'members', headerOnly], 3).json?.error?.code).toBe('EMPTY_FILE');
  });

  it('a header missing a required column names it', async () => {
    const f = await writeXlsx(path.join(dir, '缺列.xlsx'), [
      {
        name: '成员',
        header: MEMBER_HEADER.filter((h) => h !== '与户主关系'),
        rows: [memberRow().filter((_, i) => MEMBER_HEADER[i] !== '与户主关系')],
      },
    ]);
    const r = rejected(db, ['import', 'members', f], 3);
    expect(r.json?.error?.message).toContain('与户主关系');
  });

  it('unknown columns are reported, not fatal', () => {
    const f = writeCsv(
      path.join(dir, '多余列.csv'),
      [...MEMBER_HEADER, '微信号'],
      [[...memberRow({ 证件号码: idOf('19910101', 41) }), 'abc']],
    );
    const r = fpjc(['import', 'members', f, '--db', db, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json?.result.unknownColumns).toEqual(['微信号']);
  });

  it('ID stored by Excel as a number, in xlsx and as text in csv', async () => {
    const x = await writeXlsx(path.join(dir, '数字身份证.xlsx'), [
      { name: '成员', header: MEMBER_HEADER, rows: [memberRow({ 证件号码: 4.10102199001011e17 })] },
    ]);
    const r1 = rejected(db, ['import', 'members', x], 3);
    expect(problemsOf(r1)[0]).toMatchObject({ row: 2, column: '证件号码' });
    expect(problemsOf(r1)[0]!.message).toContain('数字');
    const c = writeCsv(path.join(dir, '科学计数.csv'), MEMBER_HEADER, [memberRow({ 证件号码: '4.10102E+17' })]);
    const r2 = rejected(db, ['import', 'members', c], 3);
    expect(problemsOf(r2)[0]).toMatchObject({ row: 2, column: '证件号码', value: '4.10102E+17' });
    expect(problemsOf(r2)[0]!.message).toContain('身份证号被 Excel 存成了数字');
  });

  it('wrong check digit, 15-digit ID, duplicate ID in the file', () => {
    const good = idOf('19900101', 42);
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const f = writeCsv(path.join(dir, '身份证问题.csv'), MEMBER_HEADER, [
      memberRow({ 证件号码: wrong }),
      memberRow({ 证件号码: '140702900101123' }),
      memberRow({ 证件号码: good }),
      memberRow({ 证件号码: good, 户编号: '1407020020010001' }),
    ]);
    const r = rejected(db, ['import', 'members', f], 3);
    const p = problemsOf(r);
    expect(p.map((x) => x.row)).toEqual([2, 3, 5]);
    expect(p[0]!.message).toContain('校验位');
    expect(p[1]!.message).toContain('18 位');
    expect(p[2]!.message).toContain('第 4 行');
    expect(fs.existsSync(`${f}.错误报告.xlsx`)).toBe(true);
  });

  it('member whose household is absent', () => {
    const f = writeCsv(path.join(dir, '无户.csv'), MEMBER_HEADER, [
      memberRow({ 户编号: '9999', 证件号码: idOf('19900101', 43) }),
    ]);
    const r = rejected(db, ['import', 'members', f], 3);
    expect(problemsOf(r)[0]!.message).toContain('9999');
  });

  it('non-numeric income and an impossible month', async () => {
    const f = await writeXlsx(path.join(dir, '收入问题.xlsx'), [
      { name: '收入', header: INCOME_HEADER, rows: [['1407020010010001', 2022, 3, '一万二', 0, 0, 0, 0, 0]] },
    ]);
    const r = rejected(db, ['import', 'incomes', f], 3);
    expect(problemsOf(r)[0]).toMatchObject({ column: '工资性收入', value: '一万二' });
    const h = await writeXlsx(path.join(dir, '日期问题.xlsx'), [
      {
        name: '户',
        header: HOUSEHOLD_HEADER,
        rows: [
          [
            '1407020010010009',
            '东阳镇',
            '西沟村',
            '一般农户',
            '周',
            null,
            1,
            null,
            '边缘易致贫户',
            '2024年13月',
            '因病',
            '否',
          ],
        ],
      },
    ]);
    const r2 = rejected(db, ['import', 'households', h], 3);
    expect(problemsOf(r2)[0]).toMatchObject({ column: '识别监测时间', value: '2024年13月' });
  });

  it('a 10 MB cell', () => {
    const f = writeCsv(path.join(dir, '超长.csv'), MEMBER_HEADER, [
      memberRow({ 证件号码: idOf('19900101', 44), 姓名: '长'.repeat((10 * 1024 * 1024) / 3) }),
    ]);
    const r = rejected(db, ['import', 'members', f], 3);
    expect(problemsOf(r)[0]).toMatchObject({ column: '姓名' });
    expect(problemsOf(r)[0]!.message).toContain('过长');
    expect(problemsOf(r)[0]!.value.length).toBeLessThan(1000);
  });

  it('skip-invalid writes the valid rows and reports the rest', () => {
    const f = writeCsv(path.join(dir, '部分有效.csv'), MEMBER_HEADER, [
      memberRow({ 证件号码: idOf('19900101', 45) }),
      memberRow({ 证件号码: '123' }),
    ]);
    const r = fpjc(['import', 'members', f, '--db', db, '--json', '--skip-invalid']);
    expect(r.code).toBe(0);
    expect(r.json?.result).toMatchObject({ inserted: 1, rejected: 1 });
  });

  it('a register locked by another process', async () => {
    const f = writeCsv(path.join(dir, '锁.csv'), MEMBER_HEADER, [memberRow({ 证件号码: idOf('19900101', 46) })]);
    const before = dumpRegister(db);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const r = await fpjcAsync(['import', 'members', f, '--db', db, '--json', '--no-backup']);
      expect(r.code, r.stdout + r.stderr).toBe(4);
      expect(r.json?.error?.code).toBe('REGISTER_LOCKED');
      expect(r.json?.error?.message).toContain('另一个');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(dumpRegister(db)).toBe(before);
  });

  it('a register from a newer version', () => {
    const newer = path.join(dir, '新版本.db');
    fs.copyFileSync(db, newer);
    const s = new Database(newer);
    s.pragma('user_version = 99');
    s.close();
    const r = rejected(newer, ['status'], 4);
    expect(r.json?.error?.code).toBe('REGISTER_NEWER');
  });

  it('a missing register, and init refusing an existing file', () => {
    const r = fpjc(['status', '--db', path.join(dir, '不存在.db'), '--json']);
    expect(r.code).toBe(4);
    expect(r.json?.error?.message).toContain('fpjc init');
    const again = fpjc(['init', '--db', db, '--county-code', '140702', '--county-name', '榆次区', '--json']);
    expect(again.code).toBe(4);
  });

  it('usage errors exit 2 in Chinese', () => {
    const r = fpjc(['import', 'people', 'x.xlsx', '--db', db, '--json']);
    expect(r.code).toBe(2);
    expect(r.json?.error?.message).toContain('数据类型');
    const r2 = fpjc(['status', '--db', db, '--bogus']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('不认识的参数');
  });
});

describe('policy', () => {
  it('shows defaults with sources and sets a year, audited', () => {
    const dir = tempDir('参数');
    const db = initRegister(dir);
    const show = fpjc(['policy', 'show', '--year', '2024', '--db', db, '--json']);
    const byKey = Object.fromEntries(
      show.json?.result.parameters.map((p: { key: string; value: unknown }) => [p.key, p.value]),
    );
    expect(byKey).toMatchObject({
      incomeLine: 8300,
      bigIllnessSelfPay: 10000,
      bottomShare: 0.2,
      publicityDaysIdentify: 5,
    });
    const set = fpjc([
      'policy',
      'set',
      '--year',
      '2025',
      '--income-line',
      '8700',
      '--color-scheme',
      'income',
      '--db',
      db,
      '--json',
    ]);
    expect(set.code, set.stdout).toBe(0);
    expect(set.json?.result.changed.map((c: { key: string }) => c.key)).toEqual(['incomeLine', 'colorScheme']);
    const bad = fpjc(['policy', 'set', '--year', '2025', '--bottom-share', '2', '--db', db, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json?.error?.message).toContain('脱贫户收入后位比例');
    expect(
      fpjc(['policy', 'show', '--year', '2023', '--db', db, '--json']).json?.result.parameters[0].value,
    ).toBeNull();
  });
});
