import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, initRegister, tempDir } from '../helpers/cli.js';
import { type Cell, idOf, writeCsv, writeXlsx } from '../helpers/fixtures.js';

/**
 * Measures, the elimination check, the 消除 procedure, 回访 and 风险回退 end to end through
 * bin/run.js: identify → measures → eliminate → visit → new risk → re-identify, and
 * eliminated → visit 稳定 → rollback, each visible in `fpjc show household`.
 */

const E1 = '1407020010010011'; // identified 2024-01, 因病, incomes rising above the line: eligible from 2024-07
const E2 = '1407020010010012'; // per-capita income exactly at the line (8,300)
const E3 = '1407020010010013'; // no 监测联系人电话
const E4 = '1407020010010014'; // nobody with labour capacity: blocked
const E5 = '1407020020010015'; // 北田镇, eliminated 2024-01 by the national system
const NEW = '1407020010010016'; // not monitored: identified through review in this test

let dir: string;
let db: string;
const json = (args: string[]) => {
  const r = fpjc([...args, '--db', db, '--json']);
  if (!r.json) throw new Error(`no JSON from ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r;
};
const ok = (args: string[]) => {
  const r = json(args);
  expect(r.code, `${args.join(' ')}: ${r.stdout}`).toBe(0);
  return r.json!.result;
};
const refused = (args: string[]) => {
  const before = dumpRegister(db);
  const r = json(args);
  expect(r.code, `${args.join(' ')}: ${r.stdout}`).toBe(3);
  expect(r.json!.error!.code).toBe('REFUSED');
  expect(dumpRegister(db)).toBe(before);
  return r.json!.error!;
};

beforeAll(async () => {
  dir = tempDir('消除');
  db = initRegister(dir);
  const h = (
    no: string,
    tw: string,
    vi: string,
    head: string,
    category: string | null,
    month: string | null,
    risk: string | null,
    eliminated: string | null,
    contact: string | null,
    phone: string | null,
    extra: Cell[] = [null, null],
  ): Cell[] => [no, tw, vi, '脱贫户', head, category, month, risk, eliminated, ...extra, contact, phone];
  await writeXlsx(path.join(dir, '户.xlsx'), [
    {
      name: '户',
      header: [
        '户编号',
        '乡镇',
        '村',
        '户类型',
        '户主姓名',
        '监测对象类别',
        '识别监测时间',
        '致贫返贫风险1',
        '风险是否已消除',
        '风险消除方式',
        '风险消除时间',
        '监测联系人',
        '监测联系人电话',
      ],
      rows: [
        h(E1, '东阳镇', '西沟村', '赵一', '脱贫不稳定户', '2024-01', '因病', '否', '村干部甲', '13800000001'),
        h(E2, '东阳镇', '西沟村', '钱二', '边缘易致贫户', '2023-06', '因务工就业不稳', '否', '村干部甲', '13800000001'),
        h(E3, '东阳镇', '西沟村', '孙三', '边缘易致贫户', '2023-06', '因病', '否', '村干部乙', null),
        h(E4, '东阳镇', '西沟村', '李四', '脱贫不稳定户', '2023-03', '因病', '否', '村干部甲', '13800000001'),
        h(E5, '北田镇', '南庄村', '周五', '边缘易致贫户', '2023-01', '因病', '是', '村干部丙', '13800000003', [
          '帮扶消除',
          '2024-01',
        ]),
        h(NEW, '东阳镇', '西沟村', '吴六', null, null, null, null, null, null),
      ],
    },
  ]);
  let seq = 10;
  const m = (hh: string, name: string, rel: string, skill: string): Cell[] => {
    seq++;
    return [hh, idOf('19800101', seq, seq % 2 ? '男' : '女'), name, seq % 2 ? '男' : '女', '1980-01-01', rel, skill];
  };
  writeCsv(
    path.join(dir, '成员.csv'),
    ['户编号', '证件号码', '姓名', '性别', '出生日期', '与户主关系', '劳动技能'],
    [
      m(E1, '赵一', '户主', '普通劳动力'),
      m(E1, '赵一妻', '配偶', '普通劳动力'),
      m(E2, '钱二', '户主', '普通劳动力'),
      m(E3, '孙三', '户主', '普通劳动力'),
      m(E4, '李四', '户主', '丧失劳动力'),
      m(E4, '李四妻', '配偶', '无劳动力'),
      m(E5, '周五', '户主', '普通劳动力'),
      m(NEW, '吴六', '户主', '普通劳动力'),
    ],
  );
  // per capita: E1 2022 8,500 → 2023 9,000; E2 8,000 → exactly 8,300; E3 9,000; E4 9,000; E5 9,000
  const inc = (hh: string, year: number, size: number, wage: number): Cell[] => [hh, year, size, wage, 0, 0, 0, 0];
  writeCsv(
    path.join(dir, '收入.csv'),
    ['户编号', '年度', '家庭人口数', '工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出'],
    [
      inc(E1, 2022, 2, 17000),
      inc(E1, 2023, 2, 18000),
      inc(E2, 2022, 1, 8000),
      inc(E2, 2023, 1, 8300),
      inc(E3, 2022, 1, 9000),
      inc(E3, 2023, 1, 9000),
      inc(E4, 2022, 2, 18000),
      inc(E4, 2023, 2, 18000),
      inc(E5, 2022, 1, 9000),
      inc(E5, 2023, 1, 9000),
      inc(NEW, 2022, 1, 5000),
      inc(NEW, 2023, 1, 4000),
    ],
  );
  for (const f of ['户.xlsx', '成员.csv', '收入.csv']) {
    const r = fpjc(['import', path.join(dir, f), '--db', db]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }
}, 120_000);

describe('measures', () => {
  it('adds, lists and ends measures; keeps 实施开发式帮扶措施情况 in step', () => {
    const health = ok([
      'measure',
      'add',
      '--household',
      E1,
      '--category',
      '健康帮扶',
      '--content',
      '家庭医生签约服务',
      '--start',
      '2024-02',
    ]);
    expect(health.measure).toMatchObject({ 户编号: E1, 帮扶措施类别: '健康帮扶', 开发式: '否', 开始时间: '2024-02' });
    const job = ok([
      'measure',
      'add',
      '--household',
      E1,
      '--category',
      '产业帮扶',
      '--content',
      '肉牛养殖补贴',
      '--amount',
      '3,000',
      '--start',
      '2024-02-10',
    ]);
    expect(job.measure).toMatchObject({ 开发式: '是', 金额: 3000 });
    expect(job.实施开发式帮扶措施情况).toBe('已实施');
    for (const [hh, cat, content] of [
      [E2, '就业帮扶', '劳务输出'],
      [E3, '健康帮扶', '慢病签约'],
      [E4, '综合保障', '农村低保'],
      [E5, '健康帮扶', '慢病签约'],
    ] as const) {
      ok(['measure', 'add', '--household', hh, '--category', cat, '--content', content, '--start', '2024-01']);
    }
    // the same measure twice, and an unknown category
    refused([
      'measure',
      'add',
      '--household',
      E1,
      '--category',
      '健康帮扶',
      '--content',
      '家庭医生签约服务',
      '--start',
      '2024-02',
    ]);
    expect(json(['measure', 'add', '--household', E1, '--category', '发钱', '--content', 'x']).code).toBe(2);

    const list = ok(['measure', 'list', '--household', E1]);
    expect(list.total).toBe(2);
    expect(list.developmental).toBe(1);
    const ended = ok(['measure', 'end', String(job.measure.id), '--date', '2024-06-30', '--reason', '项目期满']);
    expect(ended.measure.结束时间).toBe('2024-06-30');
    expect(ended.实施开发式帮扶措施情况).toBe('尚未实施');
    refused(['measure', 'end', String(job.measure.id)]);
    expect(ok(['measure', 'list', '--township', '东阳镇']).total).toBe(5);
  });
});

describe('eliminate check', () => {
  const verdictOf = (r: any, hh: string): string =>
    (['eligible', 'ineligible', 'blocked'] as const).find((k) => r[k].some((e: any) => e.户编号 === hh)) ?? 'none';
  const reasonsOf = (r: any, hh: string): string[] =>
    [...r.eligible, ...r.ineligible, ...r.blocked].find((e: any) => e.户编号 === hh).reasons;

  it('reads the boundaries: 5 vs 6 months, income exactly at the line, a missing phone, no labour', () => {
    const june = ok(['eliminate', 'check', '--as-of', '2024-06-30']);
    expect(verdictOf(june, E1)).toBe('ineligible');
    expect(reasonsOf(june, E1).join('；')).toContain('2024 年 1 月识别，至 2024-06-30 已监测 5 个月，不满 6 个月');

    const july = ok(['eliminate', 'check', '--as-of', '2024-07-01']);
    expect(Object.keys(july)).toEqual(expect.arrayContaining(['eligible', 'ineligible', 'blocked']));
    expect(verdictOf(july, E1)).toBe('eligible');
    expect(reasonsOf(july, E1)).toEqual(
      expect.arrayContaining([
        '2023 年人均纯收入 9,000 元，高于监测范围 8,300 元',
        '较 2022 年 8,500 元未下降',
        '2024 年 1 月识别，至 2024-07-01 已监测 6 个月，满 6 个月',
      ]),
    );
    expect(verdictOf(july, E2)).toBe('eligible');
    expect(reasonsOf(july, E2)).toContain('2023 年人均纯收入 8,300 元，不低于监测范围 8,300 元');
    expect(verdictOf(july, E3)).toBe('ineligible');
    expect(reasonsOf(july, E3)).toEqual(['缺少监测联系人电话，消除前须补填']);
    expect(verdictOf(july, E4)).toBe('blocked');
    expect(reasonsOf(july, E4)[0]).toContain('均无劳动能力');
    expect(verdictOf(july, E5)).toBe('none'); // eliminated already
    expect(july.counts).toMatchObject({ eligible: 2, ineligible: 1, blocked: 1 });
    // E2: eligible since 2023-12, no case: 应消未消
    expect(july.eligible.find((e: any) => e.户编号 === E2).应消未消).toBe(true);
    expect(july.eligible.find((e: any) => e.户编号 === E1).应消未消).toBe(false);
  });

  it('marks 整户无劳动能力兜底保障户 only where the members say so', () => {
    refused(['eliminate', 'mark-no-labour', '--household', E1, '--confirmed-by', '乡镇王主任']);
    const r = ok([
      'eliminate',
      'mark-no-labour',
      '--household',
      E4,
      '--confirmed-by',
      '乡镇王主任',
      '--date',
      '2024-06-10',
    ]);
    expect(r).toMatchObject({ 是否整户无劳动能力兜底保障户: '是', changed: true });
    const again = ok(['eliminate', 'check', '--as-of', '2024-07-01', '--household', E4]);
    expect(again.blocked[0].reasons[0]).toContain('整户无劳动能力兜底保障户');
  });
});

describe('elimination procedure', () => {
  it('refuses ineligible and blocked households, and opens cases for the eligible ones', () => {
    const e3 = refused(['eliminate', 'propose', '--household', E3, '--method', '帮扶消除', '--date', '2024-07-01']);
    expect(e3.message).toContain('缺少监测联系人电话');
    const e4 = refused(['eliminate', 'propose', '--household', E4, '--method', '帮扶消除', '--date', '2024-07-01']);
    expect(e4.message).toContain('暂不标注风险消除');
    expect(json(['eliminate', 'propose', '--household', E1, '--method', '脱贫']).code).toBe(2);

    const r = ok([
      'eliminate',
      'propose',
      '--all-eligible',
      '--township',
      '东阳镇',
      '--method',
      '帮扶消除',
      '--date',
      '2024-07-01',
    ]);
    expect(r.opened.map((c: any) => [c.案件号, c.户编号, c.stage, c.风险消除方式])).toEqual([
      ['XC2024-0001', E1, '村级初审', '帮扶消除'],
      ['XC2024-0002', E2, '村级初审', '帮扶消除'],
    ]);
    expect(r.skipped.map((s: any) => s.户编号)).toEqual([E3, E4]);
    refused(['eliminate', 'propose', '--household', E1, '--method', '帮扶消除', '--date', '2024-07-01']);
    const list = ok(['eliminate', 'list', '--stage', '村级初审']);
    expect(list.cases).toHaveLength(2);
    expect(list.cases[0]).toMatchObject({ kind: '消除', status: '办理中' });
  });

  it('walks 村级初审 → 公示 → 乡镇审核 → 县级审定 with the guards of review', async () => {
    // the guards themselves are the engine's (test/unit/workflow/engine.test.ts): one refusal here
    ok([
      'eliminate',
      'decide',
      '--all',
      '--stage',
      '村级初审',
      '--decision',
      '通过',
      '--date',
      '2024-07-03',
      '--verified',
      '2024-07-02',
      '--deliberated',
      '2024-07-03',
    ]);
    const pub = ok(['eliminate', 'publicize', '--village', '西沟村', '--start', '2024-07-04', '--out', dir]);
    expect(pub).toMatchObject({ start: '2024-07-04', end: '2024-07-10', days: 7 });
    expect(fs.existsSync(pub.report.files[0].file)).toBe(true);
    // the 公示 has not run its 7 days
    refused(['eliminate', 'decide', 'XC2024-0001', '--stage', '公示', '--decision', '通过', '--date', '2024-07-10']);
    ok([
      'eliminate',
      'decide',
      '--all',
      '--stage',
      '公示',
      '--decision',
      '通过',
      '--opinion',
      '公示无异议',
      '--date',
      '2024-07-11',
    ]);
    // a township's decisions from a spreadsheet: E1 passes, E2 is sent back
    const file = await writeXlsx(path.join(dir, '消除决定.xlsx'), [
      {
        name: '决定',
        header: ['案件号', '环节', '结论', '意见', '经办人', '日期'],
        rows: [
          ['XC2024-0001', '乡镇审核', '通过', '情况属实', '乡镇李', '2024-07-12'],
          ['XC2024-0002', '乡镇审核', '不通过', '务工收入不稳定，继续帮扶', '乡镇李', '2024-07-12'],
        ],
      },
    ]);
    const batch = ok(['eliminate', 'decide', '--file', file]);
    expect(batch.applied).toBe(2);
    const done = ok([
      'eliminate',
      'decide',
      'XC2024-0001',
      '--stage',
      '县级审定',
      '--decision',
      '通过',
      '--opinion',
      '同意消除',
      '--date',
      '2024-07-15',
    ]);
    expect(done).toMatchObject({ status: '已消除', closed: '2024-07-15' });
    expect(ok(['eliminate', 'show', 'XC2024-0002'])).toMatchObject({
      status: '未通过',
      研判结果: '务工收入不稳定，继续帮扶',
    });

    const show = ok(['show', 'household', E1]);
    expect(show.monitoring).toMatchObject({ 风险是否已消除: '是', 风险消除方式: '帮扶消除', 风险消除时间: '2024-07' });
    expect(show.monitoring.history.map((e: any) => e.事项 ?? e.event)).toContain('消除');
    expect(show.eliminationSnapshots[0]).toMatchObject({ 风险消除后家庭人均纯收入: 9000 });
    expect(show.cases.map((c: any) => c.案件号 ?? c.id)).toContain('XC2024-0001');
    expect(show.measures).toHaveLength(2);
  });
});

describe('回访 and 风险回退', () => {
  it('lists households due a 回访 and records 稳定 / 出现新风险 (a new identification case)', () => {
    const due = ok(['eliminate', 'visits', '--as-of', '2025-01-15']);
    expect(due.eliminatedBy).toBe('2024-07');
    expect(due.households.map((h: any) => h.户编号)).toEqual([E1, E5]);
    expect(ok(['eliminate', 'visits', '--as-of', '2024-12-31']).households.map((h: any) => h.户编号)).toEqual([E5]);
    // one 回访表 per household due, one file per village
    const forms = ok(['report', 'visit-form', '--as-of', '2025-01-15', '--out', path.join(dir, '回访表')]);
    expect(forms.files.map((f: any) => [path.basename(f.file), f.rows])).toEqual([
      ['东阳镇-西沟村-回访表.xlsx', 1],
      ['北田镇-南庄村-回访表.xlsx', 1],
    ]);
    refused(['eliminate', 'visit-record', '--household', E2, '--result', '稳定', '--date', '2025-01-10']);
    // a sheet of results: all or nothing, problems by row
    const header = ['户编号', '回访日期', '回访人', '回访结果', '说明'];
    const bad = writeCsv(path.join(dir, '回访结果-有误.csv'), header, [
      [E5, '2025-01-10', '回访员', '稳定', null],
      [E2, '2025-01-10', '回访员', '稳定', null],
      [E5, '2025-01-11', '回访员', '很好', null],
    ]);
    const before = dumpRegister(db);
    const r = json(['eliminate', 'visit-record', '--file', bad]);
    expect(r.code).toBe(3);
    expect(r.json!.error!.code).toBe('INVALID_INPUT');
    expect(r.json!.error!.details.problems.map((p: any) => [p.row, p.column])).toEqual([
      [3, '户编号'],
      [4, '回访结果'],
    ]);
    expect(dumpRegister(db)).toBe(before);
    const good = writeCsv(path.join(dir, '回访结果.csv'), header, [[E5, '2025-01-10', '回访员', '稳定', '收入稳定']]);
    expect(ok(['eliminate', 'visit-record', '--file', good])).toMatchObject({ recorded: 1, stable: 1, newRisk: 0 });
    // a recorded 回访 can be undone (it is logged as 回访|户编号|its row, not by a 排查 batch)
    const read = (sql: string, ...params: string[]) => {
      const r = new Database(db, { readonly: true });
      const v = r
        .prepare(sql)
        .pluck()
        .get(...params) as number;
      r.close();
      return v;
    };
    const lastSet = () => read('SELECT max(id) FROM change_sets');
    const visitsOfE5 = () => read("SELECT count(*) FROM visits WHERE purpose = '回访' AND hh_no = ?", E5);
    expect(visitsOfE5()).toBe(1);
    const undone = ok(['undo', String(lastSet())]);
    expect(undone.reverted).toContainEqual(
      expect.objectContaining({
        类别: '走访记录',
        操作: '删除（撤销新增）',
        记录: expect.stringMatching(new RegExp(`^户 ${E5}，回访 \\d+$`)),
      }),
    );
    expect(visitsOfE5()).toBe(0);
    expect(ok(['eliminate', 'visit-record', '--file', good])).toMatchObject({ recorded: 1, stable: 1 });
    ok([
      'eliminate',
      'visit-record',
      '--household',
      E5,
      '--result',
      '稳定',
      '--date',
      '2025-01-10',
      '--visitor',
      '回访员',
    ]);
    const again = ok(['eliminate', 'visit-record', '--household', E5, '--result', '稳定', '--date', '2025-01-10']);
    expect(again.unchanged).toBe(true);
    const risk = ok([
      'eliminate',
      'visit-record',
      '--household',
      E1,
      '--result',
      '出现新风险',
      '--risk',
      '因意外事故',
      '--date',
      '2025-01-20',
      '--note',
      '户主车祸受伤',
    ]);
    expect(risk.case).toMatchObject({
      kind: '识别',
      stage: '村提名',
      source: '回访',
      风险类型: '因意外事故',
      类别: '脱贫不稳定户',
    });
    expect(ok(['eliminate', 'visits', '--as-of', '2025-01-31']).households).toHaveLength(0);
  });

  it('re-identifies after a new risk, history kept', () => {
    const no = ok(['review', 'list', '--household', E1]).cases[0].案件号;
    const step = (stage: string, date: string, extra: string[] = []) =>
      ok(['review', 'decide', no, '--stage', stage, '--decision', '通过', '--date', date, ...extra]);
    step('村提名', '2025-01-22', [
      '--verified',
      '2025-01-21',
      '--authorized',
      '2025-01-21',
      '--deliberated',
      '2025-01-22',
    ]);
    ok(['review', 'publicize', '--village', '西沟村', '--start', '2025-01-23', '--out', dir]);
    step('公示', '2025-01-28');
    step('乡镇审核', '2025-01-29');
    step('县级审定', '2025-01-30');
    const show = ok(['show', 'household', E1]);
    expect(show.monitoring).toMatchObject({ 风险是否已消除: '否', 识别监测时间: '2025-01' });
    const events = show.monitoring.history.map((e: any) => e.事项 ?? e.event);
    expect(events.filter((e: string) => e === '消除')).toHaveLength(1);
    expect(events.filter((e: string) => e === '识别').length).toBeGreaterThanOrEqual(1);
  });

  it('rolls an eliminated household back with the identification kept', () => {
    const cand = ok(['eliminate', 'rollback', '--candidates', '--as-of', '2025-02-01']);
    expect(Array.isArray(cand.candidates)).toBe(true);
    expect(json(['eliminate', 'rollback', '--household', E5]).code).toBe(2); // no --reason
    refused(['eliminate', 'rollback', '--household', E2, '--reason', 'x']); // not eliminated
    const r = ok([
      'eliminate',
      'rollback',
      '--household',
      E5,
      '--reason',
      '收入下降至监测范围以下',
      '--date',
      '2025-02-01',
    ]);
    expect(r).toMatchObject({ 回退月份: '2025-02', 原风险消除时间: '2024-01', 识别监测时间: '2023-01' });
    const show = ok(['show', 'household', E5]);
    expect(show.monitoring).toMatchObject({
      风险是否已消除: '否',
      识别监测时间: '2023-01',
      监测对象类别: '边缘易致贫户',
    });
    expect(show.monitoring.history.map((e: any) => e.事项 ?? e.event)).toContain('回退');
  });
});

describe('counts and forms', () => {
  it('status counts equal direct counts', () => {
    const s = ok(['status', '--as-of', '2025-02-01']);
    const d = new Database(db, { readonly: true });
    const one = (sql: string) => d.prepare(sql).pluck().get() as number;
    expect(s.monitored.byState.风险未消除).toBe(
      one('SELECT count(*) FROM households WHERE mon_category IS NOT NULL AND coalesce(risk_eliminated, 0) = 0'),
    );
    expect(s.monitored.byState.风险已消除).toBe(
      one('SELECT count(*) FROM households WHERE mon_category IS NOT NULL AND risk_eliminated = 1'),
    );
    expect(s.openCasesByKind.消除 ?? 0).toBe(
      one("SELECT count(*) FROM cases WHERE kind = '消除' AND status = '办理中'"),
    );
    expect(s.elimination.rolledBackThisYear).toBe(1);
    expect(Object.values(s.monitored.byColour as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      s.monitored.byState.风险未消除,
    );
    d.close();
  });

  it('writes the 风险消除审批表', () => {
    const e = ok(['report', 'elimination', '--township', '东阳镇', '--year', '2024', '--out', dir]);
    expect(e.files).toHaveLength(1);
    expect(fs.existsSync(e.files[0].file)).toBe(true);
  });
});
