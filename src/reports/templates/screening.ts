import ExcelJS from 'exceljs';
import { VOCABULARIES } from '../../domain/vocab.js';
import { DATE_BLANK, FONT, FormSheet, type Piece, SHEET_PAGE_FOOTER } from '../template-kit.js';

/**
 * The templates of the screening reports (issue 4), drawn with the template kit:
 * - 排查清单.xlsx (`screening-list`): per 村, the households of a campaign with their rules and
 *   evidence, and the visit-result columns in the exact layout `fpjc import visits` reads back
 *   (户编号, 排查日期, 排查人, 是否入户, 研判结果, 说明, 类别, 风险类型; the other columns are
 *   ignored on import). Nothing below the list, so the filled sheet imports as it is.
 * - 排查进度.xlsx (`campaign`): coverage and results by 乡镇 and 村, the rules' counts and the
 *   summary paragraph.
 */

const HEAD9 = { ...FONT.head, size: 9 };
const small = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, font: FONT.small, ...extra });
const LANDSCAPE_MARGINS = { left: 0.4, right: 0.4, top: 0.55, bottom: 0.6, header: 0.25, footer: 0.3 };
const open = { locked: false } as const;

/**
 * Columns of the screening list: header, placeholder of the `户` list, width, extra style. The
 * visit columns (排查日期 … 风险类型) are what `fpjc import visits` reads back, unlocked so their
 * text is never re-broken; the others are ignored on import. 乡镇/村 are in the title (one file
 * per 村).
 */
export const SCREENING_LIST_COLUMNS: readonly [string, string, number, Partial<Piece>?][] = [
  ['序号', '{{户.序号}}', 3.5],
  ['户编号', '{{户.户编号}}', 17.5, { numFmt: '@', font: { ...FONT.small, size: 8 }, wrap: false }],
  ['户主\n姓名', '{{户.户主姓名}}', 6.5],
  ['户类型', '{{户.户类型}}', 7.5],
  ['人数', '{{户.人数}}', 4],
  ['监测状态', '{{户.监测状态}}', 13.5],
  ['预警规则', '{{户.预警规则}}', 8],
  ['排查依据', '{{户.排查依据}}', 36, { align: 'left' }],
  ['排查日期', '{{户.排查日期}}', 11, open],
  ['排查人', '{{户.排查人}}', 8, open],
  ['是否\n入户', '{{户.是否入户}}', 6.5, open],
  ['研判结果', '{{户.研判结果}}', 11, open],
  ['说明', '{{户.说明}}', 17, { align: 'left', ...open }],
  ['类别', '{{户.类别}}', 10, open],
  ['风险类型', '{{户.风险类型}}', 10, open],
];

/** The page footer of the screening list: the visitors' and the village's signatures. */
const LIST_FOOTER = `&L&"宋体,常规"&10排查人（签字）：　　　　　　村（嘎查）审核（签字）：　　　　　　日期：${DATE_BLANK}&R&"宋体,常规"&9第 &P 页，共 &N 页`;

