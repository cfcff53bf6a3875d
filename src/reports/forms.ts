import ExcelJS from 'exceljs';
import { VOCABULARIES } from '../domain/vocab.js';
import { ROSTER_MEMBER_FIELDS } from './defs/roster.js';
import { measureColumn, riskColumn } from './defs/summary.js';
import { FONT, FormSheet, type Piece } from './template-kit.js';
import { CASEWORK_TEMPLATE_BUILDERS } from './templates/casework.js';
import { SCREENING_TEMPLATE_BUILDERS } from './templates/screening.js';

/**
 * The official-looking forms of templates/, drawn in code. `npm run templates` writes them;
 * test/unit/reports/templates.test.ts checks the committed files equal what this draws.
 * Each function returns a workbook for one template file.
 */

const PAGE_FOOTER = '&C第 &P 页，共 &N 页';
const SIGN =
  '填表人：                    审核人：                    单位负责人：                    填报日期：        年      月      日';

const num = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, numFmt: '#,##0', ...extra });
const b = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, font: FONT.head, ...extra });

// ---------------------------------------------------------------------------------------------
// 汇总表

function summarySheet1(wb: ExcelJS.Workbook): void {
  const widths = [12, 7.5, 7.5, 7, 7.5, 7, 7.5, 8, 8, 8, 7.5, 7.5, 7, 7, 7, 6, 6, 6, 6];
  const s = new FormSheet(wb, { name: '基本情况', widths, orientation: 'landscape', footer: PAGE_FOOTER });
  s.title('{{地区}}防止返贫动态监测帮扶情况汇总表');
  s.line([{ text: '（{{年度}}年度）', span: widths.length, font: FONT.line }], { height: 20 });
  s.line(
    [
      { text: '填报单位（盖章）：', span: 9, align: 'left', font: FONT.line },
      { text: '统计截止日期：{{统计日期|日期}}', span: 10, align: 'right', font: FONT.line },
    ],
    { height: 22 },
  );
  const [h1, h2] = s.grid(
    [
      [
        { text: '{{单位层级}}', rows: 2 },
        { text: '总户数', rows: 2 },
        { text: '总人数', rows: 2 },
        { text: '脱贫户', span: 2 },
        { text: '监测对象', span: 7 },
        { text: '{{年度}}年变化（户）', span: 3 },
        { text: '风险未消除户三色预警（户）', span: 4 },
      ],
      [
        { text: '户数' },
        { text: '人数' },
        { text: '户数' },
        { text: '人数' },
        { text: '脱贫不稳定户' },
        { text: '边缘易致贫户' },
        { text: '突发严重困难户' },
        { text: '风险未消除' },
        { text: '风险已消除' },
        { text: '新识别' },
        { text: '风险消除' },
        { text: '风险回退' },
        { text: '红色' },
        { text: '黄色' },
        { text: '{{第三色}}' },
        { text: '未定' },
      ],
    ],
    { height: 30 },
  );
  s.printTitles(h1, h2);
  const fields = [
    '户数',
    '人数',
    '脱贫户',
    '脱贫人口',
    '监测户数',
    '监测人数',
    '脱贫不稳定户',
    '边缘易致贫户',
    '突发严重困难户',
    '风险未消除',
    '风险已消除',
    '当年新识别',
    '当年消除',
    '当年回退',
    '红色',
    '黄色',
    '第三色户数',
    '未定色',
  ];
  s.line([{ text: '{{行.名称}}' }, ...fields.map((f) => num(`{{行.${f}}}`))], { boxed: true, height: 20 });
  s.line([b('{{合计.名称}}'), ...fields.map((f) => num(`{{合计.${f}}}`, { font: FONT.head }))], {
    boxed: true,
    height: 20,
  });
  s.note(
    '注：1.总户数为登记库中全部农户，人数为在册人口。2.监测对象按“监测对象类别”统计，含风险已消除户。3.{{预警方式}}；“未定”为缺少识别时间或收入而无法判定颜色的户。4.年度变化按识别监测时间、风险消除时间和风险回退记录所在年份统计。',
    36,
  );
  s.blank(10);
  s.line([{ text: SIGN, span: widths.length, align: 'left', font: FONT.line }], { height: 24 });
}

