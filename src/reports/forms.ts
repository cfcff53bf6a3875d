import ExcelJS from 'exceljs';
import { MEMBERS } from '../domain/fields.js';
import { VOCABULARIES } from '../domain/vocab.js';
import { ROSTER_MEMBER_FIELDS } from './defs/roster.js';
import { measureColumn, riskColumn } from './defs/summary.js';
import {
  COUNT_FMT,
  DATE_BLANK,
  FONT,
  FormSheet,
  moneyWidth,
  PAGE_FOOTER,
  type Piece,
  SHEET_PAGE_FOOTER,
  textWidth,
} from './template-kit.js';
import { CASEWORK_TEMPLATE_BUILDERS } from './templates/casework.js';
import { QUALITY_TEMPLATE_BUILDERS } from './templates/quality.js';
import { SCREENING_TEMPLATE_BUILDERS } from './templates/screening.js';
import { surveyTemplate } from './templates/survey.js';

/**
 * The official-looking forms of templates/, drawn in code. `npm run templates` writes them;
 * test/unit/reports/templates.test.ts checks the committed files equal what this draws.
 * Each function returns a workbook for one template file.
 */

const num = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, numFmt: COUNT_FMT, ...extra });
const b = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, font: FONT.head, ...extra });
const small = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, font: FONT.small, ...extra });
const HEAD9 = { ...FONT.head, size: 9 };

/** 填表人、审核人、单位负责人、填报日期: the signature line under every statistical table. */
export const TABLE_SIGNATURES = ['填表人：', '审核人：', '单位负责人：', `填报日期：${DATE_BLANK}`];
/** Landscape A4 with 1 cm side margins: about 138 Calibri-digit units print at 100 %. */
const LANDSCAPE_MARGINS = { left: 0.4, right: 0.4, top: 0.55, bottom: 0.6, header: 0.25, footer: 0.3 };

/** Header text of a risk type or measure category, broken between its words (never inside one). */
const TERM_LINES: Record<string, string> = {
  因自然灾害: '因自然\n灾害',
  因意外事故: '因意外\n事故',
  因产业项目失败: '因产业\n项目失败',
  因务工就业不稳: '因务工\n就业不稳',
  因安全住房: '因安全\n住房',
  因安全饮水: '因安全\n饮水',
  缺劳动力: '缺劳\n动力',
  公益岗位帮扶: '公益岗位\n帮扶',
  义务教育保障: '义务教育\n保障',
  住房安全保障: '住房安全\n保障',
  饮水安全保障: '饮水安全\n保障',
  其他风险: '其他',
  其他措施: '其他',
};
const termHead = (t: string): string => TERM_LINES[t] ?? t;

// ---------------------------------------------------------------------------------------------
// 汇总表

function summaryTitle(s: FormSheet, title: string): void {
  s.title(title);
  s.line([{ text: '（{{年度}}年度）', span: s.cols, font: FONT.line }], { height: 20 });
  const left = Math.ceil(s.cols / 2);
  s.line(
    [
      { text: '填报单位（盖章）：', span: left, align: 'left', font: FONT.line, wrap: false },
      { text: '统计截止日期：{{统计日期|日期}}', span: s.cols - left, align: 'right', font: FONT.line, wrap: false },
    ],
    { height: 22 },
  );
}

const CATEGORY_NAMES = VOCABULARIES.monitoredCategory.values;