export function screeningListTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const cols = SCREENING_LIST_COLUMNS;
  const widths = cols.map((c) => c[2]);
  const s = new FormSheet(wb, {
    name: '排查清单',
    widths,
    orientation: 'landscape',
    margins: { ...LANDSCAPE_MARGINS, bottom: 0.75 },
    footer: LIST_FOOTER,
  });
  s.title('{{地区}}防止返贫动态监测帮扶集中排查清单');
  s.line(
    [
      { text: '排查批次：{{批次名称}}', span: 7, align: 'left', font: FONT.line, wrap: false },
      {
        text: '排查基准日：{{排查基准日|日期}}　收入年度：{{收入年度}}年',
        span: 5,
        align: 'left',
        font: FONT.line,
        wrap: false,
      },
      { text: '制表日期：{{制表日期|日期}}', span: widths.length - 12, align: 'right', font: FONT.line, wrap: false },
    ],
    { height: 22 },
  );
  s.note(
    '填写说明：本村排查范围内的农户逐户入户排查，有预警线索的户排在前面（按“纳入研判、必查、必核、必到、帮扶、消除、回头看”排序），“排查依据”为筛查出的线索和数据。' +
      '入户后填写排查日期、排查人、是否入户（是/否）和研判结果（建议纳入监测、不纳入、已是监测对象、风险已稳定消除、其他）；' +
      '有预警线索的户研判为“不纳入”的，必须在“说明”中逐户注明研判结果；“建议纳入监测”的须填类别和风险类型（多项用逗号分隔）。' +
      '请勿改动表头和户编号，表格下方不要添加内容；填好后由排查人和村（嘎查）审核人在页脚签字，交回乡镇汇总录入。',
    48,
  );
  const [h] = s.grid([cols.map(([head]) => ({ text: head, font: HEAD9 }))], { height: 28 });
  s.printTitles(h, h);
  s.freeze(h, 3);
  const r = s.line(
    cols.map(([, value, , extra]) => small(value, extra)),
    { boxed: true, height: 30 },
  );
  const col = (name: string): number => cols.findIndex((c) => c[0].replace(/\n/g, '') === name) + 1;
  s.choices(r, col('是否入户'), ['是', '否']);
  s.choices(r, col('研判结果'), VOCABULARIES.visitResult.values);
  s.choices(r, col('类别'), VOCABULARIES.monitoredCategory.values);
  return wb;
}

const NUM = '#,##0';
const num = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, numFmt: NUM, ...extra });
const bold = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, font: FONT.head, ...extra });

/** The coverage columns shared by the 乡镇 and 村 tables. */
export const COVERAGE_FIELDS = [
  '排查户数',
  '排查人数',
  '已排查户数',
  '已排查人数',
  '未排查户数',
  '覆盖率',
  '预警户数',
  '预警未排查',
  ...VOCABULARIES.visitResult.values,
] as const;

function coverageHead(first: Piece[]): Piece[][] {
  return [
    [
      ...first,
      { text: '排查范围', span: 2 },
      { text: '已入户排查', span: 2 },
      { text: '未排查\n（户）', rows: 2 },
      { text: '覆盖率', rows: 2 },
      { text: '有预警线索（户）', span: 2 },
      { text: '研判结果（户）', span: VOCABULARIES.visitResult.values.length },
    ],
    [
      { text: '户数' },
      { text: '人数' },
      { text: '户数' },
      { text: '人数' },
      { text: '合计' },
      { text: '未排查' },
      ...VOCABULARIES.visitResult.values.map((v) => ({ text: RESULT_HEAD[v] ?? v, font: HEAD9 })),
    ],
  ];
}

/** 研判结果 headers, broken between words. */
const RESULT_HEAD: Record<string, string> = {
  建议纳入监测: '建议纳入\n监测',
  已是监测对象: '已是监测\n对象',
  风险已稳定消除: '风险已\n稳定消除',
};

const coverageCells = (list: string, font?: Partial<ExcelJS.Font>): Piece[] =>
  COVERAGE_FIELDS.map((f) =>
    f === '覆盖率'
      ? { text: `{{${list}.${f}}}`, ...(font ? { font } : {}) }
      : num(`{{${list}.${f}}}`, font ? { font } : {}),
  );

