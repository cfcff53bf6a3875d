import { HOUSEHOLDS, INCOMES, MEMBERS, placeHeaders } from './register.js';
import type { FieldDef, KindDef } from './types.js';

/**
 * The national system's exports as counties have them (SPEC Appendix C). The per-person
 * （自定义）监测对象信息 carries household, member, income, monitoring, measure and 风险消除后
 * columns on one row; its columns are scoped by the record they fill (`household.phone`,
 * `member.phone`, `income.wage` …) and the national mapper (src/import/mappers/national.ts)
 * splits a row into those records. The county ticks the columns it wants: any subset is valid.
 */

/** The record a national-export column fills. */
export type NationalScope = 'household' | 'monitoring' | 'member' | 'income' | 'measure' | 'elimination';

/** Monitoring facts: applied as monitoring events, never as plain column updates (see the mapper). */
export const MONITORING_COLUMNS: readonly string[] = [
  'mon_category',
  'risk1',
  'risk2',
  'risk3',
  'risk4',
  'risk5',
  'disaster_sub',
  'identified_month',
  'risk_eliminated',
  'elimination_method',
  'eliminated_month',
];

const scoped = (scope: NationalScope, f: FieldDef, over: Partial<FieldDef> = {}): FieldDef => {
  const { required: _required, ...rest } = f;
  return { ...rest, ...over, column: `${scope}.${over.column ?? f.column}` };
};

const byColumn = (kind: KindDef, column: string): FieldDef[] => kind.fields.filter((f) => f.column === column);

/** Household columns of the households kind, as they appear in the national export. */
function householdFields(): FieldDef[] {
  const out: FieldDef[] = [];
  for (const f of HOUSEHOLDS.fields) {
    if (f.column === 'hh_no') continue;
    const scope: NationalScope = MONITORING_COLUMNS.includes(f.column) ? 'monitoring' : 'household';
    if (f.column === 'phone') {
      out.push(scoped(scope, f, { header: '户联系电话', aliases: ['联系电话', '户主联系电话'] }));
    } else if (f.column === 'head_id_no') {
      // 证件号码 is the member's in this export
      out.push(scoped(scope, f, { aliases: ['户主身份证号', '户主身份证号码'] }));
    } else if (f.column === 'risk_eliminated') {
      out.push(scoped(scope, f));
      out.push(
        scoped(scope, f, {
          header: '风险是否已消除0',
          aliases: [],
          note: '导出文件中「风险是否已消除」的第二列，应与之一致',
        }),
      );
    } else out.push(scoped(scope, f));
  }
  return out;
}

function memberFields(): FieldDef[] {
  return MEMBERS.fields
    .filter((f) => f.column !== 'hh_no')
    .map((f) =>
      f.column === 'phone'
        ? scoped('member', f, { header: '家庭成员联系电话', aliases: ['成员联系电话'] })
        : f.column === 'id_no' || f.column === 'name'
          ? { ...scoped('member', f), required: true }
          : scoped('member', f),
    );
}

function incomeFields(): FieldDef[] {
  // 年度 comes from --year or the export-info row; 家庭人口数 is the household's (or its rows)
  return INCOMES.fields.filter((f) => !['hh_no', 'year', 'size'].includes(f.column)).map((f) => scoped('income', f));
}

/** The wide measure columns: each holds the names of the household's measures of one 类别. */
const MEASURE_COLUMNS: readonly { header: string; category: string; aliases?: string[] }[] = [
  { header: '产业帮扶', category: '产业帮扶' },
  { header: '就业帮扶', category: '就业帮扶' },
  { header: '公益岗位帮扶', category: '公益岗位帮扶' },
  { header: '公益性岗位帮扶', category: '公益岗位帮扶' },
  { header: '公益性岗位帮扶其他备注', category: '公益岗位帮扶' },
  { header: '金融帮扶', category: '金融帮扶' },
  { header: '健康帮扶', category: '健康帮扶' },
  { header: '义务教育保障', category: '义务教育保障' },
  { header: '教育帮扶', category: '教育帮扶', aliases: ['其他教育帮扶'] },
  { header: '住房安全保障', category: '住房安全保障' },
  { header: '饮水安全保障', category: '饮水安全保障' },
  { header: '综合保障', category: '综合保障' },
  { header: '社会帮扶', category: '社会帮扶' },
  { header: '搬迁', category: '搬迁', aliases: ['易地搬迁'] },
  { header: '生产生活条件改善', category: '生产生活条件改善' },
  { header: '基础设施建设', category: '基础设施建设' },
  { header: '扶志扶智', category: '扶志扶智' },
];

