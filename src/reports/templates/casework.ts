import ExcelJS from 'exceljs';
import { FONT, FormSheet, type Piece } from '../template-kit.js';

/**
 * Templates of the casework forms (issues 8, 9), drawn with the template kit:
 * 公示名单 (a village notice: no ID, phone, bank or health data), 认定台账 (per 乡镇),
 * 信息采集表 (附件3, one per case, with the 双签字 line), 承诺授权书 (one per case), 风险消除审批表
 * (per 乡镇, signed at three levels) and the 回访表 (seed 000, one per household due).
 */

const FOOTER = '&C第 &P 页，共 &N 页';
const W12 = [4.5, 7.5, 7.5, 4.5, 4.5, 10, 9.5, 9.5, 9.5, 9.5, 9.5, 9];
const ROW = 18;
const PORTRAIT = {
  widths: W12,
  orientation: 'portrait' as const,
  margins: { left: 0.45, right: 0.45, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

const head = (text: string, span: number, extra: Partial<Piece> = {}): Piece => ({
  text,
  span,
  font: FONT.head,
  ...extra,
});
const cell = (text: string, span: number, extra: Partial<Piece> = {}): Piece => ({
  text,
  span,
  align: 'left',
  font: FONT.small,
  ...extra,
});
const lineText = (text: string, span: number, align: 'left' | 'right' | 'center' = 'left'): Piece => ({
  text,
  span,
  align,
  font: FONT.line,
});

function band(s: FormSheet, text: string): void {
  s.line([{ text, span: s.cols, align: 'left', font: FONT.section }], { boxed: true, height: ROW });
}

// ---------------------------------------------------------------------------------------------

export function publicityTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const widths = [6, 11, 10, 10, 16, 16, 30];
  const s = new FormSheet(wb, { name: '公示名单', widths, orientation: 'portrait', footer: FOOTER });
  s.title('{{县名}}{{乡镇}}{{村}}防止返贫监测{{公示标题}}公示', 40, FONT.subtitle);
  s.note(
    '根据防止返贫动态监测和帮扶工作有关规定，经入户核实、民主评议，现将{{公示标题}}名单予以公示。公示期为{{公示开始|日期}}至{{公示结束|日期}}。' +
      '如有异议，请在公示期内向村委会或乡镇人民政府反映，也可拨打监督电话。',
    48,
    FONT.line,
  );
  const [h] = s.grid(
    [
      [
        { text: '序号' },
        { text: '户主姓名' },
        { text: '家庭人口数' },
        { text: '公示事项' },
        { text: '类别（消除方式）' },
        { text: '主要风险类型' },
        { text: '公示起止日期' },
      ],
    ],
    { height: 30 },
  );
  s.printTitles(h, h);
  s.line(
    [
      { text: '{{#至少 5 行}}{{户.序号}}' },
      { text: '{{户.户主姓名}}' },
      { text: '{{户.家庭人口数}}' },
      { text: '{{户.公示事项}}' },
      { text: '{{户.类别}}' },
      { text: '{{户.主要风险类型}}' },
      { text: '{{户.公示起止日期}}', font: FONT.small, wrap: false },
    ],
    { boxed: true, height: 22 },
  );
  s.blank(10);
  s.line([lineText('监督电话：{{监督电话}}', 4), lineText('{{村}}村民委员会（盖章）', 3, 'right')], { height: 24 });
  s.line([lineText('', 4), lineText('{{公示开始|日期}}', 3, 'right')], { height: 22 });
  return wb;
}

// ---------------------------------------------------------------------------------------------

/** A landscape list of cases per 乡镇 (认定台账, 风险消除审批表): title, year line, header, one row a case. */
function caseListSheet(
  wb: ExcelJS.Workbook,
  spec: { name: string; title: string; cols: [string, string, number][]; height: number; left: readonly string[] },
): FormSheet {
  const widths = spec.cols.map((c) => c[2]);
  const s = new FormSheet(wb, { name: spec.name, widths, orientation: 'landscape', footer: FOOTER });
  s.title(spec.title);
  s.line([lineText('年度：{{年度}}年', 8), lineText('制表日期：{{制表日期|日期}}', widths.length - 8, 'right')], {
    height: 22,
  });
  const [h] = s.grid([spec.cols.map(([text]) => ({ text }))], { height: 30 });
  s.printTitles(h, h);
  s.line(
    spec.cols.map(([, f]) => ({
      text: `{{案件.${f}}}`,
      font: FONT.small,
      ...(f === '户编号' ? { numFmt: '@', wrap: false } : {}),
      ...(f === '人均纯收入' ? { numFmt: '#,##0' } : {}),
      ...(spec.left.includes(f) ? { align: 'left' as const } : {}),
    })),
    { boxed: true, height: spec.height },
  );
  return s;
}

export function reviewLedgerTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const cols: [string, string, number][] = [
    ['序号', '序号', 4.5],
    ['案件号', '案件号', 11.5],
    ['村', '村', 8],
    ['户编号', '户编号', 17.5],
    ['户主姓名', '户主姓名', 7.5],
    ['人口', '家庭人口数', 4.5],
    ['线索来源', '线索来源', 8],
    ['拟认定类别', '类别', 10],
    ['风险类型', '风险类型', 10],
    ['立案日期', '立案日期', 10.5],
    ['村提名', '村提名', 13],
    ['村内公示', '公示', 13],
    ['乡镇审核', '乡镇审核', 13],
    ['县级审定', '县级审定', 13],
    ['状态', '状态', 10],
    ['研判结果', '研判结果', 16],
  ];
  const s = caseListSheet(wb, {
    name: '认定台账',
    title: '{{地区}}防止返贫监测对象识别认定台账',
    cols,
    height: 30,
    left: ['研判结果'],
  });
  s.note(
    '注：各环节栏为“结论（日期 经办人）”；村内公示栏为公示起止日期和公示结果；不通过的案件在“研判结果”中注明理由。',
    24,
  );
  s.blank(8);
  s.line(
    [
      lineText('填表人：', 4),
      lineText('审核人：', 4),
      lineText('乡镇负责人：', 4),
      lineText('填报日期：      年    月    日', cols.length - 12),
    ],
    { height: 24 },
  );
  return wb;
}

