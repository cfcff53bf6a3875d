import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, initRegister, tempDir } from '../helpers/cli.js';
import { idOf, MEMBER_HEADER, smallCounty, writeCsv, writeSmallCounty, writeXlsx } from '../helpers/fixtures.js';

/** Corrections, their history and undo (issue 10) on the small county of the fixtures. */

const A = '1407020010010001'; // 张建国's household: 张建国 (户主), 刘秀英, 张小梅
const B = '1407020010010002'; // 李福 (户主), 赵桂兰
const C = '1407020020010001'; // 王强 (户主), 王小虎

let dir: string;
let ids: ReturnType<typeof smallCounty>['ids'];
let files: Awaited<ReturnType<typeof writeSmallCounty>>;
let template: string;

/** A fresh register with the small county, its measures and alerts (a copy of one made once). */
async function county(label: string): Promise<string> {
  const db = path.join(tempDir(label), '登记库.db');
  fs.copyFileSync(template, db);
  return db;
}

async function makeTemplate(): Promise<string> {
  const d = tempDir('模板');
  const db = initRegister(d);
  for (const f of [files.households, files.members, files.incomes])
    expect(fpjc(['import', f, '--db', db]).code).toBe(0);
  const measures = writeCsv(
    path.join(d, '帮扶措施.csv'),
    ['户编号', '证件号码', '帮扶措施类别', '措施内容', '开始时间'],
    [[A, ids.a1, '健康帮扶', '家庭医生签约', '2023-05']],
  );
  const alerts = writeCsv(
    path.join(d, '医保预警.csv'),
    ['来源部门', '证件号码', '姓名', '预警类型', '指标值', '预警日期'],
    [['医保', ids.a1, '张建国', '大病自付', 15000, '2024-04-01']],
  );
  expect(fpjc(['import', 'measures', measures, '--db', db]).code).toBe(0);
  expect(fpjc(['import', 'alerts', alerts, '--db', db]).code).toBe(0);
  return db;
}