function measureFields(): FieldDef[] {
  return MEASURE_COLUMNS.map((m) => ({
    column: `measure.${m.header}`,
    header: m.header,
    ...(m.aliases ? { aliases: m.aliases } : {}),
    type: 'text' as const,
    measureCategory: m.category,
    note: `该户「${m.category}」类措施的名称，多项用逗号分隔`,
  }));
}

const eliminationBool = (column: string, header: string): FieldDef => ({
  column: `elimination.${column}`,
  header,
  type: 'bool',
});
const eliminationMoney = (column: string, header: string, allowNegative = false): FieldDef => ({
  column: `elimination.${column}`,
  header,
  aliases: [`${header}(元)`],
  type: 'money',
  ...(allowNegative ? { allowNegative } : {}),
});

function eliminationFields(): FieldDef[] {
  return [
    eliminationBool('school_dropout', '风险消除后是否义务教育阶段适龄儿童少年失学辍学'),
    eliminationBool('housing_damaged', '风险消除后是否住房损毁'),
    eliminationBool('uninsured', '风险消除后是否有家庭成员未参加城乡居民(职工)基本医疗保险'),
    eliminationBool('water_damaged', '风险消除后是否饮水设施损毁'),
    eliminationMoney('wage', '风险消除后工资性收入'),
    eliminationMoney('property', '风险消除后财产性收入'),
    eliminationMoney('transfer', '风险消除后转移性收入'),
    eliminationMoney('business', '风险消除后生产经营性收入'),
    eliminationMoney('business_cost', '风险消除后生产经营性支出'),
    eliminationMoney('net', '风险消除后家庭纯收入', true),
    eliminationMoney('per_capita', '风险消除后家庭人均纯收入', true),
    eliminationMoney('claims', '风险消除后理赔收入'),
    eliminationMoney('self_pay', '风险消除后合规自付支出'),
  ];
}

/** （自定义）监测对象信息: one row per person (SPEC Appendix C). */
export const NATIONAL: KindDef = {
  kind: 'national',
  title: '监测对象信息（全国系统按人导出）',
  entity: 'member',
  ignored: [...placeHeaders.filter((h) => !h.startsWith('自然村')), '人口数'],
  fields: [
    { column: 'hh_no', header: '户编号', type: 'code', required: true, note: '同一户的各行户级信息应一致' },
    ...householdFields(),
    ...memberFields(),
    ...incomeFields(),
    ...measureFields(),
    ...eliminationFields(),
  ],
};

/** Columns of the 务工 files that describe the person's household on export day: never applied. */
const workContext = [
  '序号',
  '县',
  '县(市、区、旗)',
  '乡',
  '乡(镇)',
  '乡镇',
  '村',
  '行政村',
  '户编号',
  '人编号',
  '人口编号',
];
const workContextFields = ['姓名', '户类型', '监测对象类别', '劳动技能'];

const idField = (note?: string): FieldDef => ({
  ...byColumn(MEMBERS, 'id_no')[0]!,
  required: true,
  ...(note ? { note } : {}),
});

