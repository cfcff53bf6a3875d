import type { VocabName } from './vocab.js';

/**
 * The field dictionary: for every import kind, the columns of its file format (canonical
 * Chinese header of SPEC §3, aliases seen in national-system exports, value type, vocabulary)
 * and the register column each one fills. Import, export, the demo generator, `show` and the
 * docs all read this one table, so a column is named in exactly one place.
 */
export type FieldType =
  | 'text'
  | 'code'
  | 'idNo'
  | 'enum'
  | 'multiEnum'
  | 'bool'
  | 'date'
  | 'month'
  | 'money'
  | 'decimal'
  | 'int'
  | 'year'
  | 'phone';

export interface FieldDef {
  /** Register column (or a virtual name resolved by the importer, see `virtual`). */
  column: string;
  /** Canonical Chinese header. */
  header: string;
  aliases?: readonly string[];
  type: FieldType;
  vocab?: VocabName;
  required?: boolean;
  /** Resolved by the importer rather than stored as is (乡镇/村 names → village id). */
  virtual?: boolean;
  /** Shown in docs/import-formats.md. */
  note?: string;
  /** Allow negative amounts (money/decimal). */
  allowNegative?: boolean;
}

export type ImportKind = 'regions' | 'households' | 'members' | 'incomes' | 'measures' | 'alerts' | 'visits';

export interface KindDef {
  kind: ImportKind;
  /** Chinese name of the file/list. */
  title: string;
  /** Entity name in the audit log. */
  entity: string;
  fields: readonly FieldDef[];
  /** Headers of national exports that are known but not stored (not reported as unknown). */
  ignored?: readonly string[];
}

const placeHeaders = ['省', '市', '县', '县(市、区、旗)', '县(市、区)', '序号', '自然村/组', '自然村'];

export const REGIONS: KindDef = {
  kind: 'regions',
  title: '行政区划（乡镇、村、网格）',
  entity: 'region',
  ignored: ['省', '市', '县', '县(市、区、旗)', '序号'],
  fields: [
    {
      column: 'township',
      header: '乡镇',
      aliases: ['乡(镇)', '乡', '乡镇(街道)', '苏木乡镇'],
      type: 'text',
      required: true,
    },
    { column: 'township_code', header: '乡镇代码', aliases: ['乡镇区划代码'], type: 'code' },
    { column: 'village', header: '村', aliases: ['行政村', '村(社区)', '嘎查村'], type: 'text', required: true },
    { column: 'village_code', header: '村代码', aliases: ['行政村代码', '村区划代码', '行政区划代码'], type: 'code' },
    { column: 'grid', header: '网格', aliases: ['网格名称'], type: 'text', note: '每个网格原则上不超过 100 户' },
    { column: 'grid_keeper', header: '网格员', type: 'text' },
  ],
};

const riskFields: FieldDef[] = [1, 2, 3, 4, 5].map((i) => ({
  column: `risk${i}`,
  header: `致贫返贫风险${i}`,
  aliases: [`风险类型${i}`, `返贫致贫风险${i}`, `主要风险${i}`],
  type: 'enum' as const,
  vocab: 'riskType',
}));

