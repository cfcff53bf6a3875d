import ExcelJS from 'exceljs';
import { VOCABULARIES } from '../../domain/vocab.js';
import { FONT, FormSheet, type Piece } from '../template-kit.js';
import { breakLines } from '../text-fit.js';

/**
 * 摸底排查表 (2024 Q2 plan, 附件1 一般户 / 附件2 农牧户): one household, two A4 portrait pages.
 * Page 1: the household and its members (each member two lines: identity, then health, labour,
 * 转移就业, 医保 and 养老), blank member lines up to the household size + 2 (at least 6). Page 2
 * starts with the household's name and number (`{{#换页}}`): 两不愁三保障 and 饮水, 收支 of the 12
 * months before the visit beside the year before, 资产 (耕地, 林地, 草场, 牲畜 by kind, 住房),
 * 风险研判, and the signatures (农户, 信息采集员, 帮扶责任人, 村（嘎查）审核).
 *
 * The grid: 14 columns summing to 91 Calibri-digit units, so the form prints at 100 % between
 * 1 cm margins (fit to width only shrinks a county's wider copy). Page 1 holds up to 16 member
 * lines (a household of 14); page 2 is about 650 of the 770 points of an A4 page.
 */

const W = [3.5, 8, 7.5, 4, 4, 7.5, 9.5, 9.5, 6, 6, 8, 7.5, 5, 5];
const COLS = W.length;
const ROW = 18;
const MEMBER_ROW = 16;

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
  font: FONT.small,
  ...extra,
});
const centre = (text: string, span: number, extra: Partial<Piece> = {}): Piece => ({
  text,
  span,
  font: FONT.small,
  ...extra,
});

const section = (s: FormSheet, text: string): number =>
  s.line([{ text, span: COLS, align: 'left', font: FONT.section }], { boxed: true, height: ROW });

/** Label/value pairs on the grid: [label A–B][value C–F][label G][value H–I][label J–K][value L–N]. */
const PAIR_SPANS = [2, 4, 1, 2, 2, 3];
function pairs(s: FormSheet, items: [string, string][], spans: readonly number[] = PAIR_SPANS): number {
  const pieces: Piece[] = [];
  items.forEach(([l, v], i) => {
    pieces.push(label(l, spans[i * 2]!, l.length > 5 ? { font: { ...FONT.head, size: 9 } } : {}));
    pieces.push(value(v, spans[i * 2 + 1]!));
  });
  return s.line(pieces, { boxed: true, height: ROW });
}

function header(s: FormSheet, attachment: string, list: string, title: string): void {
  s.line([{ text: `${attachment}{{#分页 ${list}}}`, span: COLS, align: 'left', font: FONT.head }], { height: 16 });
  s.title(title, 28, FONT.subtitle);
  s.line(
    [
      { text: '地址：{{县名}}{{乡镇}}{{村}}{{自然村}}', span: 8, align: 'left', font: FONT.line, wrap: false },
      { text: '户编号：{{户编号}}', span: COLS - 8, align: 'right', font: FONT.line, wrap: false },
    ],
    { height: 20 },
  );
}