/** （务工月监测）已外出务工信息: one row per person and period. */
export const MIGRANT_WORK: KindDef = {
  kind: 'migrant-work',
  title: '已外出务工信息（务工月监测）',
  entity: 'work_period',
  ignored: [...workContext, ...workContextFields],
  fields: [
    idField('须已在登记库中（先导入家庭成员）'),
    { column: 'working', header: '是否已务工', aliases: ['是否务工'], type: 'bool' },
    { column: 'county', header: '务工所在县', aliases: ['务工所在县(市、区)', '务工地点'], type: 'text' },
    { column: 'channel', header: '就业渠道', type: 'text' },
    { column: 'company', header: '务工企业名称', aliases: ['就业单位'], type: 'text' },
    { column: 'industry', header: '所属行业', type: 'text' },
    { column: 'monthly_wage', header: '务工月收入', aliases: ['月收入', '务工月收入(元)'], type: 'money' },
    { column: 'point_to_point', header: '是否点对点输送', type: 'bool' },
    { column: 'transport_subsidy', header: '年度交通费补助', aliases: ['交通费补助'], type: 'money' },
    { column: 'start_month', header: '开始时间', aliases: ['务工开始时间'], type: 'month', note: '如 2024年03月' },
    { column: 'end_month', header: '结束时间', aliases: ['务工结束时间'], type: 'month', note: '空 = 仍在务工' },
  ],
};

/** 计划外出务工信息: one row per person. */
export const PLANNED_WORK: KindDef = {
  kind: 'planned-work',
  title: '计划外出务工信息',
  entity: 'work_plan',
  ignored: [...workContext, ...workContextFields],
  fields: [
    idField('须已在登记库中（先导入家庭成员）'),
    { column: 'plan_work', header: '是否计划务工', type: 'bool' },
    { column: 'plan_outside', header: '是否计划外出务工', type: 'bool' },
    { column: 'plan_county', header: '计划务工所在县', aliases: ['计划务工地点'], type: 'text' },
    { column: 'service_need', header: '就业服务需求', type: 'text' },
  ],
};

const count = (column: string, header: string, aliases: string[] = []): FieldDef => ({
  column,
  header,
  ...(aliases.length ? { aliases } : {}),
  type: 'int',
});

/** （自定义）行政村信息: one row per 行政村. */
export const VILLAGE_INFO: KindDef = {
  kind: 'village-info',
  title: '行政村信息',
  entity: 'village_stats',
  ignored: ['序号', '省', '市', '县', '县(市、区、旗)'],
  fields: [
    { ...byColumn(HOUSEHOLDS, 'township')[0]!, virtual: true },
    { ...byColumn(HOUSEHOLDS, 'village')[0]!, virtual: true },
    { column: 'exited', header: '是否出列', aliases: ['是否出列村', '是否贫困村出列'], type: 'bool' },
    count('households', '总户数'),
    count('population', '总人口数'),
    {
      column: 'collective_income',
      header: '村级集体经济收入(万元)',
      aliases: ['村级集体经济收入'],
      type: 'decimal',
    },
    count('primary_schools', '村小学(个数)', ['村小学']),
    count('pension_insured', '参加城乡居民基本养老保险人数'),
    { column: 'bus', header: '是否通客运班车', type: 'bool' },
    count('clinics', '行政村卫生室个数'),
    count('public_toilets', '行政村公共卫生厕所个数'),
    count('doctors', '行政村执业(助理)医师(人)', ['行政村执业(助理)医师']),
    count('garbage_points', '行政村生产生活垃圾集中堆放点个数(个)', ['行政村生产生活垃圾集中堆放点个数']),
    count('libraries', '行政村文化(图书)室个数(个)', ['行政村文化(图书)室个数']),
    count('dibao_households', '低保户数'),
    count('dibao_people', '低保人口数'),
    count('tekun_people', '特困供养人口数'),
    count('disabled_people', '残疾人口数'),
    { column: 'paved_road', header: '到乡镇是否通沥青(水泥)路', aliases: ['是否通沥青(水泥)路'], type: 'bool' },
    count('water_unsafe_households', '未实现饮水安全户数'),
    count('dangerous_houses', '危房户数'),
  ],
};

/** Scope and register column of a national-export column name (`member.phone` → member, phone). */
export function splitScoped(column: string): { scope: NationalScope | null; column: string } {
  const dot = column.indexOf('.');
  if (dot < 0) return { scope: null, column };
  return { scope: column.slice(0, dot) as NationalScope, column: column.slice(dot + 1) };
}