// ---------------------------------------------------------------------------------------------

function caseHeader(s: FormSheet, attachment: string, title: string): void {
  s.line([{ text: `${attachment}{{#分页 户}}`, span: s.cols, align: 'left', font: FONT.head }], { height: 18 });
  s.title(title, 28, FONT.subtitle);
  s.line([lineText('地址：{{乡镇}}{{村}}{{自然村}}', 7), lineText('户编号：{{户编号}}', 5, 'right')], { height: 22 });
}

export function collectionTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const s = new FormSheet(wb, { name: '附件3 信息采集表', ...PORTRAIT });
  caseHeader(s, '附件3', '新识别易返贫致贫户信息采集表');
  band(s, '一、基本情况');
  s.line(
    [
      head('户主姓名', 2),
      cell('{{户主姓名}}', 2),
      head('证件号码', 2),
      cell('{{户主证件号码|掩码}}', 3),
      head('联系电话', 1),
      cell('{{联系电话|掩码}}', 2),
    ],
    { boxed: true, height: ROW },
  );
  s.line(
    [
      head('户类型', 2),
      cell('{{户类型}}', 2),
      head('家庭人口', 2),
      cell('{{家庭人口数}}人', 3),
      head('线索来源', 1),
      cell('{{线索来源}}', 2),
    ],
    { boxed: true, height: ROW },
  );
  s.line(
    [
      head('拟认定类别', 2),
      cell('{{类别|勾选:脱贫不稳定户/边缘易致贫户/突发严重困难户}}', 7),
      head('案件号', 1),
      cell('{{案件号}}', 2),
    ],
    { boxed: true, height: ROW },
  );
  s.line([head('致贫返贫风险', 2), cell('{{风险类型}}', 10)], { boxed: true, height: ROW });
  band(s, '二、家庭成员');
  s.grid(
    [
      [
        { text: '序号' },
        { text: '姓名' },
        { text: '与户主关系' },
        { text: '性别' },
        { text: '年龄' },
        { text: '证件号码', span: 2 },
        { text: '文化程度' },
        { text: '在校生状况' },
        { text: '健康状况' },
        { text: '劳动技能' },
        { text: '低保/特困' },
      ],
    ],
    { height: 28 },
  );
  s.line(
    [
      { text: '{{#至少 4 行}}{{成员.序号}}' },
      { text: '{{成员.姓名}}' },
      { text: '{{成员.与户主关系}}' },
      { text: '{{成员.性别}}' },
      { text: '{{成员.年龄}}' },
      { text: '{{成员.证件号码|掩码}}', span: 2 },
      { text: '{{成员.文化程度}}', font: FONT.small },
      { text: '{{成员.在校生状况}}', font: FONT.small },
      { text: '{{成员.健康状况}}', font: FONT.small },
      { text: '{{成员.劳动技能}}', font: FONT.small },
      { text: '{{成员.低保特困}}', font: FONT.small },
    ],
    { boxed: true, height: ROW },
  );
  band(s, '三、家庭收支情况（元，{{收入年度}}年；本次核实的填在下行）');
  const items: [string, string][] = [
    ['工资性收入', '工资性收入'],
    ['生产经营性收入', '生产经营性收入'],
    ['财产性收入', '财产性收入'],
    ['转移性收入', '转移性收入'],
    ['生产经营性支出', '生产经营性支出'],
    ['家庭纯收入', '家庭纯收入'],
    ['人均纯收入', '人均纯收入'],
    ['合规自付支出', '合规自付支出'],
  ];
  const spans = [2, 1, 1, 1, 1, 1, 1, 1];
  s.line([head('项目', 3), ...items.map(([h], i) => head(h, spans[i]!, { font: FONT.small }))], {
    boxed: true,
    height: 28,
  });
  s.line(
    [
      head('原登记', 3, { font: FONT.small }),
      ...items.map(([, f], i) => cell(`{{${f}|整数}}`, spans[i]!, { align: 'right' })),
    ],
    { boxed: true, height: ROW },
  );
  s.line([head('本次核实', 3, { font: FONT.small }), ...items.map((_, i) => cell('', spans[i]!))], {
    boxed: true,
    height: ROW + 2,
  });
  s.line(
    [
      head('理赔收入', 3, { font: FONT.small }),
      cell('{{理赔收入|整数}}', 3),
      head('其他刚性支出', 2, { font: FONT.small }),
      cell('{{其他刚性支出|整数}}', 4),
    ],
    { boxed: true, height: ROW },
  );
  band(s, '四、“两不愁三保障”及饮水安全');
  s.line(
    [
      head('义务教育失学辍学', 3, { font: FONT.small }),
      cell('{{义务教育失学辍学|勾选:有/无}}', 3),
      head('有成员未参加医保', 3, { font: FONT.small }),
      cell('{{有成员未参加医保|勾选:有/无}}', 3),
    ],
    { boxed: true, height: ROW },
  );
  s.line(
    [
      head('住房出现安全问题', 3, { font: FONT.small }),
      cell('{{住房出现安全问题|勾选:是/否}}', 3),
      head('饮水出现安全问题', 3, { font: FONT.small }),
      cell('{{饮水出现安全问题|勾选:是/否}}', 3),
    ],
    { boxed: true, height: ROW },
  );
  band(s, '五、村级意见');
  s.line([head('入户核实情况', 3), cell('', 9)], { boxed: true, height: 30 });
  s.line([head('民主评议意见', 3), cell('', 9)], { boxed: true, height: 30 });
  s.blank(6);
  s.line([lineText('以上家庭成员、收入和“两不愁三保障”等信息经本户核对，情况属实。', s.cols)], { height: ROW });
  s.line(
    [
      lineText('农户（签字/按手印）：', 4),
      lineText('信息采集员（签字）：', 4),
      lineText('采集日期：      年    月    日', 4),
    ],
    { height: 26 },
  );
  return wb;
}