export const HOUSEHOLDS: KindDef = {
  kind: 'households',
  title: '户信息',
  entity: 'household',
  ignored: placeHeaders.filter((h) => !h.startsWith('自然村')),
  fields: [
    { column: 'hh_no', header: '户编号', type: 'code', required: true, note: '全国系统户编号，按文本保存' },
    {
      column: 'township',
      header: '乡镇',
      aliases: ['乡(镇)', '乡', '乡镇(街道)', '苏木乡镇'],
      type: 'text',
      required: true,
      virtual: true,
    },
    {
      column: 'village',
      header: '村',
      aliases: ['行政村', '村(社区)', '嘎查村'],
      type: 'text',
      required: true,
      virtual: true,
    },
    { column: 'natural_village', header: '自然村/组', aliases: ['自然村', '组'], type: 'text' },
    { column: 'grid', header: '网格', type: 'text', virtual: true },
    { column: 'hh_type', header: '户类型', type: 'enum', vocab: 'householdType', required: true },
    { column: 'head_name', header: '户主姓名', type: 'text' },
    { column: 'head_id_no', header: '户主证件号码', aliases: ['户主身份证号', '户主身份证号码'], type: 'idNo' },
    { column: 'size_declared', header: '家庭人口数', aliases: ['家庭人口', '人口数'], type: 'int' },
    { column: 'phone', header: '联系电话', aliases: ['户主联系电话'], type: 'phone' },
    { column: 'relocated', header: '是否易地搬迁户', aliases: ['是否易地搬迁', '易地搬迁户'], type: 'bool' },
    { column: 'whole_no_labour', header: '是否整户无劳动能力兜底保障户', type: 'bool' },
    { column: 'dev_measure_status', header: '实施开发式帮扶措施情况', type: 'enum', vocab: 'devMeasureStatus' },
    { column: 'housing_unsafe', header: '是否住房出现安全问题', aliases: ['住房是否安全'], type: 'bool' },
    { column: 'school_dropout', header: '是否义务教育阶段适龄儿童少年失学辍学', type: 'bool' },
    { column: 'water_unsafe', header: '是否饮水出现安全问题', type: 'bool' },
    {
      column: 'uninsured',
      header: '是否有家庭成员未参加城乡居民(职工)基本医疗保险',
      aliases: ['是否有家庭成员未参加城乡居民基本医疗保险'],
      type: 'bool',
    },
    { column: 'arable_land', header: '耕地面积(亩)', aliases: ['耕地面积'], type: 'decimal' },
    { column: 'forest_land', header: '林地面积(亩)', aliases: ['林地面积'], type: 'decimal' },
    { column: 'road_distance', header: '与村主干路距离(公里)', aliases: ['与村主干路距离'], type: 'decimal' },
    {
      column: 'mon_category',
      header: '监测对象类别',
      aliases: ['监测类别'],
      type: 'enum',
      vocab: 'monitoredCategory',
      note: '空 = 不是监测对象',
    },
    ...riskFields,
    { column: 'disaster_sub', header: '因自然灾害子项', aliases: ['自然灾害子项'], type: 'enum', vocab: 'disasterSub' },
    { column: 'identified_month', header: '识别监测时间', aliases: ['纳入监测时间', '识别时间'], type: 'month' },
    { column: 'risk_eliminated', header: '风险是否已消除', aliases: ['是否风险消除', '风险是否消除'], type: 'bool' },
    {
      column: 'elimination_method',
      header: '风险消除方式',
      aliases: ['消除方式'],
      type: 'enum',
      vocab: 'eliminationMethod',
    },
    {
      column: 'eliminated_month',
      header: '风险消除时间',
      aliases: ['消除监测时间', '风险消除监测时间'],
      type: 'month',
    },
    { column: 'contact_person', header: '监测联系人', aliases: ['帮扶联系人'], type: 'text' },
    {
      column: 'contact_phone',
      header: '监测联系人电话',
      aliases: ['监测联系人联系电话', '帮扶联系人电话'],
      type: 'phone',
    },
  ],
};