function household(s: FormSheet): void {
  section(s, '一、家庭基本情况');
  pairs(s, [
    ['户主姓名', '{{户主姓名}}'],
    ['联系电话', '{{联系电话|掩码}}'],
    ['家庭人口', '{{家庭人口数}}人（常住____人）'],
  ]);
  pairs(s, [
    ['证件号码', '{{户主证件号码|掩码}}'],
    ['户类型', '{{户类型}}'],
    ['监测对象类别', '{{监测对象类别}}'],
  ]);
  pairs(s, [
    ['劳动力', '{{劳动力人数}}人'],
    ['在校生', '{{在校生人数}}人'],
    ['转移就业人数', '{{务工人数}}人'],
  ]);
  pairs(s, [
    ['享受低保特困', '低保{{低保人数}}人，特困供养{{特困人数}}人'],
    ['残疾', '{{残疾人数}}人'],
    ['大病、慢性病', '大病{{大病人数}}人，慢性病{{慢性病人数}}人'],
  ]);
  s.line(
    [
      label('风险类型', 2),
      value('{{风险类型}}', 7),
      label('识别监测时间', 2, { font: { ...FONT.head, size: 9 } }),
      value('{{识别监测时间|年月}}', 3),
    ],
    { boxed: true, height: ROW },
  );
  pairs(s, [
    ['易地搬迁户', '{{是否易地搬迁户|勾选:是/否}}'],
    ['风险状态', '{{风险状态}}'],
    ['整户无劳动能力', '{{整户无劳动能力兜底保障户|勾选:是/否}}'],
  ]);
  pairs(s, [
    ['帮扶责任人', '{{监测联系人}}'],
    ['电话', '{{监测联系人电话}}'],
    ['自然村（组）', '{{自然村}}'],
  ]);
}

function members(s: FormSheet): void {
  section(s, '二、家庭成员情况（在册人口；有变化的在空行补充或注明）');
  const small = { ...FONT.head, size: 9 };
  s.grid(
    [
      [
        { text: '序号', rows: 2 },
        { text: '姓名', font: small },
        { text: '与户主关系', font: small },
        { text: '性别', font: small },
        { text: '年龄', font: small },
        { text: '民族', font: small },
        { text: '证件号码', span: 2, font: small },
        { text: '文化程度', span: 2, font: small },
        { text: '在校生状况', span: 2, font: small },
        { text: '低保、特困', span: 2, font: small },
      ],
      [
        { text: '健康状况', span: 2, font: small },
        { text: '残疾类别、等级', span: 3, font: small },
        { text: '劳动能力', span: 2, font: small },
        { text: '务工地点', span: 2, font: small },
        { text: '务工月数', font: small },
        { text: '医保', font: small },
        { text: '养老', font: small },
        { text: '备注', font: small },
      ],
    ],
    { height: ROW },
  );
  const m = (f: string): string => `{{成员.${f}}}`;
  const first = s.line(
    [
      { text: `{{#至少 6 行}}{{#加空行 2}}${m('序号')}`, font: FONT.small },
      centre(m('姓名'), 1),
      centre(m('与户主关系'), 1),
      centre(m('性别'), 1),
      centre(m('年龄'), 1),
      centre(m('民族'), 1),
      centre('{{成员.证件号码|掩码}}', 2),
      centre(m('文化程度'), 2),
      centre(m('在校生状况'), 2),
      centre(m('低保特困'), 2),
    ],
    { boxed: true, height: MEMBER_ROW },
  );
  s.line(
    [
      { text: '', font: FONT.small },
      centre(m('健康状况'), 2),
      centre(m('残疾'), 3),
      centre(m('劳动技能'), 2),
      centre(m('务工地点'), 2),
      centre(m('务工月数'), 1),
      centre(m('参加医保'), 1),
      centre(m('参加养老保险'), 1),
      centre('', 1),
    ],
    { boxed: true, height: MEMBER_ROW },
  );
  // 序号 spans both lines of a member
  s.ws.mergeCells(first, 1, first + 1, 1);
}

function secondPageHeader(s: FormSheet, attachment: string): void {
  s.line(
    [
      {
        text: `{{#换页}}${attachment}（续）　户主：{{户主姓名}}`,
        span: 8,
        align: 'left',
        font: FONT.head,
        wrap: false,
      },
      { text: '户编号：{{户编号}}', span: COLS - 8, align: 'right', font: FONT.line, wrap: false },
    ],
    { height: 22 },
  );
}