function summarySheet2(wb: ExcelJS.Workbook): void {
  const risks = VOCABULARIES.riskType.values.map(riskColumn);
  const widths = [12, 8, 8, ...risks.map(() => 8.5)];
  const s = new FormSheet(wb, { name: '风险类型', widths, orientation: 'landscape', footer: PAGE_FOOTER });
  s.title('{{地区}}监测对象风险类型统计表');
  s.line(
    [
      { text: '填报单位（盖章）：', span: 6, align: 'left', font: FONT.line },
      { text: '统计截止日期：{{统计日期|日期}}', span: widths.length - 6, align: 'right', font: FONT.line },
    ],
    { height: 22 },
  );
  const [h1, h2] = s.grid(
    [
      [
        { text: '{{单位层级}}', rows: 2 },
        { text: '监测对象户数', rows: 2 },
        { text: '有风险类型的户数', rows: 2 },
        { text: '主要风险类型（户）', span: risks.length },
      ],
      risks.map((r) => ({ text: r === '其他风险' ? '其他' : r })),
    ],
    { height: 32 },
  );
  s.printTitles(h1, h2);
  s.line(
    [
      { text: '{{行.名称}}' },
      num('{{行.监测户数}}'),
      num('{{行.风险类型户数}}'),
      ...risks.map((r) => num(`{{行.${r}}}`)),
    ],
    { boxed: true, height: 20 },
  );
  s.line(
    [
      b('{{合计.名称}}'),
      num('{{合计.监测户数}}', { font: FONT.head }),
      num('{{合计.风险类型户数}}', { font: FONT.head }),
      ...risks.map((r) => num(`{{合计.${r}}}`, { font: FONT.head })),
    ],
    { boxed: true, height: 20 },
  );
  s.note(
    '注：统计范围为全部监测对象（含风险已消除户）；一户有多种风险类型的分别计入各类型，各类型之和可大于户数。',
    24,
  );
  s.blank(10);
  s.line([{ text: SIGN, span: widths.length, align: 'left', font: FONT.line }], { height: 24 });
}

function summarySheet3(wb: ExcelJS.Workbook): void {
  const cats = VOCABULARIES.measureCategory.values.map(measureColumn);
  const widths = [12, 7.5, 7.5, 7.5, ...cats.map(() => 7)];
  const s = new FormSheet(wb, { name: '帮扶措施', widths, orientation: 'landscape', footer: PAGE_FOOTER });
  s.title('{{地区}}帮扶措施落实情况统计表');
  s.line(
    [
      { text: '填报单位（盖章）：', span: 8, align: 'left', font: FONT.line },
      { text: '统计截止日期：{{统计日期|日期}}', span: widths.length - 8, align: 'right', font: FONT.line },
    ],
    { height: 22 },
  );
  const [h1, h2] = s.grid(
    [
      [
        { text: '{{单位层级}}', rows: 2 },
        { text: '合计（项）', rows: 2 },
        { text: '开发式', rows: 2 },
        { text: '保障性', rows: 2 },
        { text: '按帮扶措施类别（项）', span: cats.length },
      ],
      cats.map((c) => ({ text: c === '其他措施' ? '其他' : c })),
    ],
    { height: 32 },
  );
  s.printTitles(h1, h2);
  const fields = ['措施合计', '开发式措施', '保障性措施', ...cats];
  s.line([{ text: '{{行.名称}}' }, ...fields.map((f) => num(`{{行.${f}}}`))], { boxed: true, height: 20 });
  s.line([b('{{合计.名称}}'), ...fields.map((f) => num(`{{合计.${f}}}`, { font: FONT.head }))], {
    boxed: true,
    height: 20,
  });
  s.note(
    '注：按登记库中录入的帮扶措施条数统计；开发式措施指产业帮扶、就业帮扶、金融帮扶、公益岗位帮扶，其余为保障性措施。',
    24,
  );
  s.blank(10);
  s.line([{ text: SIGN, span: widths.length, align: 'left', font: FONT.line }], { height: 24 });
}

export function summaryTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  summarySheet1(wb);
  summarySheet2(wb);
  summarySheet3(wb);
  return wb;
}

// ---------------------------------------------------------------------------------------------
// 监测对象台账