export function authorizationTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const s = new FormSheet(wb, { name: '承诺授权书', ...PORTRAIT });
  s.line([{ text: '{{#分页 户}}', span: s.cols, align: 'left', font: FONT.small }], { height: 12 });
  s.title('承 诺 授 权 书', 40, FONT.title);
  s.line([lineText('户编号：{{户编号}}　　案件号：{{案件号}}', s.cols, 'right')], { height: 20 });
  s.note(
    '　　本人{{户主姓名}}，系{{县名}}{{乡镇}}{{村}}{{自然村}}村民，家庭人口{{家庭人口数}}人。现申请纳入防止返贫监测对象，本人及家庭成员郑重承诺：' +
      '所提供的家庭人口、收入支出、资产和“两不愁三保障”等情况真实可靠，如有虚报、隐瞒，自愿承担相应责任。',
    66,
    FONT.line,
  );
  s.note(
    '　　本人及家庭成员同意并授权有关部门依法查询家庭资产等信息（包括存款、房产、车辆、工商登记、社会保险缴纳等），查询结果仅用于防止返贫监测对象的认定和帮扶。',
    50,
    FONT.line,
  );
  s.grid(
    [
      [
        { text: '序号' },
        { text: '姓名', span: 2 },
        { text: '与户主关系', span: 2 },
        { text: '证件号码', span: 3 },
        { text: '本人签字（按手印）', span: 4 },
      ],
    ],
    { height: 26 },
  );
  s.line(
    [
      { text: '{{#至少 4 行}}{{成员.序号}}' },
      { text: '{{成员.姓名}}', span: 2 },
      { text: '{{成员.与户主关系}}', span: 2 },
      { text: '{{成员.证件号码|掩码}}', span: 3 },
      { text: '', span: 4 },
    ],
    { boxed: true, height: 26 },
  );
  s.note('注：家庭成员中的成年人逐一签字；未成年人由监护人代签。', 18);
  s.blank(16);
  s.line([lineText('承诺人（户主）签字/按手印：', 7), lineText('年      月      日', 5, 'right')], { height: 26 });
  s.line([lineText('村“两委”经办人：', 7), lineText('年      月      日', 5, 'right')], { height: 26 });
  return wb;
}

