/**
 * Renders docs/import-formats.md from the field dictionary (src/domain/fields.ts) and the
 * vocabularies (src/domain/vocab.ts), so the documentation of the file formats can never drift
 * from what the importer accepts. test/unit/demo/format-doc.test.ts compares the file with this
 * text; `UPDATE_DOCS=1 npx vitest run test/unit/demo/format-doc.test.ts` rewrites it.
 */
import { ALERT_RESULTS, type FieldDef, type FieldType, IMPORT_ORDER, KINDS, type KindDef } from '../domain/fields.js';
import { VOCABULARIES, type VocabName } from '../domain/vocab.js';

const TYPE_LABEL: Record<FieldType, string> = {
  text: '文本 text',
  code: '编码（按文本保存）code',
  idNo: '证件号码（按文本保存）ID number',
  enum: '取值表 enum',
  multiEnum: '取值表，可多项 multi-enum',
  bool: '是/否 yes/no',
  date: '日期 date',
  dateOrMonth: '日期或年月 date or month',
  month: '年月 month',
  money: '金额（元）money',
  decimal: '数字 number',
  int: '整数 integer',
  year: '年度 year',
  phone: '电话 phone',
};

/** Vocabularies with at most this many values are listed in the column table itself. */
const INLINE_VALUES = 8;

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const VARIANT_LIMIT = 200;

function valuesCell(f: FieldDef): string {
  if (!f.vocab) {
    if (f.type === 'bool') return '是、否';
    return '';
  }
  const v = VOCABULARIES[f.vocab];
  const ref = `见「取值表：${v.name}」`;
  if (v.values.length <= INLINE_VALUES) return `${v.values.join('、')}（${ref}）`;
  return ref;
}

function notesCell(f: FieldDef): string {
  const notes: string[] = [];
  if (f.note) notes.push(f.note);
  if (f.type === 'multiEnum') notes.push('多项用「,」分隔');
  if (f.type === 'month') notes.push('如 202405、2024-05、2024年5月');
  if (f.type === 'date') notes.push('如 2024-05-01、20240501、2024年5月1日');
  if (f.type === 'dateOrMonth') notes.push('如 2024-05-01、20240501，只有年月也可（202405 = 2024年5月1日起）');
  if (f.inverse) notes.push('与登记库所存的一项意思相反，导入时换算');
  if (f.allowNegative) notes.push('可为负数');
  if (f.virtual) notes.push('按名称对应登记库中的行政区划');
  return notes.join('；');
}

function kindSection(kind: KindDef, heading: string, command: string): string[] {
  const out: string[] = [];
  out.push(`### ${heading}`, '');
  out.push(`导入命令 / command: \`${command}\``, '');
  const required = kind.fields.filter((f) => f.required).map((f) => f.header);
  out.push(`必填列 / required columns: ${required.map((h) => `「${h}」`).join('、')}`, '');
  out.push('| 列名 header | 必填 required | 类型 type | 取值 values | 别名 aliases | 说明 notes |');
  out.push('|---|---|---|---|---|---|');
  for (const f of kind.fields) {
    out.push(
      `| ${cell(f.header)} | ${f.required ? '是' : ''} | ${TYPE_LABEL[f.type]} | ${cell(valuesCell(f))} | ${cell((f.aliases ?? []).join('、'))} | ${cell(notesCell(f))} |`,
    );
  }
  if (kind.ignored?.length) {
    out.push(
      '',
      `这些列会被识别但不导入（不提示为未知列） / recognised but not imported: ${kind.ignored.map((h) => `「${h}」`).join('、')}`,
    );
  }
  out.push('');
  return out;
}

