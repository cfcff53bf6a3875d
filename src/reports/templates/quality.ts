import ExcelJS from 'exceljs';
import { DATE_BLANK, FONT, FormSheet, type Piece, SHEET_PAGE_FOOTER } from '../template-kit.js';

/**
 * 问题清单.xlsx (`quality`, issue 11): the data-quality findings of a 村 (or 乡镇, or the county),
 * village by village and household by household so a clerk fixes them top to bottom, with a
 * column for what was corrected; a second sheet counts the findings by problem. No rule numbers
 * on paper: problems are named in words.
 */

const HEAD9 = { ...FONT.head, size: 9 };
const small = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, font: FONT.small, ...extra });
const LANDSCAPE_MARGINS = { left: 0.4, right: 0.4, top: 0.55, bottom: 0.75, header: 0.25, footer: 0.3 };

export const QUALITY_COLUMNS: readonly [string, string, number, Partial<Piece>?][] = [
  ['序号', '{{问题.序号}}', 4],
  ['村', '{{问题.村}}', 8],
  ['户编号', '{{问题.户编号}}', 17.5, { numFmt: '@', font: { ...FONT.small, size: 8 }, wrap: false }],
  ['户主\n姓名', '{{问题.户主姓名}}', 6.5],
  ['姓名', '{{问题.姓名}}', 6.5],
  ['证件号码', '{{问题.证件号码}}', 17.5, { numFmt: '@', font: { ...FONT.small, size: 8 }, wrap: false }],
  ['问题类别', '{{问题.问题类别}}', 10],
  ['性质', '{{问题.性质}}', 4.5],
  ['问题', '{{问题.问题}}', 20, { align: 'left' }],
  ['具体情况', '{{问题.问题说明}}', 31, { align: 'left' }],
  ['核改情况', '{{问题.核改情况}}', 12, { align: 'left', locked: false }],
];

const LIST_FOOTER = `&L&"宋体,常规"&10核改人（签字）：　　　　　　审核人（签字）：　　　　　　日期：${DATE_BLANK}&R&"宋体,常规"&9&A　第 &P 页`;

export function qualityTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  {
    const cols = QUALITY_COLUMNS;
    const widths = cols.map((c) => c[2]);
    const s = new FormSheet(wb, {
      name: '问题清单',
      widths,
      orientation: 'landscape',
      margins: LANDSCAPE_MARGINS,
      footer: LIST_FOOTER,
    });
    s.title('{{地区}}防止返贫监测信息数据质量问题清单');
    s.line(
      [
        {
          text: '问题 {{问题总数}} 条（错误 {{错误数}} 条、疑点 {{疑点数}} 条），涉及 {{涉及户数}} 户',
          span: 7,
          align: 'left',
          font: FONT.line,
          wrap: false,
        },
        { text: '检查日期：{{统计日期|日期}}', span: widths.length - 7, align: 'right', font: FONT.line, wrap: false },
      ],
      { height: 22 },
    );
    s.note(
      '说明：“错误”为信息自相矛盾或不符合填报规定，须核实后改正；“疑点”为值得核实的情况，核实无误的在“核改情况”中注明“经核实无误”。' +
        '按村、户逐条核改，在“核改情况”中写明改正内容，改正后在全国防返贫监测信息系统中同步更新。',
      32,
    );
    const [h] = s.grid([cols.map(([head]) => ({ text: head, font: HEAD9 }))], { height: 28 });
    s.printTitles(h, h);
    s.freeze(h, 3);
    s.line(
      cols.map(([, value, , extra]) => small(value, extra)),
      { boxed: true, height: 30 },
    );
  }
  {
    const widths = [5, 22, 40, 7, 10, 10];
    const s = new FormSheet(wb, { name: '问题统计', widths, orientation: 'portrait', footer: SHEET_PAGE_FOOTER });
    s.title('{{地区}}数据质量问题统计');
    s.line([{ text: '检查日期：{{统计日期|日期}}', span: widths.length, align: 'right', font: FONT.line }], {
      height: 22,
    });
    const [h] = s.grid(
      [
        [
          { text: '序号' },
          { text: '问题类别' },
          { text: '问题' },
          { text: '性质' },
          { text: '问题数\n（条）' },
          { text: '涉及户数' },
        ],
      ],
      { height: 28 },
    );
    s.printTitles(h, h);
    s.line(
      [
        small('{{统计.序号}}'),
        small('{{统计.问题类别}}'),
        small('{{统计.问题}}', { align: 'left' }),
        small('{{统计.性质}}'),
        small('{{统计.问题数}}', { numFmt: '#,##0' }),
        small('{{统计.涉及户数}}', { numFmt: '#,##0' }),
      ],
      { boxed: true, height: 22 },
    );
    s.line(
      [
        { text: '合计', span: 4, font: FONT.head },
        { text: '{{问题总数}}', numFmt: '#,##0', font: FONT.head },
        { text: '{{涉及户数}}', numFmt: '#,##0', font: FONT.head },
      ],
      { boxed: true, height: 22 },
    );
    s.blank(10);
    s.signatures(['填表人：', '审核人：', `填报日期：${DATE_BLANK}`], { weights: [2, 2, 3] });
  }
  return wb;
}

/** Added to the generator's TEMPLATE_BUILDERS (src/reports/forms.ts). */
export const QUALITY_TEMPLATE_BUILDERS: Readonly<Record<string, () => ExcelJS.Workbook>> = {
  '问题清单.xlsx': qualityTemplate,
};