export const MEMBERS: KindDef = {
  kind: 'members',
  title: '家庭成员信息',
  entity: 'member',
  ignored: [
    ...placeHeaders,
    '乡镇',
    '乡(镇)',
    '乡',
    '村',
    '行政村',
    '户主姓名',
    '户类型',
    '家庭人口数',
    '监测对象类别',
  ],
  fields: [
    { column: 'hh_no', header: '户编号', type: 'code', required: true },
    {
      column: 'id_no',
      header: '证件号码',
      aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号'],
      type: 'idNo',
      required: true,
    },
    { column: 'name', header: '姓名', aliases: ['成员姓名'], type: 'text', required: true },
    { column: 'id_type', header: '证件类型', type: 'enum', vocab: 'idType' },
    { column: 'person_no', header: '人口编号', type: 'code' },
    { column: 'sex', header: '性别', type: 'enum', vocab: 'sex' },
    { column: 'birth_date', header: '出生日期', type: 'date' },
    { column: 'ethnicity', header: '民族', type: 'enum', vocab: 'ethnicity' },
    {
      column: 'relation',
      header: '与户主关系',
      aliases: ['与户主的关系'],
      type: 'enum',
      vocab: 'relation',
      required: true,
    },
    { column: 'political', header: '政治面貌', type: 'enum', vocab: 'politicalStatus' },
    { column: 'education', header: '文化程度', type: 'enum', vocab: 'education' },
    { column: 'school_status', header: '在校生状况', aliases: ['在校生情况'], type: 'enum', vocab: 'schoolStatus' },
    { column: 'health', header: '健康状况', type: 'multiEnum', vocab: 'health' },
    { column: 'disability_type', header: '残疾类别', type: 'enum', vocab: 'disabilityType' },
    { column: 'disability_grade', header: '残疾等级', type: 'enum', vocab: 'disabilityGrade' },
    { column: 'labour_skill', header: '劳动技能', aliases: ['劳动能力'], type: 'enum', vocab: 'labourSkill' },
    { column: 'work_status', header: '务工状况', aliases: ['务工情况'], type: 'enum', vocab: 'workStatus' },
    { column: 'work_months', header: '务工时间(月)', aliases: ['务工时间', '务工月数'], type: 'decimal' },
    { column: 'work_place', header: '务工所在地', aliases: ['务工地点'], type: 'text' },
    { column: 'work_company', header: '务工企业名称', type: 'text' },
    {
      column: 'medical_insured',
      header: '是否参加城乡居民基本医疗保险',
      aliases: ['是否参加城乡居民(职工)基本医疗保险', '是否参加基本医疗保险'],
      type: 'bool',
    },
    {
      column: 'pension_insured',
      header: '是否参加城乡居民基本养老保险',
      aliases: ['是否参加城乡居民(职工)基本养老保险'],
      type: 'bool',
    },
    { column: 'illness_insured', header: '是否参加大病保险', type: 'bool' },
    {
      column: 'dibao',
      header: '享受低保政策情况',
      aliases: ['是否享受低保', '低保情况'],
      type: 'enum',
      vocab: 'dibao',
    },
    { column: 'dibao_since', header: '纳入低保时间', type: 'date' },
    { column: 'tekun', header: '是否特困供养人员', aliases: ['是否特困供养', '特困供养人员'], type: 'bool' },
    { column: 'tekun_since', header: '纳入特困时间', type: 'date' },
    {
      column: 'disabled_care',
      header: '是否失能/半失能',
      aliases: ['是否失能半失能', '失能情况'],
      type: 'enum',
      vocab: 'disabledCare',
    },
    {
      column: 'child_status',
      header: '是否留守儿童/困境儿童',
      aliases: ['是否留守儿童', '留守困境儿童'],
      type: 'enum',
      vocab: 'childStatus',
    },
    { column: 'phone', header: '联系电话', aliases: ['家庭成员联系电话', '成员联系电话'], type: 'phone' },
    { column: 'public_post', header: '公益性岗位', type: 'text' },
    { column: 'public_post_months', header: '公益性岗位(月数)', aliases: ['公益性岗位月数'], type: 'decimal' },
    {
      column: 'status',
      header: '状态',
      aliases: ['人员状态', '成员状态'],
      type: 'enum',
      vocab: 'memberStatus',
      note: '空 = 在册',
    },
  ],
};