const on = (db: string) => ({
  run: (args: string[]) => fpjc([...args, '--db', db]),
  json: (args: string[]) => {
    const r = fpjc([...args, '--db', db, '--json']);
    if (!r.json) throw new Error(`no JSON from ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return r;
  },
  one: <T = unknown>(sql: string, ...params: unknown[]): T => {
    const d = new Database(db, { readonly: true });
    try {
      return d
        .prepare(sql)
        .pluck()
        .get(...params) as T;
    } finally {
      d.close();
    }
  },
});

beforeAll(async () => {
  dir = tempDir('更正');
  files = await writeSmallCounty(dir);
  ids = files.ids;
  template = await makeTemplate();
}, 60_000);

describe('edit member: a corrected 证件号码', () => {
  let db: string;
  const NEW = idOf('19700315', 41, '男');
  beforeAll(async () => {
    db = await county('证件号码');
  }, 60_000);

  it('keeps the person, the household head, measures and alerts attached, and shows in history', () => {
    const { json, one } = on(db);
    const r = json(['edit', 'member', ids.a1, '--set', `证件号码=${NEW}`, '--reason', '身份证号录错']);
    expect(r.code).toBe(0);
    expect(r.json!.result.idChange).toEqual({ 原证件号码: ids.a1, 新证件号码: NEW });
    expect(one('SELECT count(*) FROM members WHERE hh_no = ?', A)).toBe(3);
    expect(one('SELECT name FROM members WHERE id_no = ?', NEW)).toBe('张建国');
    expect(one('SELECT head_id_no FROM households WHERE hh_no = ?', A)).toBe(NEW);
    expect(one('SELECT member_id_no FROM measures WHERE hh_no = ?', A)).toBe(NEW);
    expect(one('SELECT member_id_no FROM alerts WHERE id_no = ?', ids.a1)).toBe(NEW);
    const h = json(['history', NEW]).json!.result;
    expect(h.subject.证件号码历史.sort()).toEqual([ids.a1, NEW].sort());
    const edit = h.sets.find((s: any) => s.命令 === 'edit member');
    expect(edit).toMatchObject({ 原因: '身份证号录错', 经办人: '测试员' });
    expect(edit.changes).toContainEqual({
      类别: '成员',
      记录: ids.a1,
      操作: '修改',
      字段: '证件号码',
      原值: ids.a1,
      新值: NEW,
    });
    // the import that added the person is part of the history too
    expect(h.sets.some((s: any) => s.命令.startsWith('import members'))).toBe(true);
  });

  it('is undone whole, and the undo is itself in the history', () => {
    const { json, one } = on(db);
    const set = json(['history', NEW]).json!.result.sets.find((s: any) => s.命令 === 'edit member').修改记录号;
    const dry = json(['undo', String(set), '--dry-run']).json!.result;
    expect(dry.dryRun).toBe(true);
    expect(dry.count).toBeGreaterThanOrEqual(4);
    expect(one('SELECT count(*) FROM members WHERE id_no = ?', NEW)).toBe(1);
    const r = json(['undo', String(set)]);
    expect(r.code).toBe(0);
    expect(one('SELECT count(*) FROM members WHERE id_no = ?', ids.a1)).toBe(1);
    expect(one('SELECT head_id_no FROM households WHERE hh_no = ?', A)).toBe(ids.a1);
    expect(one('SELECT member_id_no FROM measures WHERE hh_no = ?', A)).toBe(ids.a1);
    expect(one('SELECT member_id_no FROM alerts WHERE id_no = ?', ids.a1)).toBe(ids.a1);
    const sets = json(['history', ids.a1]).json!.result.sets;
    expect(sets.find((s: any) => s.修改记录号 === set).已撤销).toBe(r.json!.result.changeSet);
    expect(sets.find((s: any) => s.命令 === 'undo').撤销了).toBe(set);
    // undoing twice is refused
    const again = json(['undo', String(set)]);
    expect(again.code).toBe(3);
    expect(again.json!.error!.message).toContain('已经由修改记录');
  });
});

describe('edit on the command line (the rules themselves: test/unit/services/edit-service.test.ts)', () => {
  let db: string;
  beforeAll(async () => {
    db = await county('命令行');
  }, 60_000);

  it('refuses an invalid value with exit 3 and the import message, the register unchanged', () => {
    const { run, json } = on(db);
    const before = dumpRegister(db);
    const bad = `${ids.a1.slice(0, 17)}${ids.a1.endsWith('0') ? '1' : '0'}`;
    const r = json(['edit', 'member', ids.a1, '--set', `证件号码=${bad}`, '--reason', '测试']);
    expect(r.code).toBe(3);
    expect(r.json!.error!.code).toBe('INVALID_INPUT');
    expect(r.json!.error!.message).toContain('校验位应为');
    const skill = run(['edit', 'member', ids.a2, '--set', '劳动技能=很能干', '--reason', '测试']);
    expect(skill.code).toBe(3);
    expect(skill.stderr).toContain('劳动技能');
    expect(skill.stdout).toBe('');
    expect(dumpRegister(db)).toBe(before);
  });

  it('never prompts without a terminal; usage errors exit 2', () => {
    const { run } = on(db);
    const bare = run(['edit', 'member', ids.a1]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--set');
    const mon = run(['edit', 'household', A, '--set', '监测对象类别=突发严重困难户', '--reason', 'x']);
    expect(mon.code).toBe(2);
    expect(mon.stderr).toContain('按程序办理');
  });

  it('edits a household and an income year, and hands over the 户主 of a member who died', () => {
    const { json, one } = on(db);
    const r = json(['edit', 'household', A, '--set', '联系电话=13800001111', '--reason', '电话变更']);
    expect(r.code).toBe(0);
    expect(r.json!.result.changes).toEqual([
      { 类别: '户', 记录: A, 字段: '联系电话', 原值: '13812345678', 新值: '13800001111' },
    ]);
    const inc = json(['edit', 'income', A, '--year', '2023', '--set', '工资性收入=15000', '--reason', '务工收入核实']);
    expect(inc.code).toBe(0);
    expect(one('SELECT wage FROM incomes WHERE hh_no = ? AND year = 2023', A)).toBe(15000);
    // the income year is named in words, not as the log's key
    expect(inc.json!.result.changes[0]).toMatchObject({ 类别: '收支', 记录: `户 ${A}，2023 年度`, 新值: '15000' });
    const undo = json(['undo', String(inc.json!.result.changeSet), '--dry-run']);
    expect(undo.json!.result.reverted[0]).toMatchObject({ 类别: '收支', 记录: `户 ${A}，2023 年度` });
    const noHead = json(['edit', 'member', ids.b1, '--status', '死亡', '--date', '2024-03-15', '--reason', '去世']);
    expect(noHead.code).toBe(2);
    expect(noHead.json!.error!.message).toContain('--new-head');
    const died = json([
      'edit',
      'member',
      ids.b1,
      '--status',
      '死亡',
      '--date',
      '2024年3月15日',
      '--new-head',
      ids.b2,
      '--reason',
      '户主去世',
    ]);
    expect(died.code).toBe(0);
    expect(one('SELECT head_id_no || head_name FROM households WHERE hh_no = ?', B)).toBe(`${ids.b2}赵桂兰`);
  });

  it('moves a member to another household; the household history keeps the move', () => {
    const { json, one } = on(db);
    const r = json(['edit', 'member', ids.a3, '--move-to', C, '--set', '与户主关系=其他', '--reason', '分户']);
    expect(r.code).toBe(0);
    expect(one('SELECT hh_no FROM members WHERE id_no = ?', ids.a3)).toBe(C);
    const h = json(['history', A]).json!.result;
    expect(h.sets.some((s: any) => s.原因 === '分户')).toBe(true);
    expect(json(['history', A, '--since', '2099-01-01']).json!.result.sets).toEqual([]);
    expect(json(['history', A, '--since', '明天']).code).toBe(2);
    expect(json(['history', '9999']).code).toBe(1);
  });
});

describe('edit --file', () => {
  let db: string;
  beforeAll(async () => {
    db = await county('清单');
  }, 60_000);
  const header = ['证件号码', '户编号', '年度', '字段', '原值', '新值', '原因'];

  it('applies every row, each its own change set; a 原值 that no longer matches refuses the whole sheet', async () => {
    const { json, one } = on(db);
    const NEW = idOf('19720610', 42, '女');
    const good = await writeXlsx(path.join(dir, '更正清单.xlsx'), [
      {
        name: '更正',
        header,
        rows: [
          [ids.a2, null, null, '证件号码', ids.a2, NEW, '身份证号录错'],
          [ids.a2, null, null, '健康状况', '健康', '长期慢性病', '入户核实'],
          [null, B, null, '联系电话', '13912345678', '13900000000', '电话变更'],
          [null, B, 2023, '转移性收入', 9000, 9500, '补录低保金'],
        ],
      },
    ]);
    const r = json(['edit', '--file', good]);
    expect(r.code).toBe(0);
    expect(r.json!.result.changeSets).toHaveLength(4);
    expect(one('SELECT health FROM members WHERE id_no = ?', NEW)).toBe('长期慢性病');
    expect(one('SELECT transfer FROM incomes WHERE hh_no = ? AND year = 2023', B)).toBe(9500);

    const before = dumpRegister(db);
    const stale = await writeXlsx(path.join(dir, '过期清单.xlsx'), [
      {
        name: '更正',
        header,
        rows: [
          [null, C, null, '联系电话', null, '13700000000', '补录电话'],
          [null, B, null, '联系电话', '13912345678', '13600000000', '电话变更'],
          [ids.c1, null, null, '劳动技能', '普通劳动力', '会飞', '核实'],
        ],
      },
    ]);
    const bad = json(['edit', '--file', stale]);
    expect(bad.code).toBe(3);
    const problems = bad.json!.error!.details.problems;
    expect(problems.map((p: any) => [p.row, p.column])).toEqual([
      [3, '原值'],
      [4, '新值'],
    ]);
    expect(problems[0].message).toContain('13900000000');
    expect(dumpRegister(db)).toBe(before);
    expect(fs.existsSync(`${stale}.错误报告.xlsx`)).toBe(true);
  });
});

describe('import: a re-imported roster with a corrected 证件号码', () => {
  let db: string;
  beforeAll(async () => {
    db = await county('导入更正');
  }, 60_000);

  it('is an ID correction: a row problem without --allow-id-change, a change of 证件号码 with it', () => {
    const { json, one } = on(db);
    const c = smallCounty();
    const NEW = idOf('20180505', 43, '男');
    const rows = c.members.map((m) => (m[1] === ids.c2 ? [m[0]!, NEW, ...m.slice(2)] : m));
    const file = writeCsv(path.join(dir, '家庭成员（更正）.csv'), MEMBER_HEADER, rows);
    const before = dumpRegister(db);
    const refused = json(['import', file]);
    expect(refused.code).toBe(3);
    const p = refused.json!.error!.details.problems;
    expect(p).toHaveLength(1);
    expect(p[0].message).toContain('--allow-id-change');
    expect(p[0].message).toContain(ids.c2);
    expect(dumpRegister(db)).toBe(before);
    // the old number in the same file too: one person with two numbers, refused even when allowed
    const both = writeCsv(path.join(dir, '家庭成员（两个号码）.csv'), MEMBER_HEADER, [
      ...c.members,
      [C, NEW, ...c.members.find((m) => m[1] === ids.c2)!.slice(2)],
    ]);
    const twice = json(['import', both, '--allow-id-change', '--dry-run']);
    expect(twice.code).toBe(3);
    expect(twice.json!.error!.details.problems[0].message).toContain('两个证件号码');
    const dry = json(['import', file, '--allow-id-change', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.json!.result.idCorrections).toEqual([
      { 户编号: C, 姓名: '王小虎', 原证件号码: ids.c2, 新证件号码: NEW, 依据: '姓名+出生日期' },
    ]);
    expect(dumpRegister(db)).toBe(before);
    const r = json(['import', file, '--allow-id-change']);
    expect(r.code).toBe(0);
    expect(one('SELECT count(*) FROM members WHERE hh_no = ?', C)).toBe(2);
    expect(one('SELECT name FROM members WHERE id_no = ?', NEW)).toBe('王小虎');
    expect(json(['history', NEW]).json!.result.subject.证件号码历史).toContain(ids.c2);
    // undoing the import puts the old number back
    expect(json(['undo', String(r.json!.result.changeSet)]).code).toBe(0);
    expect(one('SELECT name FROM members WHERE id_no = ?', ids.c2)).toBe('王小虎');
    expect(one('SELECT count(*) FROM members WHERE id_no = ?', NEW)).toBe(0);
  });
});

describe('undo', () => {
  let db: string;
  beforeAll(async () => {
    db = await county('撤销');
  }, 60_000);

  it('reverts an import; refused, naming the later change set, when a later edit depends on it', async () => {
    const { json, one } = on(db);
    const extra = writeCsv(
      path.join(dir, '新增户.csv'),
      ['户编号', '乡镇', '村', '户类型', '户主姓名'],
      [['1407020020010009', '北田镇', '南庄村', '一般农户', '孙大']],
    );
    const imp = json(['import', extra]).json!.result;
    expect(one('SELECT count(*) FROM households')).toBe(4);
    const edit = json(['edit', 'household', '1407020020010009', '--set', '联系电话=13500000000', '--reason', '补录'])
      .json!.result;
    const refused = json(['undo', String(imp.changeSet)]);
    expect(refused.code).toBe(3);
    expect(refused.json!.error!.message).toContain(String(edit.changeSet));
    expect(refused.json!.error!.details.dependents[0].修改记录号).toBe(edit.changeSet);
    expect(json(['undo', String(edit.changeSet)]).code).toBe(0);
    const r = json(['undo', String(imp.changeSet)]);
    expect(r.code).toBe(0);
    expect(one('SELECT count(*) FROM households')).toBe(3);
    // the register's overview says the last import was undone
    const { run } = on(db);
    expect(run(['status']).stdout).toMatch(
      new RegExp(
        `最近一次导入\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d 户信息（新增户\\.csv）：新增 1，更新 0，未变 0（已由修改记录 ${r.json!.result.changeSet} 撤销）`,
      ),
    );
    expect(json(['status']).json!.result.lastImport).toMatchObject({
      kind: 'households',
      undoneBy: r.json!.result.changeSet,
    });
    // an undo can itself be undone: the household comes back whole
    expect(json(['undo', String(r.json!.result.changeSet)]).code).toBe(0);
    expect(one('SELECT head_name FROM households WHERE hh_no = ?', '1407020020010009')).toBe('孙大');
  });

  it('reverts a workflow decision', () => {
    const { json, one } = on(db);
    const opened = json([
      'review',
      'add',
      '--household',
      B,
      '--source',
      '农户自主申报',
      '--category',
      '突发严重困难户',
      '--risk',
      '因病',
      '--date',
      '2024-05-01',
    ]);
    expect(opened.code).toBe(0);
    const caseNo = opened.json!.result.opened[0].案件号;
    const decided = json([
      'review',
      'decide',
      caseNo,
      '--stage',
      '村提名',
      '--decision',
      '通过',
      '--verified',
      '2024-05-02',
      '--authorized',
      '2024-05-02',
      '--deliberated',
      '2024-05-03',
      '--date',
      '2024-05-03',
    ]);
    expect(decided.code).toBe(0);
    const stage = one<string>('SELECT stage FROM cases WHERE case_no = ?', caseNo);
    expect(stage).not.toBe('村提名');
    expect(one('SELECT count(*) FROM case_decisions')).toBe(1);
    const set = json(['history', B]).json!.result.sets.find((s: any) => s.命令.startsWith('review decide')).修改记录号;
    expect(json(['undo', String(set)]).code).toBe(0);
    expect(one('SELECT stage FROM cases WHERE case_no = ?', caseNo)).toBe('村提名');
    expect(one('SELECT count(*) FROM case_decisions')).toBe(0);
  });

  it('refuses what is not a change set', () => {
    const { json } = on(db);
    expect(json(['undo', 'abc']).code).toBe(2);
    expect(json(['undo', '99999']).code).toBe(1);
  });
});