export function campaignTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // sheet 1: summary and 乡镇 table
  {
    const widths = [12, 6, 8, 8, 8, 8, 7.5, 7, 7.5, 7.5, 8.5, 7, 8, 8.5, 6];
    const s = new FormSheet(wb, {
      name: '排查进度',
      widths,
      orientation: 'landscape',
      margins: LANDSCAPE_MARGINS,
      footer: SHEET_PAGE_FOOTER,
    });
    s.title('{{地区}}{{批次名称}}进度和结果统计表');
    s.line(
      [
        { text: '排查批次：{{排查批次}}', span: 6, align: 'left', font: FONT.line },
        { text: '排查基准日：{{排查基准日|日期}}　收入年度：{{收入年度}}年', span: 5, align: 'left', font: FONT.line },
        { text: '统计日期：{{统计日期|日期}}', span: widths.length - 11, align: 'right', font: FONT.line },
      ],
      { height: 22 },
    );
    s.line([{ text: '{{总结}}', span: widths.length, align: 'left', font: FONT.line, valign: 'top' }], { height: 110 });
    s.blank(6);
    const [h1, h2] = s.grid(
      coverageHead([
        { text: '乡镇', rows: 2 },
        { text: '村数', rows: 2 },
      ]),
      { height: 24 },
    );
    s.printTitles(h1, h2);
    s.line([{ text: '{{乡镇.名称}}' }, num('{{乡镇.村数}}'), ...coverageCells('乡镇')], { boxed: true, height: 20 });
    s.line([bold('{{合计.名称}}'), num('{{合计.村数}}', { font: FONT.head }), ...coverageCells('合计', FONT.head)], {
      boxed: true,
      height: 20,
    });
    s.note(
      '注：排查范围为本批次排查的全部农户，人数为在册人口；覆盖率 = 已入户排查户数 ÷ 排查范围户数，100% 即排查全覆盖。有预警线索指被排查规则筛出（不含仅数据缺失）的户。',
      30,
    );
    s.blank(10);
    s.signatures(['填表人：', '审核人：', '单位负责人：', `填报日期：${DATE_BLANK}`], { weights: [2, 2, 2, 3] });
  }
  // sheet 2: 村 table
  {
    const widths = [10, 10, 8, 8, 8, 8, 7.5, 7, 7.5, 7.5, 8.5, 7, 8, 8.5, 6];
    const s = new FormSheet(wb, {
      name: '按村',
      widths,
      orientation: 'landscape',
      margins: LANDSCAPE_MARGINS,
      footer: SHEET_PAGE_FOOTER,
    });
    s.title('{{地区}}{{批次名称}}各村进度');
    const [h1, h2] = s.grid(
      coverageHead([
        { text: '乡镇', rows: 2 },
        { text: '村', rows: 2 },
      ]),
      { height: 24 },
    );
    s.printTitles(h1, h2);
    s.freeze(h2, 2);
    s.line([{ text: '{{村.乡镇}}' }, { text: '{{村.名称}}' }, ...coverageCells('村')], { boxed: true, height: 20 });
  }
  // sheet 3: rules
  {
    const widths = [4, 28, 8, 8, 9, 34];
    const s = new FormSheet(wb, { name: '预警线索', widths, orientation: 'portrait', footer: SHEET_PAGE_FOOTER });
    s.title('{{地区}}{{批次名称}}预警线索统计');
    const [h] = s.grid(
      [
        [
          { text: '序号' },
          { text: '预警线索' },
          { text: '类别' },
          { text: '预警\n（户）' },
          { text: '数据缺失\n（户）' },
          { text: '判定口径' },
        ],
      ],
      {
        height: 24,
      },
    );
    s.printTitles(h, h);
    s.line(
      [
        { text: '{{规则.序号}}' },
        { text: '{{规则.名称}}', align: 'left' },
        { text: '{{规则.类别}}' },
        num('{{规则.预警户数}}'),
        num('{{规则.数据缺失户数}}'),
        { text: '{{规则.判定口径}}', align: 'left', font: FONT.small },
      ],
      { boxed: true, height: 36 },
    );
    s.blank(10);
    s.line(
      [
        {
          text: '脱贫户较多但 2021 年以来未识别监测对象的村',
          span: widths.length,
          align: 'left',
          font: FONT.section,
        },
      ],
      {
        height: 22,
      },
    );
    s.grid([[{ text: '序号' }, { text: '乡镇' }, { text: '村' }, { text: '说明', span: 3 }]], { height: 22 });
    s.line(
      [
        { text: '{{重点村.序号}}' },
        { text: '{{重点村.乡镇}}' },
        { text: '{{重点村.村}}' },
        { text: '{{重点村.说明}}', span: 3, align: 'left' },
      ],
      { boxed: true, height: 20 },
    );
  }
  return wb;
}

/** Added to the generator's TEMPLATE_BUILDERS (src/reports/forms.ts). */
export const SCREENING_TEMPLATE_BUILDERS: Readonly<Record<string, () => ExcelJS.Workbook>> = {
  '排查清单.xlsx': screeningListTemplate,
  '排查进度.xlsx': campaignTemplate,
};