function guarantees(s: FormSheet): void {
  section(s, '三、“两不愁三保障”及饮水安全情况');
  s.line([label('项目', 6), label('原有情况', 2), label('本次核实', 3), label('情况说明', 3)], {
    boxed: true,
    height: ROW,
  });
  const rows: [string, string, string][] = [
    ['不愁吃：日常饮食有无困难', '', '□有  □无'],
    ['不愁穿：四季衣被有无困难', '', '□有  □无'],
    ['义务教育：有无适龄儿童少年失学辍学', '{{义务教育失学辍学|勾选:有/无}}', '□有  □无'],
    ['基本医疗：有无家庭成员未参加医保', '{{有成员未参加医保|勾选:有/无}}', '□有  □无'],
    ['住房安全：住房是否存在安全问题', '{{住房出现安全问题|勾选:是/否}}', '□是  □否'],
    ['饮水安全：饮水是否存在安全问题', '{{饮水出现安全问题|勾选:是/否}}', '□是  □否'],
  ];
  for (const [item, before, check] of rows) {
    s.line([value(item, 6, { font: FONT.body }), centre(before, 2), centre(check, 3), value('', 3)], {
      boxed: true,
      height: ROW,
    });
  }
}

/** One money line: [label A–C][year before D–F][this visit G] [label H–I][year before J–K][this visit L–N]. */
function moneyLine(left: [string, string], right: [string, string]): Piece[] {
  const money = (field: string, span: number): Piece =>
    field ? { text: `{{${field}|金额}}`, span, align: 'right', font: FONT.small } : centre('', span);
  const item = (text: string, span: number): Piece => value(text, span, { font: FONT.small });
  return [item(left[0], 3), money(left[1], 3), centre('', 1), item(right[0], 2), money(right[1], 2), centre('', 3)];
}

function money(s: FormSheet): void {
  section(s, '四、家庭收支情况（元）');
  s.line(
    [
      {
        text: '本次核实入户排查前12个月：{{收支起始日期|日期}}至{{收支截止日期|日期}}',
        span: COLS,
        align: 'left',
        font: FONT.small,
      },
    ],
    { boxed: true, height: ROW },
  );
  s.line(
    [
      label('收入项目', 3),
      label('上年度（{{收入年度}}年）', 3, { font: { ...FONT.head, size: 9 } }),
      label('本次核实', 1, { font: { ...FONT.head, size: 9 } }),
      label('支出及合计', 2),
      label('上年度（{{收入年度}}年）', 2, { font: { ...FONT.head, size: 9 } }),
      label('本次核实', 3, { font: { ...FONT.head, size: 9 } }),
    ],
    { boxed: true, height: 26 },
  );
  const lines: [[string, string], [string, string]][] = [
    [
      ['工资性收入', '工资性收入'],
      ['生产经营性支出', '生产经营性支出'],
    ],
    [
      ['生产经营性收入', '生产经营性收入'],
      ['家庭纯收入', '家庭纯收入'],
    ],
    [
      ['　其中：种植业', ''],
      ['人均纯收入', '人均纯收入'],
    ],
    [
      ['　　　　养殖业', ''],
      ['刚性支出：因病', '合规自付支出'],
    ],
    [
      ['财产性收入', '财产性收入'],
      ['　　　　　因学', ''],
    ],
    [
      ['　其中：资产收益分红', '资产收益扶贫分红收入'],
      ['　　　　　因灾', ''],
    ],
    [
      ['转移性收入', '转移性收入'],
      ['　　　　　其他', '其他刚性支出'],
    ],
    [
      ['　其中：低保金', '低保金'],
      ['理赔收入', '理赔收入'],
    ],
    [
      ['　　　　特困供养金', '特困供养金'],
      ['', ''],
    ],
    [
      ['　　　　养老保险金', '养老保险金'],
      ['', ''],
    ],
  ];
  for (const [l, r] of lines) s.line(moneyLine(l, r), { boxed: true, height: 17 });
}