function summarySheet1(wb: ExcelJS.Workbook): void {
  const widths = [
    10,
    7,
    7.5,
    6.5,
    7,
    6,
    6.5,
    ...CATEGORY_NAMES.flatMap(() => [6, 7]),
    6,
    6,
    6,
    6,
    6,
    5.5,
    5.5,
    5.5,
    5.5,
  ];
  const s = new FormSheet(wb, {
    name: '基本情况',
    widths,
    orientation: 'landscape',
    margins: LANDSCAPE_MARGINS,
    footer: SHEET_PAGE_FOOTER,
  });
  summaryTitle(s, '{{地区}}防止返贫动态监测帮扶情况汇总表');
  const [h1, h2] = s.grid(
    [
      [
        { text: '{{单位层级}}', rows: 3 },
        { text: '总户数', rows: 3 },
        { text: '总人数', rows: 3 },
        { text: '脱贫户', span: 2, rows: 2 },
        { text: '监测对象', span: 2 + CATEGORY_NAMES.length * 2 },
        { text: '风险状态\n（户）', span: 2, rows: 2 },
        { text: '{{年度}}年变化（户）', span: 3, rows: 2 },
        { text: '风险未消除户\n三色预警（户）', span: 4, rows: 2 },
      ],
      [{ text: '合计', span: 2 }, ...CATEGORY_NAMES.map((c) => ({ text: c, span: 2, font: HEAD9 }))],
      [
        ...['户数', '人数'],
        ...['户数', '人数'],
        ...CATEGORY_NAMES.flatMap(() => ['户数', '人数']),
        '未消除',
        '已消除',
        '新识别',
        '消除',
        '回退',
        '红色',
        '黄色',
        '{{第三色}}',
        '未定',
      ].map((text) => ({ text })),
    ],
    { height: 22 },
  );
  s.printTitles(h1, h2 + 1);
  const fields = [
    '户数',
    '人数',
    '脱贫户',
    '脱贫人口',
    '监测户数',
    '监测人数',
    ...CATEGORY_NAMES.flatMap((c) => [c, `${c}人数`]),
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
    '注：1.总户数为本地全部农户（含一般农户），人数为在册人口。2.监测对象按“监测对象类别”统计，含风险已消除户。3.{{预警方式}}；“未定”为缺少识别时间或收入而无法判定颜色的户。4.年度变化按识别监测时间、风险消除时间和风险回退记录所在年份统计。',
    36,
  );
  s.blank(10);
  s.signatures(TABLE_SIGNATURES, { weights: [2, 2, 2, 3] });
}