export function ledgerTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const cols: [string, string, number, Partial<Piece>?][] = [
    ['序号', '{{户.序号}}', 4.5],
    ['乡镇', '{{户.乡镇}}', 8],
    ['村', '{{户.村}}', 8],
    ['户编号', '{{户.户编号}}', 17],
    ['户主姓名', '{{户.户主姓名}}', 7.5],
    ['人数', '{{户.人数}}', 4.5],
    ['监测对象类别', '{{户.监测对象类别}}', 12.5],
    ['风险类型', '{{户.风险类型}}', 14, { align: 'left' }],
    ['识别监测时间', '{{户.识别监测时间|年月}}', 9.5],
    ['风险状态', '{{户.风险状态}}', 10.5],
    ['三色预警', '{{户.预警颜色}}', 5.5],
    ['上年人均纯收入（元）', '{{户.人均纯收入|金额}}', 10, { align: 'right' }],
    ['帮扶措施', '{{户.帮扶措施}}', 24, { align: 'left' }],
    ['监测联系人', '{{户.监测联系人}}', 7.5],
    ['联系电话', '{{户.监测联系人电话}}', 12],
  ];
  const widths = cols.map((c) => c[2]);
  const s = new FormSheet(wb, { name: '监测对象台账', widths, orientation: 'landscape', footer: PAGE_FOOTER });
  s.title('{{地区}}防止返贫监测对象台账');
  s.line(
    [
      { text: '填报单位（盖章）：', span: 7, align: 'left', font: FONT.line },
      { text: '统计日期：{{统计日期|日期}}', span: widths.length - 7, align: 'right', font: FONT.line },
    ],
    { height: 22 },
  );
  const [h] = s.grid([cols.map(([head]) => ({ text: head }))], { height: 30 });
  s.printTitles(h, h);
  s.freeze(h);
  s.line(
    cols.map(([, value, , extra]) => ({ text: value, ...extra })),
    { boxed: true, height: 20 },
  );
  s.note('注：{{预警方式}}；风险已消除户不标颜色。人均纯收入为统计日期上一年度数据。', 20);
  s.blank(10);
  s.line([{ text: SIGN, span: widths.length, align: 'left', font: FONT.line }], { height: 24 });
  return wb;
}

// ---------------------------------------------------------------------------------------------
// 预警核查反馈表 (the header row is what `fpjc import alerts --results` reads: nothing below the list)

export const ALERT_RESULT_CHOICES = VOCABULARIES.verifyResult.values;

export function alertsTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const cols: [string, string, number, Partial<Piece>?][] = [
    ['序号', '{{预警.序号}}', 4.5],
    ['乡镇', '{{预警.乡镇}}', 8],
    ['村', '{{预警.村}}', 8],
    ['户主姓名', '{{预警.户主姓名}}', 7.5],
    ['姓名', '{{预警.姓名}}', 7.5],
    ['证件号码', '{{预警.证件号码}}', 19.5, { numFmt: '@' }],
    ['来源部门', '{{预警.来源部门}}', 7],
    ['预警类型', '{{预警.预警类型}}', 11],
    ['预警日期', '{{预警.预警日期}}', 10.5],
    ['指标值', '{{预警.指标值}}', 8, { align: 'right' }],
    ['预警内容', '{{预警.预警内容}}', 16, { align: 'left' }],
    ['核实结果', '{{预警.核实结果}}', 9],
    ['核实说明', '{{预警.核实说明}}', 18, { align: 'left' }],
    ['核实人', '{{预警.核实人}}', 7.5],
    ['核实日期', '{{预警.核实日期}}', 10.5],
  ];
  const widths = cols.map((c) => c[2]);
  const s = new FormSheet(wb, { name: '预警核查反馈表', widths, orientation: 'landscape', footer: PAGE_FOOTER });
  s.title('{{地区}}部门预警线索核查反馈表');
  s.line(
    [
      { text: '交办单位：{{县名}}防止返贫监测帮扶工作专班', span: 8, align: 'left', font: FONT.line },
      { text: '交办日期：{{制表日期|日期}}', span: widths.length - 8, align: 'right', font: FONT.line },
    ],
    { height: 22 },
  );
  s.note(
    '填写说明：逐条入户核实，“核实结果”从下拉列表中选择（属实、不属实、已纳入监测、其他），写明核实说明、核实人和核实日期。请勿改动表头和证件号码，填好后交回乡镇汇总，由县里用 fpjc import alerts --results 导入。',
    30,
  );
  s.line(
    [
      { text: '村负责人（签字）：', span: 5, align: 'left', font: FONT.line },
      { text: '乡镇审核人（签字）：', span: 5, align: 'left', font: FONT.line },
      { text: '反馈日期：        年      月      日', span: widths.length - 10, align: 'left', font: FONT.line },
    ],
    { height: 24 },
  );
  const [h] = s.grid([cols.map(([head]) => ({ text: head }))], { height: 24 });
  s.printTitles(h, h);
  s.freeze(h);
  const r = s.line(
    cols.map(([, value, , extra]) => ({ text: value, ...extra })),
    { boxed: true, height: 22 },
  );
  s.choices(r, cols.findIndex((c) => c[0] === '核实结果') + 1, ALERT_RESULT_CHOICES);
  return wb;
}