function vocabSection(name: VocabName): string[] {
  const v = VOCABULARIES[name];
  const out: string[] = [`### 取值表：${v.name}`, ''];
  out.push(`规范值 / values: ${v.values.join('、')}`, '');
  if (v.accepted?.length) out.push(`也按原样接受 / also kept as written: ${v.accepted.join('、')}`, '');
  const variants = Object.entries(v.variants)
    .filter(([k, value]) => k !== value)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (variants.length) {
    const byValue = new Map<string, string[]>();
    for (const [k, value] of variants) {
      const list = byValue.get(value) ?? [];
      list.push(k);
      byValue.set(value, list);
    }
    out.push('常见写法（导入时统一为规范值） / accepted variants:', '');
    for (const value of [...v.values, ...(v.accepted ?? [])]) {
      const list = byValue.get(value);
      if (!list?.length) continue;
      const shown = list.slice(0, VARIANT_LIMIT);
      out.push(`- ${value} ← ${shown.join('、')}${list.length > shown.length ? ' …' : ''}`);
    }
    out.push('');
  }
  if (v.multi) {
    const parts = ['一格可填多项，用「,」「、」或「;」分隔'];
    if (v.multi.max) parts.push(`最多 ${v.multi.max} 项`);
    if (v.multi.alone?.length) parts.push(`「${v.multi.alone.join('、')}」只能单独填写`);
    out.push(`${parts.join('；')}。`, '');
  }
  return out;
}

const KIND_COMMANDS: Record<string, string> = {
  regions: 'fpjc import regions <文件>',
  households: 'fpjc import households <文件>',
  members: 'fpjc import members <文件>',
  incomes: 'fpjc import incomes <文件>',
  measures: 'fpjc import measures <文件>',
  alerts: 'fpjc import alerts <文件>',
  visits: 'fpjc import visits <文件> --campaign <批次>',
  national: 'fpjc import national <文件> [--year 年度]',
  'migrant-work': 'fpjc import migrant-work <文件>',
  'planned-work': 'fpjc import planned-work <文件>',
  'village-info': 'fpjc import village-info <文件>',
};

const NATIONAL_NOTES = `## 全国系统导出的文件 / National-system exports

全国防返贫监测信息系统导出的文件可以原样导入（第 1 行标题、第 2 行导出信息、第 3 行列名，取第一张工作表；
「自定义」导出勾选了哪些列都可以，列的多少和顺序不限）：

- **（自定义）监测对象信息**（national）—— 每人一行，户的列（户类型、监测对象类别、收入、帮扶措施、风险消除后指标等）
  在该户每个成员的行上重复。同一户的各行户级信息必须一致（一行空白、另一行有值不算不一致，以有值的为准）；不一致时
  两行都会指出。户主姓名、户主证件号码取「与户主关系」为户主的那一行；家庭人口数（文件没有该列时）按该户的行数计。
  产业帮扶、就业帮扶……基础设施建设等措施列中的每个措施名称（多项用逗号分隔）各成一条该类别的帮扶措施。
  信息采集人 / 信息采集人联系电话 即监测联系人 / 监测联系人电话。文件没有的列，登记库中的对应信息保持不变。
  National per-person export: household columns repeat on every member row and must agree; each name in a measure
  column becomes a measure of that category; columns the file lacks leave the register as it is.
- **收入的年度 / The year of the numbers** —— 收入列和「风险消除后」列不写年度。年度按以下顺序确定：\`--year\`；
  否则按表头上方导出信息行中的「导出时间」：本县用 \`fpjc policy set --year <导出年份> --export-income-year <年度>\`
  设置过的年度，未设置时取导出年份的上一年（例如 \`导出时间：2023-12-18\` → 2022 年度）；两者都没有时不导入，并提示加 \`--year\`。
  Income year: \`--year\`, else the export date's year as set in policy (exportIncomeYear), else the year before it.
- **监测状态 / Monitoring state** —— 导入不会因为空白单元格改变一户的监测状态：登记库中是监测对象的户，文件中
  「监测对象类别」为空时列为问题行，不取消监测；「风险是否已消除」为空时不改变消除状态。文件写明的变化（新识别、
  风险消除、风险回退即由「是」改为「否」、类别或风险类型变化）作为监测记录写入，来源为该文件，并在导入结果中
  单独列出（「监测状态变化 N 户」，\`--dry-run\` 可预览）。
  An import never un-monitors, eliminates or rolls back because of a blank cell; changes an export does state are
  applied as monitoring events and listed.
- **残疾人证 / Disability cards** —— 证件类型为残疾人证时，证件号码为 20 或 22 位：前 18 位是身份证号（按身份证校验），
  第 19 位是残疾类别（1 视力 2 听力 3 言语 4 肢体 5 智力 6 精神 7 多重），第 20 位是残疾等级（1–4 即一至四级）。
  登记库以前 18 位作为此人的证件号码，并保存完整的残疾人证号；文件有残疾类别、残疾等级列时与号码核对，没有时由号码补上。
- **务工文件 / Work files** —— （务工月监测）已外出务工信息（migrant-work，每人每段务工一行）和计划外出务工信息
  （planned-work，每人一行）中的户编号、户类型、监测对象类别、劳动技能等列只是导出当天的情况说明，不会改动户的信息。
  In the work files the household columns are context only and never change the household.
- **自动识别 / Detection** —— 程序按各类文件认得的列打分：认得的列是另一类的一部分时归入更全的那一类（务工文件不会被当成户信息），
  两类差不多时不导入并列出可选的类型，大部分列都不认识时也不导入；导入时说明按什么识别。
`;