function summarySheet2(wb: ExcelJS.Workbook): void {
  const risks = VOCABULARIES.riskType.values.map(riskColumn);
  const widths = [10, 8, 8, ...risks.map(() => 7.5)];
  const s = new FormSheet(wb, {
    name: '风险类型',
    widths,
    orientation: 'landscape',
    margins: LANDSCAPE_MARGINS,
    footer: SHEET_PAGE_FOOTER,
  });
  summaryTitle(s, '{{地区}}监测对象风险类型统计表');
  const [h1, h2] = s.grid(
    [
      [
        { text: '{{单位层级}}', rows: 2 },
        { text: '监测对象\n户数', rows: 2 },
        { text: '有风险类型\n的户数', rows: 2 },
        { text: '主要风险类型（户）', span: risks.length },
      ],
      risks.map((r) => ({ text: termHead(r), font: HEAD9 })),
    ],
    { height: 30 },
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
  s.signatures(TABLE_SIGNATURES, { weights: [2, 2, 2, 3] });
}

function summarySheet3(wb: ExcelJS.Workbook): void {
  const cats = VOCABULARIES.measureCategory.values.map(measureColumn);
  const widths = [10, 7, 7, 7, ...cats.map(() => 7.5)];
  const s = new FormSheet(wb, {
    name: '帮扶措施',
    widths,
    orientation: 'landscape',
    margins: LANDSCAPE_MARGINS,
    footer: SHEET_PAGE_FOOTER,
  });
  summaryTitle(s, '{{地区}}帮扶措施落实情况统计表');
  const [h1, h2] = s.grid(
    [
      [
        { text: '{{单位层级}}', rows: 2 },
        { text: '合计\n（项）', rows: 2 },
        { text: '开发式', rows: 2 },
        { text: '保障性', rows: 2 },
        { text: '按帮扶措施类别（项）', span: cats.length },
      ],
      cats.map((c) => ({ text: termHead(c), font: HEAD9 })),
    ],
    { height: 30 },
  );
  s.printTitles(h1, h2);
  const fields = ['措施合计', '开发式措施', '保障性措施', ...cats];
  s.line([{ text: '{{行.名称}}' }, ...fields.map((f) => num(`{{行.${f}}}`))], { boxed: true, height: 20 });
  s.line([b('{{合计.名称}}'), ...fields.map((f) => num(`{{合计.${f}}}`, { font: FONT.head }))], {
    boxed: true,
    height: 20,
  });
  s.note(
    '注：按已录入的帮扶措施条数统计；开发式措施指产业帮扶、就业帮扶、金融帮扶、公益岗位帮扶，其余为保障性措施。',
    24,
  );
  s.blank(10);
  s.signatures(TABLE_SIGNATURES, { weights: [2, 2, 2, 3] });
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

/** Fills of the 三色预警 cell (conditional formatting on the cell's text). */
export const COLOUR_FILLS: Readonly<Record<string, string>> = {
  红色: 'FFFF8B8B',
  黄色: 'FFFFE26E',
  蓝色: 'FF9DC3E6',
  绿色: 'FFA9D18E',
};

export function ledgerTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const cols: [string, string, number, Partial<Piece>?][] = [
    ['序号', '{{户.序号}}', 3.5],
    ['乡镇\n村', '{{户.乡镇}} {{户.村}}', 8],
    ['户编号', '{{户.户编号}}', 17.5, { numFmt: '@', font: { ...FONT.small, size: 8 }, wrap: false }],
    ['户主\n姓名', '{{户.户主姓名}}', 6.5],
    ['户主证件号码', '{{户.户主证件号码|掩码}}', 17.5, { font: { ...FONT.small, size: 8 }, wrap: false }],
    ['人数', '{{户.人数}}', 4],
    ['户类型', '{{户.户类型}}', 7.5],
    ['监测对象类别', '{{户.监测对象类别}}', 13],
    ['风险类型', '{{户.风险类型}}', 13.5, { align: 'left' }],
    ['识别监测\n时间', '{{户.识别监测时间|年月}}', 9.5],
    ['风险状态\n（消除方式、时间）', '{{户.风险状态}} {{户.风险消除方式}} {{户.风险消除时间|年月}}', 10.5],
    ['三色\n预警', '{{户.预警颜色}}', 5.5],
    ['上年人均\n纯收入（元）', '{{户.人均纯收入|金额}}', moneyWidth(9), { align: 'right' }],
    ['帮扶措施', '{{户.帮扶措施}}', 18, { align: 'left' }],
    ['帮扶责任人\n（联系电话）', '{{户.监测联系人}} {{户.监测联系人电话}}', 12],
  ];
  const widths = cols.map((c) => c[2]);
  const s = new FormSheet(wb, {
    name: '监测对象台账',
    widths,
    orientation: 'landscape',
    margins: LANDSCAPE_MARGINS,
    footer: PAGE_FOOTER,
  });
  s.title('{{地区}}防止返贫监测对象台账');
  s.line(
    [
      { text: '填报单位（盖章）：', span: 7, align: 'left', font: FONT.line, wrap: false },
      { text: '统计日期：{{统计日期|日期}}', span: widths.length - 7, align: 'right', font: FONT.line, wrap: false },
    ],
    { height: 22 },
  );
  const [h] = s.grid([cols.map(([head]) => ({ text: head, font: HEAD9 }))], { height: 30 });
  s.printTitles(h, h);
  s.freeze(h);
  const r = s.line(
    cols.map(([, value, , extra]) => small(value, extra)),
    { boxed: true, height: 20 },
  );
  s.colourByText(r, cols.findIndex((c) => c[0].startsWith('三色')) + 1, COLOUR_FILLS);
  s.note('注：{{预警方式}}；风险已消除户不标颜色。人均纯收入为统计日期上一年度数据。户主证件号码已隐去中间8位。', 20);
  s.blank(10);
  s.signatures(TABLE_SIGNATURES, { weights: [2, 2, 2, 3] });
  return wb;
}

// ---------------------------------------------------------------------------------------------
// 预警核查反馈表 (the header row is what `fpjc import alerts --results` reads: nothing below the
// list, so the signatures are in the page footer)

export const ALERT_RESULT_CHOICES = VOCABULARIES.verifyResult.values;

/** A page footer with signature lines on the left and the page number on the right. */
export const signatureFooter = (labels: readonly string[]): string =>
  `&L&"宋体,常规"&10${labels.join('　　　　　　')}&R&"宋体,常规"&9第 &P 页，共 &N 页`;

export function alertsTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const cols: [string, string, number, Partial<Piece>?][] = [
    ['序号', '{{预警.序号}}', 3.5],
    ['乡镇', '{{预警.乡镇}}', 7.5],
    ['村', '{{预警.村}}', 7.5],
    ['户主\n姓名', '{{预警.户主姓名}}', 6.5],
    ['姓名', '{{预警.姓名}}', 6.5],
    ['证件号码', '{{预警.证件号码}}', 17.5, { numFmt: '@', font: { ...FONT.small, size: 8 }, wrap: false }],
    ['来源\n部门', '{{预警.来源部门}}', 6],
    // the longest national alert type (义务教育阶段失学辍学, 10 characters) on one line: it is read back
    ['预警类型', '{{预警.预警类型}}', 18, { locked: false }],
    ['预警日期', '{{预警.预警日期|日期}}', 12.5],
    ['指标值', '{{预警.指标值}}', 10.5, { align: 'right', numFmt: '#,##0"元"' }],
    ['预警内容', '{{预警.预警内容}}', 18.5, { align: 'left' }],
    ['核实结果', '{{预警.核实结果}}', 10, { locked: false }],
    ['核实说明', '{{预警.核实说明}}', 18, { align: 'left', locked: false }],
    ['核实人', '{{预警.核实人}}', 7, { locked: false }],
    ['核实日期', '{{预警.核实日期|日期}}', 12.5, { locked: false }],
  ];
  const widths = cols.map((c) => c[2]);
  const s = new FormSheet(wb, {
    name: '预警核查反馈表',
    widths,
    orientation: 'landscape',
    margins: { ...LANDSCAPE_MARGINS, bottom: 0.75, footer: 0.3 },
    footer: signatureFooter(['村负责人（签字）：', '乡镇审核人（签字）：', `反馈日期：${DATE_BLANK}`]),
  });
  s.title('{{地区}}部门预警线索核查反馈表');
  s.line(
    [
      { text: '交办单位：{{县名}}防止返贫监测帮扶工作专班', span: 8, align: 'left', font: FONT.line, wrap: false },
      { text: '交办日期：{{制表日期|日期}}', span: widths.length - 8, align: 'right', font: FONT.line, wrap: false },
    ],
    { height: 22 },
  );
  s.note(
    '填写说明：逐条入户核实，“核实结果”从下拉列表中选择（属实、不属实、已纳入监测、其他），写明核实说明、核实人和核实日期。请勿改动表头和证件号码，不要在表格下方添加内容；填好后由村负责人、乡镇审核人在页脚签字，交回乡镇汇总报县防止返贫监测帮扶工作专班。',
    30,
  );
  const [h] = s.grid([cols.map(([head]) => ({ text: head, font: HEAD9 }))], { height: 24 });
  s.printTitles(h, h);
  s.freeze(h);
  const r = s.line(
    cols.map(([, value, , extra]) => small(value, extra)),
    { boxed: true, height: 22 },
  );
  s.choices(r, cols.findIndex((c) => c[0] === '核实结果') + 1, ALERT_RESULT_CHOICES);
  return wb;
}

