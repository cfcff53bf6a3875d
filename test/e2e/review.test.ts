import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpRegister, fpjc, initRegister, tempDir } from '../helpers/cli.js';
import { writeCsv, writeSmallCounty, writeXlsx } from '../helpers/fixtures.js';

/** The identification review end to end: campaign → visits → cases → 公示 → 乡镇 → 县 → 监测对象. */

const HH = '1407020010010002'; // 李福, 东阳镇西沟村, 一般农户, not monitored
const MONITORED = '1407020010010001'; // 张建国, an unresolved 监测对象
const OTHER = '1407020020010001'; // 王强, 北田镇南庄村, 边缘易致贫户 (risk eliminated)

let dir: string;
let db: string;
let ids: Awaited<ReturnType<typeof writeSmallCounty>>['ids'];

const run = (args: string[]) => fpjc([...args, '--db', db]);
const json = (args: string[]) => {
  const r = fpjc([...args, '--db', db, '--json']);
  if (!r.json) throw new Error(`no JSON from ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r;
};

beforeAll(async () => {
  dir = tempDir('识别');
  db = initRegister(dir);
  const files = await writeSmallCounty(dir);
  ids = files.ids;
  for (const f of [files.households, files.members, files.incomes]) expect(run(['import', f]).code).toBe(0);
  expect(run(['policy', 'set', '--year', '2024', '--supervision-phone', '0354-3012345']).code).toBe(0);
  expect(run(['screen', '--campaign', '2024Q2', '--as-of', '2024-05-01']).code).toBe(0);
  const visits = writeCsv(
    path.join(dir, '入户排查结果.csv'),
    ['户编号', '排查日期', '排查人', '是否入户', '研判结果', '说明', '类别', '风险类型'],
    [
      [HH, '2024-05-20', '王排查', '是', '建议纳入监测', '大病支出大', '突发严重困难户', '因病,缺劳动力'],
      [MONITORED, '2024-05-20', '王排查', '是', '已是监测对象', null, null, null],
    ],
  );
  expect(run(['import', 'visits', visits, '--campaign', '2024Q2']).code).toBe(0);
}, 120_000);

describe('review: campaign → 监测对象', () => {
  it('opens cases from the campaign once, and lists them', () => {
    const first = json(['review', 'add', '--from-campaign', '2024Q2']).json!.result;
    expect(first.opened).toHaveLength(1);
    expect(first.opened[0]).toMatchObject({
      案件号: 'SB2024-0001',
      户编号: HH,
      kind: '识别',
      stage: '村提名',
      status: '办理中',
      opened: '2024-05-20',
      source: '集中排查',
      类别: '突发严重困难户',
      风险类型: '因病,缺劳动力',
    });
    const again = json(['review', 'add', '--from-campaign', '2024Q2']).json!.result;
    expect(again.opened).toHaveLength(0);
    expect(again.skipped).toEqual([{ 户编号: HH, reason: expect.stringContaining('SB2024-0001') }]);

    const list = json(['review', 'list', '--stage', '村提名']).json!.result;
    expect(list.cases).toHaveLength(1);
    expect(Object.keys(list.cases[0])).toEqual(
      expect.arrayContaining(['案件号', '户编号', 'kind', 'stage', 'status', 'opened', 'source', 'decisions']),
    );
    expect(json(['review', 'list', '--stage', '乡镇审核']).json!.result.cases).toHaveLength(0);
    expect(json(['review', 'list', '--village', '南庄村']).json!.result.cases).toHaveLength(0);
  });

  it('refuses with exit 3, code REFUSED, and changes nothing', () => {
    const before = dumpRegister(db);
    const cases: string[][] = [
      // skipping a stage
      ['review', 'decide', 'SB2024-0001', '--stage', '乡镇审核', '--decision', '通过', '--date', '2024-05-22'],
      // the checks of 村提名 are missing
      ['review', 'decide', 'SB2024-0001', '--stage', '村提名', '--decision', '通过', '--date', '2024-05-22'],
      // dated before the case
      [
        'review',
        'decide',
        'SB2024-0001',
        '--stage',
        '村提名',
        '--decision',
        '不通过',
        '--opinion',
        '无',
        '--date',
        '2024-05-01',
      ],
      // a second open case of the household
      ['review', 'add', '--household', HH, '--source', '农户自主申报', '--category', '边缘易致贫户', '--risk', '因病'],
      // an unresolved 监测对象
      [
        'review',
        'add',
        '--household',
        MONITORED,
        '--source',
        '干部排查',
        '--category',
        '边缘易致贫户',
        '--risk',
        '因病',
      ],
      // no 公示 waiting in the village yet
      ['review', 'publicize', '--village', '西沟村'],
    ];
    for (const args of cases) {
      const r = json(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.json!.error!.code).toBe('REFUSED');
      expect(r.json!.error!.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(dumpRegister(db)).toBe(before);
  });

  it('walks 村提名 → 公示 → 乡镇审核 → 县级审定 and makes a 监测对象', async () => {
    const nominated = json([
      'review',
      'decide',
      'SB2024-0001',
      '--stage',
      '村提名',
      '--decision',
      '通过',
      '--date',
      '2024-05-25',
      '--verified',
      '2024-05-21',
      '--authorized',
      '2024-05-21',
      '--deliberated',
      '2024-05-24',
    ]).json!.result;
    expect(nominated).toMatchObject({ stage: '公示', 入户核实日期: '2024-05-21', 民主评议日期: '2024-05-24' });

    const out = path.join(dir, '公示');
    const pub = json(['review', 'publicize', '--village', '西沟村', '--start', '2024-05-26', '--out', out]).json!
      .result;
    expect(pub).toMatchObject({ start: '2024-05-26', end: '2024-05-30', days: 5 });
    expect(pub.report.files).toHaveLength(1);
    await expectPublicityClean(pub.report.files[0].file);

    // 公示 not yet over
    const early = json([
      'review',
      'decide',
      'SB2024-0001',
      '--stage',
      '公示',
      '--decision',
      '通过',
      '--date',
      '2024-05-30',
    ]);
    expect(early.code).toBe(3);
    expect(early.json!.error!.message).toContain('2024-05-31');

    for (const [stage, date] of [
      ['公示', '2024-05-31'],
      ['乡镇审核', '2024-06-03'],
    ]) {
      expect(
        json(['review', 'decide', 'SB2024-0001', '--stage', stage!, '--decision', '通过', '--date', date!]).code,
      ).toBe(0);
    }
    const before = json(['status']).json!.result;
    expect(before.openCasesByStage.识别).toEqual({ 县级审定: 1 });
    const done = json([
      'review',
      'decide',
      '--household',
      HH,
      '--stage',
      '县级审定',
      '--decision',
      '通过',
      '--opinion',
      '同意认定',
      '--date',
      '2024-06-05',
      '--operator',
      '县乡村振兴局李审定',
    ]).json!.result;
    expect(done).toMatchObject({ status: '已认定', closed: '2024-06-05' });
    expect(done.decisions.map((d: { stage: string }) => d.stage)).toEqual(['村提名', '公示', '乡镇审核', '县级审定']);
    expect(done.decisions[3]).toMatchObject({ decision: '通过', opinion: '同意认定', operator: '县乡村振兴局李审定' });

    const show = json(['show', 'household', HH]).json!.result;
    expect(show.monitoring).toMatchObject({
      是否监测对象: true,
      监测对象类别: '突发严重困难户',
      风险类型: ['因病', '缺劳动力'],
      识别监测时间: '2024-06',
      风险是否已消除: '否',
    });
    expect(show.monitoring.history).toEqual([
      expect.objectContaining({ 事项: '识别', 月份: '2024-06', 来源: '县级审定', 经办人: '县乡村振兴局李审定' }),
    ]);
    expect(show.cases[0]).toMatchObject({ 案件号: 'SB2024-0001', status: '已认定' });
    expect(run(['show', 'household', HH]).stdout).toContain('SB2024-0001');

    const after = json(['status']).json!.result;
    expect(after.monitored.total).toBe(before.monitored.total + 1);
    expect(after.openCases).toBe(0);
    // the audit log has the monitoring change
    const history = json(['review', 'list', '--status', '已认定']).json!.result;
    expect(history.cases).toHaveLength(1);
    // closed case: no more decisions
    const closed = json(['review', 'decide', 'SB2024-0001', '--stage', '县级审定', '--decision', '通过']);
    expect(closed.json!.error!.code).toBe('REFUSED');
  });

  it('a batch file with one bad row applies nothing and names the row', async () => {
    const opened = json([
      'review',
      'add',
      '--household',
      OTHER,
      '--source',
      '农户自主申报',
      '--category',
      '边缘易致贫户',
      '--risk',
      '因务工就业不稳',
      '--date',
      '2024-06-01',
    ]);
    // OTHER is a 监测对象 whose risk was eliminated: it may be identified again
    expect(opened.code).toBe(0);
    const caseNo = opened.json!.result.opened[0].案件号;
    const header = [
      '案件号',
      '户编号',
      '环节',
      '结论',
      '意见',
      '经办人',
      '日期',
      '入户核实日期',
      '承诺授权日期',
      '民主评议日期',
    ];
    const good = [
      caseNo,
      null,
      '村提名',
      '通过',
      '同意',
      '村支书',
      '2024-06-05',
      '2024-06-02',
      '2024-06-02',
      '2024-06-04',
    ];
    const file = await writeXlsx(path.join(dir, '决定表.xlsx'), [
      {
        name: '决定',
        titleRows: ['北田镇识别决定表'],
        header,
        rows: [good, [null, OTHER, '乡镇审核', '通过', '同意', '乡镇', '2024-06-06', null, null, null]],
      },
    ]);
    const before = dumpRegister(db);
    const bad = json(['review', 'decide', '--file', file]);
    expect(bad.code).toBe(3);
    expect(bad.json!.error!.code).toBe('INVALID_INPUT');
    expect(bad.json!.error!.details.problems).toEqual([
      expect.objectContaining({ row: 4, column: '环节', message: expect.stringContaining('公示') }),
    ]);
    expect(dumpRegister(db)).toBe(before);
    expect(fs.existsSync(`${file}.错误报告.xlsx`)).toBe(true);

    const fixed = await writeXlsx(path.join(dir, '决定表2.xlsx'), [{ name: '决定', header, rows: [good] }]);
    const ok = json(['review', 'decide', '--file', fixed]).json!.result;
    expect(ok).toMatchObject({ applied: 1, completed: 0 });
    expect(ok.cases[0]).toMatchObject({ 案件号: caseNo, stage: '公示' });
    expect(json(['review', 'show', caseNo]).json!.result.decisions[0]).toMatchObject({ operator: '村支书' });
  });

  it('a 不通过 closes the case with its 研判结果; the household may be proposed again', () => {
    const r = json(['review', 'list', '--household', OTHER]).json!.result.cases[0];
    const refused = json([
      'review',
      'decide',
      r.案件号,
      '--stage',
      '公示',
      '--decision',
      '不通过',
      '--opinion',
      '公示期间群众反映家庭经营收入稳定',
    ]);
    // the 公示 has not started: an objection needs a running 公示
    expect(refused.json!.error!.code).toBe('REFUSED');
    expect(json(['review', 'publicize', '--village', '南庄村', '--start', '2024-06-06']).code).toBe(0);
    const closed = json([
      'review',
      'decide',
      r.案件号,
      '--stage',
      '公示',
      '--decision',
      '不通过',
      '--opinion',
      '公示期间群众反映家庭经营收入稳定',
      '--date',
      '2024-06-07',
    ]).json!.result;
    expect(closed).toMatchObject({ status: '未通过', 研判结果: '公示期间群众反映家庭经营收入稳定' });
    expect(json(['show', 'household', OTHER]).json!.result.cases.at(-1).研判结果).toBe(
      '公示期间群众反映家庭经营收入稳定',
    );
  });

  it('dry-run changes nothing; overdue cases are listed and counted', () => {
    const before = dumpRegister(db);
    const dry = json([
      'review',
      'add',
      '--household',
      HH.replace(/2$/, '2'),
      '--source',
      '干部排查',
      '--category',
      '边缘易致贫户',
      '--risk',
      '因病',
      '--dry-run',
    ]);
    // HH is a 监测对象 now
    expect(dry.json!.error!.code).toBe('REFUSED');
    const dry2 = json([
      'review',
      'add',
      '--household',
      OTHER,
      '--source',
      '干部排查',
      '--category',
      '边缘易致贫户',
      '--risk',
      '因病',
      '--dry-run',
      '--date',
      '2024-06-10',
    ]);
    expect(dry2.json!.result).toMatchObject({ dryRun: true, opened: [expect.objectContaining({ stage: '村提名' })] });
    expect(dumpRegister(db)).toBe(before);

    json([
      'review',
      'add',
      '--household',
      OTHER,
      '--source',
      '干部排查',
      '--category',
      '边缘易致贫户',
      '--risk',
      '因病',
      '--date',
      '2024-06-10',
    ]);
    const overdue = json(['review', 'list', '--overdue', '--as-of', '2024-06-26']).json!.result;
    expect(overdue.cases.map((c: { 案件号: string; opened: string }) => `${c.案件号} ${c.opened}`)).toHaveLength(1);
    expect(overdue.cases[0].overdue).toEqual({ days: 16, limit: 15, since: '2024-06-10' });
    expect(json(['review', 'list', '--overdue', '--as-of', '2024-06-25']).json!.result.cases).toHaveLength(0);
    expect(json(['status', '--as-of', '2024-06-26']).json!.result.overdueCases).toBe(1);
    expect(run(['status', '--as-of', '2024-06-26']).stdout).toContain('超过识别时限的案件');
  });

  it('never prompts without a terminal: bare review names the flags (exit 2)', () => {
    for (const args of [['review'], ['review', '--json']]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toContain('--stage');
    }
    const missing = json(['review', 'decide', 'SB2024-0001']);
    expect(missing.code).toBe(2);
    expect(missing.json!.error!.message).toContain('--stage');
  });

  it('writes the collection form, the authorization and the township ledger', () => {
    const out = path.join(dir, '表格');
    for (const id of ['collection-form', 'authorization']) {
      const r = json(['report', id, '--village', '南庄村', '--out', out, '--as-of', '2024-06-10']).json!.result;
      expect(r.files).toHaveLength(1);
      expect(r.files[0].rows).toBe(1);
    }
    const ledger = json(['report', 'review-ledger', '--out', out, '--as-of', '2024-06-30']).json!.result;
    expect(ledger.files.map((f: { rows: number }) => f.rows).reduce((a: number, b: number) => a + b, 0)).toBe(3);
  });
});

/** A 公示名单 shows no ID number, phone, bank account or health data anywhere. */
async function expectPublicityClean(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const texts: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        texts.push(typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v ?? ''));
      }),
    ),
  );
  const all = texts.join('\n');
  expect(all).toContain('李福');
  expect(all).toContain('0354-3012345');
  expect(all).toContain('2024年5月26日至2024年5月30日');
  for (const id of Object.values(ids)) expect(all).not.toContain(id);
  for (const phone of ['13812345678', '13912345678']) expect(all).not.toContain(phone);
  for (const word of ['证件号码', '身份证', '手机', '银行', '账号', '健康', '大病', '慢性病', '残疾', '患有']) {
    expect(all, word).not.toContain(word);
  }
  expect(all).not.toMatch(/\d{17}[\dX]/);
  expect(all).not.toMatch(/1[3-9]\d{9}/);
}