const money = (column: string, header: string, aliases: string[] = [], note?: string): FieldDef => ({
  column,
  header,
  aliases: [...aliases, `${header}(元)`],
  type: 'money',
  ...(note ? { note } : {}),
});

export const INCOMES: KindDef = {
  kind: 'incomes',
  title: '家庭收支信息',
  entity: 'income',
  ignored: [...placeHeaders, '乡镇', '乡(镇)', '乡', '村', '行政村', '户主姓名', '户类型'],
  fields: [
    { column: 'hh_no', header: '户编号', type: 'code', required: true },
    { column: 'year', header: '年度', aliases: ['收入年度', '年份'], type: 'year', required: true },
    {
      column: 'size',
      header: '家庭人口数',
      aliases: ['家庭人口', '人口数'],
      type: 'int',
      note: '计算人均纯收入的人口数',
    },
    money('wage', '工资性收入'),
    money('business', '生产经营性收入'),
    money('property', '财产性收入', [], '空时按两个子项之和'),
    money('property_dividend', '资产收益扶贫分红收入'),
    money('property_other', '其他财产性收入'),
    money('transfer', '转移性收入', [], '空时按六个子项之和'),
    money('family_planning', '计划生育金'),
    money('dibao_money', '低保金'),
    money('tekun_money', '特困供养金'),
    money('pension_money', '养老保险金'),
    money('eco_compensation', '生态补偿金'),
    money('transfer_other', '其他转移性收入'),
    money('business_cost', '生产经营性支出'),
    money('claims', '理赔收入', ['家庭理赔收入']),
    money('self_pay', '合规自付支出', ['医疗合规自付支出']),
    money('other_rigid', '其他刚性支出', [], '教育、灾害等刚性支出'),
    {
      ...money('typed_net', '家庭纯收入', [], '只作核对：系统按公式计算，不一致时列入数据质量问题'),
      allowNegative: true,
    },
    { ...money('typed_per_capita', '人均纯收入', [], '只作核对'), allowNegative: true },
  ],
};

export const MEASURES: KindDef = {
  kind: 'measures',
  title: '帮扶措施',
  entity: 'measure',
  ignored: [...placeHeaders, '乡镇', '乡(镇)', '村', '行政村', '户主姓名', '姓名', '开发式'],
  fields: [
    { column: 'hh_no', header: '户编号', type: 'code', required: true },
    {
      column: 'member_id_no',
      header: '证件号码',
      aliases: ['身份证号', '受益人证件号码'],
      type: 'idNo',
      note: '措施落实到人时填写',
    },
    {
      column: 'category',
      header: '帮扶措施类别',
      aliases: ['措施类别', '帮扶类别'],
      type: 'enum',
      vocab: 'measureCategory',
      required: true,
    },
    { column: 'content', header: '措施内容', aliases: ['帮扶措施', '措施名称', '帮扶内容'], type: 'text' },
    { column: 'amount', header: '金额', aliases: ['资金金额', '帮扶金额', '金额(元)'], type: 'money' },
    { column: 'start_date', header: '开始时间', aliases: ['落实时间', '开始日期'], type: 'date' },
    { column: 'end_date', header: '结束时间', aliases: ['结束日期'], type: 'date' },
  ],
};

export const ALERTS: KindDef = {
  kind: 'alerts',
  title: '部门预警线索',
  entity: 'alert',
  ignored: ['序号', '省', '市', '县'],
  fields: [
    {
      column: 'source_dept',
      header: '来源部门',
      aliases: ['预警部门', '推送部门', '数据来源'],
      type: 'enum',
      vocab: 'alertSource',
      required: true,
    },
    {
      column: 'id_no',
      header: '证件号码',
      aliases: ['身份证号', '身份证号码', '公民身份号码'],
      type: 'idNo',
      required: true,
    },
    { column: 'name', header: '姓名', type: 'text' },
    { column: 'alert_type', header: '预警类型', aliases: ['预警事项', '风险类型'], type: 'text', required: true },
    { column: 'value', header: '指标值', aliases: ['金额', '自付金额'], type: 'decimal', allowNegative: true },
    { column: 'alert_date', header: '预警日期', aliases: ['日期', '发生日期', '推送日期'], type: 'date' },
    { column: 'detail', header: '预警内容', aliases: ['说明', '备注', '预警说明'], type: 'text' },
    { column: 'township_text', header: '乡镇', aliases: ['乡(镇)', '乡'], type: 'text' },
    { column: 'village_text', header: '村', aliases: ['行政村'], type: 'text' },
    { column: 'hh_no_text', header: '户编号', type: 'code' },
  ],
};