// ---------------------------------------------------------------------------------------------
// 家庭成员花名册 (the members import format: nothing below the list; signatures in the footer)

const ROSTER_FIRST = ['户编号', '姓名', '证件号码', '与户主关系'];
const ROSTER_CONTEXT = ['乡镇', '村', '户主姓名', '户类型', '家庭人口数', '监测对象类别'];

export const rosterColumns = (): string[] => [
  ...ROSTER_FIRST,
  ...ROSTER_CONTEXT,
  ...ROSTER_MEMBER_FIELDS.filter((h) => !ROSTER_FIRST.includes(h)),
];

/** Header lines of the long import headers, broken between words (the importer ignores line breaks). */
const ROSTER_HEAD_LINES: Record<string, string> = {
  是否参加城乡居民基本医疗保险: '是否参加\n城乡居民\n基本医疗\n保险',
  是否参加城乡居民基本养老保险: '是否参加\n城乡居民\n基本养老\n保险',
  是否参加大病保险: '是否参加\n大病保险',
  享受低保政策情况: '享受低保\n政策情况',
  是否特困供养人员: '是否特困\n供养人员',
  '是否失能/半失能': '是否失能/\n半失能',
  '是否留守儿童/困境儿童': '是否留守儿童/\n困境儿童',
  '公益性岗位(月数)': '公益性岗位\n(月数)',
  '务工时间(月)': '务工时间\n(月)',
  务工企业名称: '务工企业\n名称',
  监测对象类别: '监测对象\n类别',
  家庭人口数: '家庭\n人口数',
};