// ---------------------------------------------------------------------------------------------

export function eliminationTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const cols: [string, string, number][] = [
    ['序号', '序号', 4.5],
    ['案件号', '案件号', 11.5],
    ['村', '村', 7],
    ['户编号', '户编号', 16.5],
    ['户主姓名', '户主姓名', 7],
    ['人口', '家庭人口数', 4.5],
    ['监测对象类别', '类别', 9],
    ['风险类型', '风险类型', 8],
    ['识别时间', '识别监测时间', 7.5],
    ['消除方式', '消除方式', 8],
    ['人均纯收入（元）', '人均纯收入', 8.5],
    ['三保障和饮水', '三保障和饮水', 7],
    // the widest: a household's measures are often four or five 类别：内容 pairs
    ['帮扶措施', '帮扶措施', 22],
    ['村级初审', '村级初审', 13],
    ['村内公示', '公示', 11.5],
    ['乡镇审核', '乡镇审核', 12],
    ['县级审定', '县级审定', 12],
    ['状态', '状态', 7.5],
  ];
  const s = caseListSheet(wb, {
    name: '风险消除审批表',
    title: '{{地区}}防止返贫监测对象风险消除审批表',
    cols,
    height: 36,
    left: ['帮扶措施', '状态'],
  });
  s.note(
    '注：人均纯收入为消除前最近收入年度；各环节栏为“结论（日期 经办人）”；村级初审栏含入户核实、民主评议日期；村内公示栏为公示起止日期和公示结果。',
    24,
  );
  s.blank(8);
  s.signatures(
    ['村级初审意见（村委会盖章）：', '乡镇审核意见（乡镇人民政府盖章）：', '县级审定意见（县乡村振兴部门盖章）：'],
    {
      height: 26,
    },
  );
  s.signatures(['负责人（签字）：', '负责人（签字）：', '负责人（签字）：'], { height: 26 });
  s.signatures(['      年    月    日', '      年    月    日', '      年    月    日'], { height: 24 });
  return wb;
}