// ---------------------------------------------------------------------------------------------
// 家庭成员花名册 (the members import format: nothing below the list)

const ROSTER_FIRST = ['户编号', '姓名', '证件号码', '与户主关系'];
const ROSTER_CONTEXT = ['乡镇', '村', '户主姓名', '户类型', '家庭人口数', '监测对象类别'];

export const rosterColumns = (): string[] => [
  ...ROSTER_FIRST,
  ...ROSTER_CONTEXT,
  ...ROSTER_MEMBER_FIELDS.filter((h) => !ROSTER_FIRST.includes(h)),
];

function rosterWidth(header: string): number {
  if (header === '证件号码') return 19.5;
  if (header === '户编号' || header === '人口编号') return 17.5;
  if (/日期|时间/.test(header) && !/月/.test(header)) return 11;
  if (header.startsWith('是否')) return 8;
  if (/企业|所在地|岗位$/.test(header)) return 12;
  if (header === '联系电话') return 12.5;
  return Math.max(7, Math.min(11, header.length * 2 + 1));
}

export function rosterTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const headers = ['序号', ...rosterColumns()];
  const widths = headers.map((h) => (h === '序号' ? 5 : rosterWidth(h)));
  const s = new FormSheet(wb, {
    name: '家庭成员花名册',
    widths,
    orientation: 'landscape',
    footer: PAGE_FOOTER,
    fitToWidth: false,
    printTitlesColumn: 'B:D',
    overThenDown: true,
  });
  s.line(
    [
      { text: '{{地区}}家庭成员花名册', span: 11, font: FONT.subtitle, align: 'left', wrap: false },
      { span: headers.length - 11 },
    ],
    { height: 30 },
  );
  s.line(
    [
      {
        text: '核对说明：请直接在表中改正错误的内容，新增人员在表末添加一行；不要改动表头，证件号码、户编号保持文本格式。核对后交回，用 fpjc import 导入（未改动的行不会产生修改）。导出日期：{{制表日期|日期}}',
        span: 11,
        align: 'left',
        font: FONT.small,
      },
      { span: headers.length - 11 },
    ],
    { height: 40 },
  );
  const [h] = s.grid([headers.map((text) => ({ text }))], { height: 42 });
  s.printTitles(h, h);
  s.freeze(h, 4);
  const text = new Set(['户编号', '证件号码', '人口编号', '联系电话']);
  s.line(
    headers.map((head) => ({
      text: head === '序号' ? '{{成员.序号}}' : `{{成员.${head}}}`,
      ...(text.has(head) ? { numFmt: '@' } : {}),
      wrap: false,
    })),
    { boxed: true, height: 18 },
  );
  return wb;
}

// ---------------------------------------------------------------------------------------------
// 摸底排查表 (seed 004): 附件1 一般户, 附件2 农牧户, one form per household