const INTRO = `# 导入文件格式 / Import file formats

<!-- 本文件由 src/demo/format-doc.ts 根据字段字典 src/domain/fields.ts 和取值表 src/domain/vocab.ts 生成，请勿手改。
     Generated from the field dictionary; do not edit by hand.
     Regenerate: UPDATE_DOCS=1 npx vitest run test/unit/demo/format-doc.test.ts -->

\`fpjc import <类型> <文件>\` 读取下列格式的 Excel（.xlsx）或 CSV 文件；\`fpjc import <文件或文件夹>\` 会按列名自动判断类型。
\`fpjc demo\` 生成的演示文件就是这些格式，可以作为样例。
\`fpjc import <kind> <file>\` reads .xlsx or .csv files in the formats below; \`fpjc import <file|folder>\` detects the
kind from the header. The files written by \`fpjc demo\` are samples of every format.

## 通用约定 / General rules

- **文件与编码 / Files and encodings** —— .xlsx 读取所有工作表（或用 \`--sheet\` 指定一张）。.csv 可以是 UTF-8（有无 BOM 均可）
  或 GBK/GB18030（部门系统常见，自动识别，也可用 \`--encoding gbk\` 指定）；换行 CRLF 或 LF 均可。
  .xlsx: every sheet (or \`--sheet\`). .csv: UTF-8 with or without BOM, or GBK/GB18030 (detected; \`--encoding\` forces it).
- **标题行 / Title rows** —— 列名行上面可以有标题行和导出信息行（全国系统导出的文件列名在第 3 行），程序在每张工作表的
  前 15 行中找列名行。出错时报告的行号就是 Excel 里看到的行号（含标题行）。
  Title and export-info rows above the header are fine (national exports put the header on row 3); the header is
  searched in the first 15 rows. Problem rows are numbered as Excel shows them.
- **列名 / Headers** —— 用下表的规范列名或别名；全角/半角括号、空格、单元格内换行、列名前的 \`*\` 都不影响识别。
  不认识的列会提示但不影响导入；缺少必填列时整个文件不导入，并说明缺哪一列。列的顺序无关紧要。
  Canonical headers or aliases; brackets, blanks and line breaks don't matter. Unknown columns are reported, not
  fatal; a missing required column rejects the file. Column order does not matter.
- **日期 / Dates** —— 日期可写 \`2024-05-01\`、\`2024/5/1\`、\`20240501\`、\`2024年5月1日\` 或 Excel 日期；
  年月（识别监测时间、风险消除时间）可写 \`202405\`、\`2024-05\`、\`2024年5月\`。表示“从何时起”或期间的日期
  （纳入低保时间、纳入特困时间、措施的开始/结束时间）只写年月也可以，按月保存：\`202301\` 即 2023年1月1日起，
  结束于 \`202403\` 即到 2024年3月31日；出生日期必须有日。
  Dates as ISO, \`YYYYMMDD\`, \`YYYY年M月D日\` or Excel serials; months as \`YYYYMM\`, \`YYYY-MM\`, \`YYYY年M月\`.
- **是/否 / Yes-no** —— 填「是」「否」；也接受 √/×、1/0、Y/N、有/无。空白表示未填写。
  \`是\`/\`否\`; also √/×, 1/0, Y/N, 有/无. Blank means not given.
- **金额 / Money** —— 单位为元，可以带千分位逗号（\`12,345.50\`）。家庭纯收入、人均纯收入由程序按公式计算：
  家庭纯收入 = 工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出；人均纯收入 = 家庭纯收入 ÷ 家庭人口数。
  文件中自带的纯收入只用于核对。
  Amounts in 元 (commas allowed). Net income is derived by the formula above; typed totals are only checked.
- **取值表 / Vocabularies** —— 枚举列只接受「取值表」一节列出的规范值和常见写法，导入时统一成规范值；其他写法会被列为问题，
  并列出允许的值。
  Enumerated columns accept the national values and the listed variants, normalised on import.
- **证件号码的陷阱 / The ID-number trap** —— Excel 会把 18 位身份证号当成数字：只保留 15 位有效数字，显示成
  \`4.10102E+17\`，末三位变成 000，原来的号码就永远丢了。在 Excel/WPS 中录入或另存之前，先把证件号码、户编号这些列设为
  「文本」格式；程序会拒绝以数字形式保存的证件号码，并提示如何处理。身份证号按 GB 11643 检查位数、省级代码、出生日期和校验位，
  末位 x 自动改为 X；15 位旧号码请改填 18 位。
  Excel turns 18-digit ID numbers into numbers and keeps only 15 significant digits (\`4.10102E+17\`): the number is
  lost. Format ID and household-number columns as Text before typing or saving; numeric IDs are refused.
`;