const ROSTER_SIZE = 9;

/** Width of a roster column: its longest value (vocabulary, date, code) or its header's longest line. */
function rosterWidth(header: string): number {
  const field = MEMBERS.fields.find((f) => f.header === header);
  const samples: string[] = [...(ROSTER_HEAD_LINES[header] ?? header).split('\n')];
  // every value of a vocabulary on one line (证件类型: the common ones; a rare long one wraps)
  if (field?.vocab === 'idType') samples.push('居民身份证', '户口簿');
  else if (field?.vocab) samples.push(...VOCABULARIES[field.vocab].values);
  if (field?.type === 'multiEnum' && field.vocab) samples.push('长期慢性病、残疾');
  if (field?.type === 'date') samples.push('2024年12月31日');
  if (field?.type === 'idNo' || field?.type === 'code') samples.push('142401198001011234');
  if (field?.type === 'phone') samples.push('13912345678');
  if (/企业|所在地|岗位$/.test(header)) samples.push('山西省晋中市');
  if (header === '监测对象类别') samples.push('突发严重困难户');
  if (header === '乡镇' || header === '村') samples.push('郭家堡乡');
  if (header === '户类型') samples.push('一般农户');
  if (header === '姓名' || header === '户主姓名') samples.push('欧阳秀英');
  return Math.max(4, ...samples.map((t) => textWidth(t, ROSTER_SIZE)));
}

export function rosterTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const headers = ['序号', ...rosterColumns()];
  const widths = headers.map((h) => (h === '序号' ? 5 : rosterWidth(h)));
  // pages across: the repeated 姓名/证件号码 columns plus what fits beside them on a landscape page
  const total = widths.reduce((a, w) => a + w, 0);
  const s = new FormSheet(wb, {
    name: '家庭成员花名册',
    widths,
    orientation: 'landscape',
    margins: { ...LANDSCAPE_MARGINS, top: 0.75, header: 0.3, bottom: 0.75 },
    fitToWidth: false,
    fitPagesWide: Math.ceil(total / 150),
    printTitlesColumn: 'C:D',
    overThenDown: true,
    header: '&L&"宋体,加粗"&12{{地区}}家庭成员花名册&R&"宋体,常规"&9导出日期：{{制表日期|日期}}',
    footer: signatureFooter(['核对人（签字）：', '村（嘎查）审核（签字）：', `核对日期：${DATE_BLANK}`]),
  });
  s.line(
    [
      {
        text: '核对说明：请直接在表中改正错误的内容，新增人员在表末添加一行；不要改动表头，证件号码、户编号保持文本格式；核对后签字交回乡镇。',
        span: 1,
        align: 'left',
        font: FONT.small,
        wrap: false,
      },
      ...headers.slice(1).map(() => ({ span: 1, wrap: false })),
    ],
    { height: 22 },
  );
  const [h] = s.grid([headers.map((text) => ({ text: ROSTER_HEAD_LINES[text] ?? text, font: HEAD9 }))], {
    height: 30,
  });
  s.printTitles(h, h);
  s.freeze(h, 4);
  const text = new Set(['户编号', '证件号码', '人口编号', '联系电话']);
  // every cell goes back through import: unlocked, so a long value wraps as typed, never re-broken
  s.line(
    headers.map((head) => ({
      text: head === '序号' ? '{{成员.序号}}' : `{{成员.${head}}}`,
      font: { ...FONT.body, size: ROSTER_SIZE },
      ...(text.has(head) ? { numFmt: '@', wrap: false } : { wrap: true }),
      locked: false,
    })),
    { boxed: true, height: 16 },
  );
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
  ...QUALITY_TEMPLATE_BUILDERS,
};