/** 12-column grid of the A4 portrait forms. */
const FORM_WIDTHS = [4.5, 7.5, 7.5, 4.5, 4.5, 10, 9.5, 9.5, 9.5, 9.5, 9.5, 9];
/** Row height of the forms (points): a household of up to 7 people fits one A4 page. */
const ROW = 18;
/** A4 portrait, fitted to the page width (about 89 % in Excel); each form on its own page. */
const FORM_PAGE = {
  widths: FORM_WIDTHS,
  orientation: 'portrait' as const,
  margins: { left: 0.45, right: 0.45, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

const label = (text: string, span: number, extra: Partial<Piece> = {}): Piece => ({
  text,
  span,
  font: FONT.head,
  ...extra,
});
const value = (text: string, span: number, extra: Partial<Piece> = {}): Piece => ({
  text,
  span,
  align: 'left',
  ...extra,
});
const section = (s: FormSheet, text: string): number =>
  s.line([{ text, span: FORM_WIDTHS.length, align: 'left', font: FONT.section }], { boxed: true, height: ROW });

/** A line of three label/value pairs on the form grid. */
const PAIRS: [number, number][] = [
  [2, 3],
  [2, 2],
  [1, 2],
];
/** Room for 5–6 character labels in the middle and at the end. */
const PAIRS_EVEN: [number, number][] = [
  [2, 2],
  [2, 2],
  [2, 2],
];
/** Room for an ID number in the middle. */
const PAIRS_ID: [number, number][] = [
  [2, 3],
  [1, 3],
  [1, 2],
];

function pairs(s: FormSheet, items: [string, string][], spans: [number, number][] = PAIRS, height = ROW): number {
  return s.line(
    items.flatMap(([l, v], i) => [label(l, spans[i]![0]), value(v, spans[i]![1], { font: FONT.small })]),
    { boxed: true, height },
  );
}

function membersTable(s: FormSheet, list: string): void {
  s.grid(
    [
      [
        { text: '序号' },
        { text: '姓名' },
        { text: '与户主关系' },
        { text: '性别' },
        { text: '年龄' },
        { text: '证件号码', span: 2 },
        { text: '健康状况' },
        { text: '劳动技能' },
        { text: '在校生状况' },
        { text: '务工情况' },
        { text: '低保/特困' },
      ],
    ],
    { height: 28 },
  );
  s.line(
    [
      { text: `{{#至少 4 行}}{{${list}.序号}}` },
      { text: `{{${list}.姓名}}` },
      { text: `{{${list}.与户主关系}}` },
      { text: `{{${list}.性别}}` },
      { text: `{{${list}.年龄}}` },
      { text: `{{${list}.证件号码|掩码}}`, span: 2 },
      { text: `{{${list}.健康状况}}`, font: FONT.small },
      { text: `{{${list}.劳动技能}}`, font: FONT.small },
      { text: `{{${list}.在校生状况}}`, font: FONT.small },
      { text: `{{${list}.务工情况}}`, font: FONT.small },
      { text: `{{${list}.低保特困}}`, font: FONT.small },
    ],
    { boxed: true, height: ROW },
  );
}

function threeGuarantees(s: FormSheet, heading: string): void {
  section(s, heading);
  s.line([label('项目', 6), label('登记库信息', 2), label('本次核实', 2), label('情况说明', 2)], {
    boxed: true,
    height: ROW,
  });
  const rows: [string, string, string][] = [
    ['义务教育：有无适龄儿童少年失学辍学', '{{义务教育失学辍学|勾选:有/无}}', '□有  □无'],
    ['基本医疗：有无家庭成员未参加医保', '{{有成员未参加医保|勾选:有/无}}', '□有  □无'],
    ['住房安全：住房是否存在安全问题', '{{住房出现安全问题|勾选:是/否}}', '□是  □否'],
    ['饮水安全：饮水是否存在安全问题', '{{饮水出现安全问题|勾选:是/否}}', '□是  □否'],
  ];
  for (const [item, reg, check] of rows) {
    s.line([value(item, 6), { text: reg, span: 2 }, { text: check, span: 2 }, value('', 2)], {
      boxed: true,
      height: ROW,
    });
  }
}

/** A money table: a header of 8 items, the register's values of the income year, and blanks for this visit. */
function moneyTable(s: FormSheet, items: [string, string][]): void {
  const itemSpans = [2, 1, 1, 1, 1, 1, 1, 1];
  s.line([label('项目', 3), ...items.map(([head], i) => label(head, itemSpans[i]!, { font: FONT.small }))], {
    boxed: true,
    height: 28,
  });
  s.line(
    [
      label('登记库（{{收入年度}}年）', 3, { font: FONT.small }),
      ...items.map(([, field], i) => ({
        text: `{{${field}|金额}}`,
        span: itemSpans[i]!,
        align: 'right' as const,
        font: FONT.small,
      })),
    ],
    { boxed: true, height: ROW },
  );
  s.line([label('本次核实', 3, { font: FONT.small }), ...items.map((_, i) => ({ text: '', span: itemSpans[i]! }))], {
    boxed: true,
    height: ROW + 2,
  });
}

function doubleSignature(s: FormSheet): void {
  s.blank(6);
  s.line([{ text: '以上信息经本户核对，情况属实。', span: FORM_WIDTHS.length, align: 'left', font: FONT.line }], {
    height: ROW,
  });
  s.line(
    [
      { text: '农户（签字/按手印）：', span: 4, align: 'left', font: FONT.line },
      { text: '信息采集员（签字）：', span: 4, align: 'left', font: FONT.line },
      { text: '排查日期：      年    月    日', span: 4, align: 'left', font: FONT.line },
    ],
    { height: 26 },
  );
}

function formHeader(s: FormSheet, attachment: string, list: string, title: string): void {
  s.line([{ text: `${attachment}{{#分页 ${list}}}`, span: FORM_WIDTHS.length, align: 'left', font: FONT.head }], {
    height: 18,
  });
  s.title(title, 26, FONT.subtitle);
  s.line(
    [
      { text: '地址：{{乡镇}}{{村}}{{自然村}}', span: 7, align: 'left', font: FONT.line },
      { text: '户编号：{{户编号}}', span: 5, align: 'right', font: FONT.line },
    ],
    { height: 22 },
  );
}

function form2(wb: ExcelJS.Workbook): void {
  const s = new FormSheet(wb, { name: '附件2 农牧户', ...FORM_PAGE });
  formHeader(s, '附件2', '农牧户', '农牧户基本情况摸底排查表');
  section(s, '一、家庭基本情况');
  pairs(
    s,
    [
      ['户主姓名', '{{户主姓名}}'],
      ['证件号码', '{{户主证件号码|掩码}}'],
      ['联系电话', '{{联系电话|掩码}}'],
    ],
    PAIRS_ID,
  );
  pairs(s, [
    ['户类型', '{{户类别}}'],
    ['家庭人口', '{{家庭人口数}}人，劳动力{{劳动力人数}}人'],
    ['在校生', '{{在校生人数}}人'],
  ]);
  pairs(s, [
    ['务工人数', '{{务工人数}}人'],
    ['低保/特困', '低保{{低保人数}}人，特困{{特困人数}}人'],
    ['残疾/病', '残{{残疾人数}} 大病{{大病人数}} 慢病{{慢性病人数}}'],
  ]);
  pairs(s, [
    ['风险类型', '{{风险类型}}'],
    ['识别监测时间', '{{识别监测时间|年月}}'],
    ['风险状态', '{{风险状态}}'],
  ]);
  pairs(
    s,
    [
      ['易地搬迁户', '{{是否易地搬迁户|勾选:是/否}}'],
      ['整户无劳动力', '{{整户无劳动能力兜底保障户|勾选:是/否}}'],
      ['监测联系人', '{{监测联系人}}'],
    ],
    PAIRS_EVEN,
  );
  section(s, '二、家庭成员情况（常住人口，变化的请在空行补充或注明）');
  membersTable(s, '成员');
  threeGuarantees(s, '三、“两不愁三保障”及饮水安全情况');
  section(s, '四、家庭收支情况（元）　本次核实填写入户排查前 12 个月：____年__月至____年__月');
  moneyTable(s, [
    ['工资性收入', '工资性收入'],
    ['生产经营性收入', '生产经营性收入'],
    ['财产性收入', '财产性收入'],
    ['转移性收入', '转移性收入'],
    ['生产经营性支出', '生产经营性支出'],
    ['家庭纯收入', '家庭纯收入'],
    ['人均纯收入', '人均纯收入'],
    ['合规自付医疗支出', '合规自付支出'],
  ]);
  moneyTable(s, [
    ['资产收益分红', '资产收益扶贫分红收入'],
    ['计划生育金', '计划生育金'],
    ['低保金', '低保金'],
    ['特困供养金', '特困供养金'],
    ['养老保险金', '养老保险金'],
    ['生态补偿金', '生态补偿金'],
    ['理赔收入', '理赔收入'],
    ['其他刚性支出', '其他刚性支出'],
  ]);
  section(s, '五、生产生活资产');
  s.line(
    [
      label('耕地面积', 2),
      value('{{耕地面积}} 亩', 3),
      label('林地面积', 2),
      value('{{林地面积}} 亩', 2),
      label('存栏牲畜', 1),
      value('牛___头 羊___只', 2),
    ],
    {
      boxed: true,
      height: ROW,
    },
  );
  s.line([label('其他资产（农机、车辆、房屋等）', 6), value('', 6)], { boxed: true, height: ROW });
  section(s, '六、风险研判');
  s.line([label('排查提示', 3), value('{{排查提示}}', 9, { font: FONT.small })], { boxed: true, height: ROW });
  s.line([label('现有帮扶措施', 3), value('{{帮扶措施}}', 9, { font: FONT.small })], { boxed: true, height: ROW });
  s.line(
    [
      label('存在返贫致贫风险', 3),
      { text: '□是  □否', span: 2 },
      label('风险类型', 1),
      value('□因病 □因残 □因学 □因灾 □因意外 □产业失败 □务工不稳 □缺劳力 □住房 □饮水 □其他', 6, {
        font: FONT.small,
      }),
    ],
    { boxed: true, height: 30 },
  );
  s.line([label('研判意见', 3), value('', 9)], { boxed: true, height: 30 });
  doubleSignature(s);
}

function form1(wb: ExcelJS.Workbook): void {
  const s = new FormSheet(wb, { name: '附件1 一般户', ...FORM_PAGE });
  formHeader(s, '附件1', '一般户', '一般户基本情况摸底排查表');
  section(s, '一、家庭基本情况');
  pairs(
    s,
    [
      ['户主姓名', '{{户主姓名}}'],
      ['证件号码', '{{户主证件号码|掩码}}'],
      ['联系电话', '{{联系电话|掩码}}'],
    ],
    PAIRS_ID,
  );
  pairs(s, [
    ['家庭人口', '{{家庭人口数}}人，劳动力{{劳动力人数}}人'],
    ['在校生', '{{在校生人数}}人'],
    ['务工人数', '{{务工人数}}人'],
  ]);
  pairs(s, [
    ['低保/特困', '低保{{低保人数}}人，特困{{特困人数}}人'],
    ['残疾/大病', '残疾{{残疾人数}}人，大病{{大病人数}}人'],
    ['慢性病', '{{慢性病人数}}人'],
  ]);
  section(s, '二、家庭成员情况（常住人口，变化的请在空行补充或注明）');
  membersTable(s, '成员');
  threeGuarantees(s, '三、“两不愁三保障”及饮水安全情况');
  section(s, '四、家庭收支情况（元）　本次核实填写入户排查前 12 个月：____年__月至____年__月');
  moneyTable(s, [
    ['工资性收入', '工资性收入'],
    ['生产经营性收入', '生产经营性收入'],
    ['财产性收入', '财产性收入'],
    ['转移性收入', '转移性收入'],
    ['生产经营性支出', '生产经营性支出'],
    ['家庭纯收入', '家庭纯收入'],
    ['人均纯收入', '人均纯收入'],
    ['合规自付医疗支出', '合规自付支出'],
  ]);
  section(s, '五、风险排查');
  s.line(
    [
      label('是否存在以下情况', 3),
      value(
        '□家庭成员患大病重病  □重度残疾  □失业或务工就业不稳  □意外事故  □自然灾害  □产业项目失败  □因学等刚性支出较大  □住房或饮水问题  □以上都没有',
        9,
        { font: FONT.small },
      ),
    ],
    { boxed: true, height: 32 },
  );
  s.line([label('排查提示', 3), value('{{排查提示}}', 9, { font: FONT.small })], { boxed: true, height: ROW });
  s.line(
    [
      label('研判结果', 3),
      value('□无返贫致贫风险  □存在风险，建议纳入监测（类别：□边缘易致贫户 □突发严重困难户）', 9, { font: FONT.small }),
    ],
    { boxed: true, height: 24 },
  );
  s.line([label('情况说明', 3), value('', 9)], { boxed: true, height: 30 });
  doubleSignature(s);
}

export function surveyTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  form1(wb);
  form2(wb);
  return wb;
}

/** Every generated template, by file name. */
export const TEMPLATE_BUILDERS: Readonly<Record<string, () => ExcelJS.Workbook>> = {
  '监测帮扶汇总表.xlsx': summaryTemplate,
  '监测对象台账.xlsx': ledgerTemplate,
  '摸底排查表.xlsx': surveyTemplate,
  '预警核查反馈表.xlsx': alertsTemplate,
  '家庭成员花名册.xlsx': rosterTemplate,
  ...SCREENING_TEMPLATE_BUILDERS,
  ...CASEWORK_TEMPLATE_BUILDERS,
};