function assets(s: FormSheet): void {
  section(s, '五、生产生活资产');
  s.line(
    [
      label('耕地面积', 2),
      value('{{耕地面积}}亩', 3),
      label('林地面积', 2),
      value('{{林地面积}}亩', 2),
      label('草场面积', 2),
      value('______亩', 3),
    ],
    { boxed: true, height: ROW },
  );
  s.line(
    [
      label('存栏牲畜', 2),
      value('牛______头　　羊______只　　马______匹　　猪______头　　其他______', COLS - 2, { font: FONT.body }),
    ],
    { boxed: true, height: ROW },
  );
  s.line(
    [
      label('住房', 2),
      value('面积______平方米　结构：□砖混 □砖木 □土木 □其他　是否安全：□是 □否', COLS - 2, {
        font: FONT.body,
      }),
    ],
    { boxed: true, height: ROW },
  );
  s.line([label('其他资产', 2), value('农机、车辆等：', COLS - 2, { font: FONT.body })], { boxed: true, height: ROW });
}

/** The 11 risk types as tick boxes, on two lines broken between items. */
const RISK_TICKS = breakLines(VOCABULARIES.riskType.values.map((r) => `□${r}`).join(' '), 36).join('\n');

function judgement(s: FormSheet, kind: 1 | 2): void {
  section(s, '六、风险研判');
  s.line([label('排查提示', 2), value('{{排查提示}}', COLS - 2)], { boxed: true, height: ROW });
  s.line([label('现有帮扶措施', 2, { font: { ...FONT.head, size: 9 } }), value('{{帮扶措施}}', COLS - 2)], {
    boxed: true,
    height: ROW,
  });
  s.line(
    [
      label('存在返贫致贫风险', 2, { font: { ...FONT.head, size: 9 } }),
      centre('□是  □否', 2, { font: FONT.body }),
      label('风险类型', 1, { font: { ...FONT.head, size: 9 } }),
      value(RISK_TICKS, COLS - 5),
    ],
    { boxed: true, height: 30 },
  );
  if (kind === 1) {
    s.line(
      [
        label('研判结果', 2),
        value('□无返贫致贫风险　□存在风险，建议纳入监测（□边缘易致贫户  □突发严重困难户）', COLS - 2, {
          font: FONT.body,
        }),
      ],
      { boxed: true, height: ROW },
    );
  }
  s.line([label('研判意见', 2), value('', COLS - 2)], { boxed: true, height: 30 });
}

function signatures(s: FormSheet): void {
  s.blank(6);
  s.line([{ text: '以上信息经本户核对，情况属实。', span: COLS, align: 'left', font: FONT.line }], { height: ROW });
  s.line(
    [
      { text: '农户（签字/按手印）：', span: 5, align: 'left', font: FONT.line, wrap: false },
      { text: '信息采集员（签字）：', span: 4, align: 'left', font: FONT.line, wrap: false },
      { text: '排查日期：      年    月    日', span: 5, align: 'left', font: FONT.line, wrap: false },
    ],
    { height: 30 },
  );
  s.line(
    [
      { text: '帮扶责任人（签字）：', span: 5, align: 'left', font: FONT.line, wrap: false },
      { text: '村（嘎查）审核（签字）：', span: 4, align: 'left', font: FONT.line, wrap: false },
      { text: '审核日期：      年    月    日', span: 5, align: 'left', font: FONT.line, wrap: false },
    ],
    { height: 30 },
  );
}

function form(wb: ExcelJS.Workbook, kind: 1 | 2): void {
  const attachment = `附件${kind}`;
  const list = kind === 1 ? '一般户' : '农牧户';
  const s = new FormSheet(wb, {
    name: `${attachment} ${list}`,
    widths: W,
    orientation: 'portrait',
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.45, header: 0.2, footer: 0.2 },
  });
  header(s, attachment, list, kind === 1 ? '一般户基本情况摸底排查表' : '农牧户基本情况摸底排查表');
  household(s);
  members(s);
  secondPageHeader(s, attachment);
  guarantees(s);
  money(s);
  assets(s);
  judgement(s, kind);
  signatures(s);
}

export function surveyTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  form(wb, 1);
  form(wb, 2);
  return wb;
}