/** Verification results of dispatched alerts (`import alerts --results`). */
export const ALERT_RESULTS: KindDef = {
  kind: 'alerts',
  title: '预警核查结果',
  entity: 'alert',
  ignored: ['序号', '乡镇', '村', '姓名', '户编号', '预警内容', '指标值', '户主姓名'],
  fields: [
    { column: 'source_dept', header: '来源部门', type: 'enum', vocab: 'alertSource', required: true },
    { column: 'id_no', header: '证件号码', type: 'idNo', required: true },
    { column: 'alert_type', header: '预警类型', type: 'text', required: true },
    { column: 'alert_date', header: '预警日期', aliases: ['日期'], type: 'date' },
    { column: 'verify_result', header: '核实结果', type: 'enum', vocab: 'verifyResult', required: true },
    { column: 'verify_note', header: '核实说明', aliases: ['说明'], type: 'text' },
    { column: 'verifier', header: '核实人', type: 'text', required: true },
    { column: 'verify_date', header: '核实日期', type: 'date', required: true },
  ],
};

export const VISITS: KindDef = {
  kind: 'visits',
  title: '入户排查结果',
  entity: 'visit',
  ignored: ['序号', '乡镇', '村', '户主姓名', '人数', '预警规则', '规则', '排查依据', '类别提示', '户类型', '监测状态'],
  fields: [
    { column: 'hh_no', header: '户编号', type: 'code', required: true },
    { column: 'visit_date', header: '排查日期', aliases: ['入户日期', '日期'], type: 'date', required: true },
    { column: 'visitor', header: '排查人', aliases: ['入户人员'], type: 'text', required: true },
    { column: 'entered', header: '是否入户', type: 'bool', required: true },
    { column: 'result', header: '研判结果', type: 'enum', vocab: 'visitResult', required: true },
    { column: 'note', header: '说明', aliases: ['研判说明', '备注'], type: 'text' },
    {
      column: 'category',
      header: '类别',
      aliases: ['监测对象类别', '建议类别'],
      type: 'enum',
      vocab: 'monitoredCategory',
    },
    { column: 'risks', header: '风险类型', aliases: ['致贫返贫风险'], type: 'multiEnum', vocab: 'riskType' },
  ],
};

export const KINDS: Record<ImportKind, KindDef> = {
  regions: REGIONS,
  households: HOUSEHOLDS,
  members: MEMBERS,
  incomes: INCOMES,
  measures: MEASURES,
  alerts: ALERTS,
  visits: VISITS,
};

/** The order a folder of files is imported in: each kind may refer to the ones before it. */
export const IMPORT_ORDER: readonly ImportKind[] = [
  'regions',
  'households',
  'members',
  'incomes',
  'measures',
  'alerts',
  'visits',
];

export const KIND_NAMES_CN: Record<ImportKind, string> = {
  regions: '行政区划',
  households: '户信息',
  members: '家庭成员',
  incomes: '收支信息',
  measures: '帮扶措施',
  alerts: '部门预警',
  visits: '入户排查结果',
};

/** Column → field, per kind. */
export function fieldByColumn(kind: KindDef, column: string): FieldDef | undefined {
  return kind.fields.find((f) => f.column === column);
}