export function visitTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const s = new FormSheet(wb, { name: '回访表', ...PORTRAIT });
  s.line([{ text: '{{#分页 户}}', span: s.cols, align: 'left', font: FONT.small }], { height: 12 });
  s.title('{{县名}}监测对象风险稳定消除回访表', 30, FONT.subtitle);
  s.line([lineText('地址：{{乡镇}}{{村}}{{自然村}}', 7), lineText('户编号：{{户编号}}', 5, 'right')], { height: 22 });
  band(s, '一、基本情况');
  s.line(
    [
      head('户主姓名', 2),
      cell('{{户主姓名}}', 2),
      head('联系电话', 2),
      cell('{{联系电话|掩码}}', 2),
      head('家庭人口', 2),
      cell('{{家庭人口数}}人', 2),
    ],
    { boxed: true, height: ROW },
  );
  s.line([head('监测对象类别', 2), cell('{{类别}}', 4), head('风险类型', 2), cell('{{风险类型}}', 4)], {
    boxed: true,
    height: ROW,
  });
  s.line(
    [
      head('识别监测时间', 2),
      cell('{{识别监测时间|年月}}', 2),
      head('风险消除时间', 2),
      cell('{{风险消除时间|年月}}', 2),
      head('消除方式', 2),
      cell('{{风险消除方式}}', 2),
    ],
    { boxed: true, height: ROW },
  );
  s.line(
    [
      head('监测联系人', 2),
      cell('{{监测联系人}}', 2),
      head('联系人电话', 2),
      cell('{{监测联系人电话}}', 2),
      head('消除后', 2),
      cell('{{消除后月数}}个月', 2),
    ],
    { boxed: true, height: ROW },
  );
  band(s, '二、风险消除时情况（收入：元）');
  s.line(
    [
      head('人均纯收入', 2),
      cell('{{消除时人均纯收入|整数}}', 2),
      head('家庭纯收入', 2),
      cell('{{消除时家庭纯收入|整数}}', 2),
      head('三保障和饮水', 2),
      cell('{{消除时三保障和饮水}}', 2),
    ],
    { boxed: true, height: ROW },
  );
  s.line([head('帮扶措施', 2), cell('{{帮扶措施}}', 10)], { boxed: true, height: 30 });
  band(s, '三、家庭成员');
  s.grid(
    [
      [
        { text: '序号' },
        { text: '姓名' },
        { text: '与户主关系' },
        { text: '性别' },
        { text: '年龄' },
        { text: '健康状况', span: 2 },
        { text: '劳动技能', span: 2 },
        { text: '务工情况', span: 2 },
        { text: '低保/特困' },
      ],
    ],
    { height: 26 },
  );
  s.line(
    [
      { text: '{{#至少 4 行}}{{成员.序号}}' },
      { text: '{{成员.姓名}}' },
      { text: '{{成员.与户主关系}}' },
      { text: '{{成员.性别}}' },
      { text: '{{成员.年龄}}' },
      { text: '{{成员.健康状况}}', span: 2, font: FONT.small },
      { text: '{{成员.劳动技能}}', span: 2, font: FONT.small },
      { text: '{{成员.务工情况}}', span: 2, font: FONT.small },
      { text: '{{成员.低保特困}}', font: FONT.small },
    ],
    { boxed: true, height: ROW },
  );
  band(s, '四、本次回访情况（收入为回访时了解的本年度情况，元）');
  const items = ['工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出', '人均纯收入'];
  s.line(
    items.map((text) => head(text, 2, { font: FONT.small })),
    { boxed: true, height: 24 },
  );
  s.line(
    items.map(() => cell('', 2)),
    { boxed: true, height: ROW + 4 },
  );
  for (const [a, b] of [
    ['住房安全', '义务教育'],
    ['基本医疗', '饮水安全'],
  ] as const) {
    const ticks = (name: string) => [head(name, 2, { font: FONT.small }), cell('□有保障  □无保障', 4)];
    s.line([...ticks(a), ...ticks(b)], { boxed: true, height: ROW });
  }
  s.line([head('大额刚性支出', 2, { font: FONT.small }), cell('□无  □有（项目、金额：                    ）', 10)], {
    boxed: true,
    height: ROW,
  });
  s.line([head('新增风险情况', 2, { font: FONT.small }), cell('', 10)], { boxed: true, height: 40 });
  s.line([head('回访结论', 2), cell('□风险稳定消除    □出现新风险（风险类型：            ）    □建议风险回退', 10)], {
    boxed: true,
    height: 24,
  });
  s.blank(8);
  s.signatures(['回访人（签字）：', '户主（签字/按手印）：', '回访日期：      年    月    日'], { height: 28 });
  return wb;
}

export const CASEWORK_TEMPLATE_BUILDERS: Readonly<Record<string, () => ExcelJS.Workbook>> = {
  '公示名单.xlsx': publicityTemplate,
  '认定台账.xlsx': reviewLedgerTemplate,
  '信息采集表.xlsx': collectionTemplate,
  '承诺授权书.xlsx': authorizationTemplate,
  '风险消除审批表.xlsx': eliminationTemplate,
  '回访表.xlsx': visitTemplate,
};