/** The whole of docs/import-formats.md. */
export function renderFormatDoc(): string {
  const out: string[] = [INTRO];
  out.push('## 文件一览 / Kinds', '');
  out.push('| 类型 kind | 名称 | 命令 command | 必填列 required |');
  out.push('|---|---|---|---|');
  for (const k of IMPORT_ORDER) {
    const kind = KINDS[k];
    const required = kind.fields.filter((f) => f.required).map((f) => f.header);
    out.push(`| ${k} | ${kind.title} | \`${KIND_COMMANDS[k]}\` | ${required.join('、')} |`);
  }
  out.push(
    `| alerts --results | ${ALERT_RESULTS.title} | \`fpjc import alerts <文件> --results\` | ${ALERT_RESULTS.fields
      .filter((f) => f.required)
      .map((f) => f.header)
      .join('、')} |`,
  );
  out.push('');
  out.push(NATIONAL_NOTES);
  out.push('## 各类文件的列 / Columns of each kind', '');
  for (const k of IMPORT_ORDER) out.push(...kindSection(KINDS[k], `${k} — ${KINDS[k].title}`, KIND_COMMANDS[k]!));
  out.push(
    ...kindSection(ALERT_RESULTS, `alerts --results — ${ALERT_RESULTS.title}`, 'fpjc import alerts <文件> --results'),
  );
  out.push('## 取值表 / Vocabularies', '');
  const used: VocabName[] = [];
  for (const kind of [...IMPORT_ORDER.map((k) => KINDS[k]), ALERT_RESULTS]) {
    for (const f of kind.fields) if (f.vocab && !used.includes(f.vocab)) used.push(f.vocab);
  }
  for (const name of used) out.push(...vocabSection(name));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
