/**
 * Vocabularies of the register (SPEC §3, §4, Appendix B) as data: national wording first, the
 * common variants the importer normalises, and the readings the rules rely on
 * (开发式 measures, labour capacity, 重度 disability, school stages).
 * A county may add values to a vocabulary through `fpjc policy`; those come in as `extensions`.
 */
import { toHalfWidth } from './normalize.js';

export type VocabName =
  | 'householdType'
  | 'monitoredCategory'
  | 'riskType'
  | 'disasterSub'
  | 'eliminationMethod'
  | 'measureCategory'
  | 'devMeasureStatus'
  | 'schoolStatus'
  | 'education'
  | 'health'
  | 'disabilityType'
  | 'disabilityGrade'
  | 'labourSkill'
  | 'workStatus'
  | 'relation'
  | 'ethnicity'
  | 'sex'
  | 'idType'
  | 'politicalStatus'
  | 'dibao'
  | 'tekunPolicy'
  | 'disabledCare'
  | 'childStatus'
  | 'memberStatus'
  | 'alertSource'
  | 'alertStatus'
  | 'visitResult'
  | 'verifyResult'
  | 'reviewDecision';

export interface Vocabulary {
  /** Chinese name, as in headers and messages. */
  name: string;
  /** National wording, in display order (also the order of joined multi-values). */
  values: readonly string[];
  /** Common variant → national value (matched after normalisation, see `vocabKey`). */
  variants: Record<string, string>;
  /** Also accepted and kept as written (coarse stages); not listed in messages. */
  accepted?: readonly string[];
  /** Cells that may hold several values: order of the joined result, maximum count, values that must stand alone. */
  multi?: { order: 'canonical' | 'input'; max?: number; alone?: readonly string[] };
  /** Retry after dropping a leading place name (`榆次区民政局` → `民政局`). */
  stripPlacePrefix?: boolean;
  /** Replaces the list of values in messages when the list is long. */
  hint?: string;
}

// ---------------------------------------------------------------------------------------------
// Helpers to write the lists

const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** `{a: X, b: X}` from `X: [a, b]`. */
function variantsOf(groups: Record<string, readonly string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [value, vs] of Object.entries(groups)) for (const v of vs) out[v] = value;
  return out;
}

/** Variants derived from the values by a function (e.g. drop a prefix), skipping empty results. */
function derived(
  values: readonly string[],
  f: (v: string) => string | readonly string[] | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const r = f(v);
    if (r === null) continue;
    for (const x of typeof r === 'string' ? [r] : r) if (x && x !== v) out[x] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The lists

const RISK_TYPES = [
  '因病',
  '因残',
  '因学',
  '因自然灾害',
  '因意外事故',
  '因产业项目失败',
  '因务工就业不稳',
  '缺劳动力',
  '因安全住房',
  '因安全饮水',
  '其他',
] as const;

const MEASURE_CATEGORIES = [
  '产业帮扶',
  '就业帮扶',
  '金融帮扶',
  '公益岗位帮扶',
  '健康帮扶',
  '义务教育保障',
  '教育帮扶',
  '综合保障',
  '住房安全保障',
  '饮水安全保障',
  '社会帮扶',
  '搬迁',
  '扶志扶智',
  '生产生活条件改善',
  '基础设施建设',
  '其他',
] as const;

/** 开发式 measures (产业/就业/金融/公益岗位); the others are 保障性 or support. */
export const DEVELOPMENTAL_MEASURES: readonly string[] = ['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶'];

const GRADES = ['一', '二', '三'] as const;
const SCHOOL_STATUS = [
  '学龄前儿童',
  '学前教育',
  ...['一', '二', '三', '四', '五', '六'].map((n) => `小学${n}年级`),
  '七年级',
  '八年级',
  '九年级',
  ...GRADES.map((n) => `普通高中${n}年级`),
  ...GRADES.map((n) => `中职${n}年级`),
  '高职高专',
  '本科',
  '硕士研究生及以上',
  '非在校生',
] as const;

function schoolVariants(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; i <= 6; i++) {
    const cn = CN_DIGITS[i - 1]!;
    const v = `小学${cn}年级`;
    for (const k of [`${cn}年级`, `小学${i}年级`, `${i}年级`, `小学${cn}`]) out[k] = v;
  }
  const junior = ['七年级', '八年级', '九年级'] as const;
  for (let i = 1; i <= 3; i++) {
    const cn = CN_DIGITS[i - 1]!;
    const j = junior[i - 1]!;
    for (const k of [`初${cn}`, `初中${cn}年级`, `初中${i}年级`, `${i + 6}年级`]) out[k] = j;
    for (const k of [`高${cn}`, `高中${cn}年级`, `高中${i}年级`, `普通高中${i}年级`, `普高${cn}年级`]) {
      out[k] = `普通高中${cn}年级`;
    }
    for (const k of [`中职${i}年级`, `中专${cn}年级`, `中专${i}年级`, `职高${cn}年级`, `职高${i}年级`]) {
      out[k] = `中职${cn}年级`;
    }
  }
  return {
    ...out,
    ...variantsOf({
      学龄前儿童: ['学龄前', '学龄前儿童(未入园)'],
      学前教育: ['学前', '幼儿园', '学前班', '在园幼儿'],
      高中: ['普通高中', '普高'],
      中职: ['中专', '职高', '中等职业教育', '技校'],
      高职高专: ['大专', '专科', '高职', '大学专科'],
      本科: ['大学本科', '大学'],
      硕士研究生及以上: ['研究生', '硕士', '博士', '硕士研究生', '博士研究生', '研究生及以上'],
      非在校生: ['非在校', '不在校', '非在校学生', '不在校生', '否', '无', '已毕业'],
    }),
  };
}

const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
] as const;

const RELATIONS = [
  '户主',
  '配偶',
  '之子',
  '之女',
  '之儿媳',
  '之女婿',
  '之孙子',
  '之孙女',
  '之外孙子',
  '之外孙女',
  '之父',
  '之母',
  '之岳父',
  '之岳母',
  '之公公',
  '之婆婆',
  '之祖父',
  '之祖母',
  '之外祖父',
  '之外祖母',
  '之兄弟姐妹',
  '之曾孙子',
  '之曾孙女',
  '其他',
] as const;

const ALERT_SOURCES = [
  '民政',
  '医保',
  '残联',
  '住建',
  '教育',
  '人社',
  '应急',
  '水利',
  '卫健',
  '公安',
  '信访',
  '其他',
] as const;

export const VOCABULARIES: Record<VocabName, Vocabulary> = {
  householdType: {
    name: '户类型',
    values: ['脱贫户', '一般农户'],
    variants: variantsOf({
      脱贫户: ['建档立卡户', '已脱贫户', '建档立卡贫困户', '建档立卡脱贫户', '贫困户', '脱贫', '脱贫人口'],
      一般农户: ['一般户', '非贫困户', '一般', '农户', '非建档立卡户', '一般农户(非建档立卡)'],
    }),
  },
  monitoredCategory: {
    name: '监测对象类别',
    values: ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'],
    variants: variantsOf({
      脱贫不稳定户: ['脱贫不稳定', '不稳定户', '脱贫不稳定人口'],
      边缘易致贫户: ['边缘易致贫', '边缘户', '边缘致贫户', '边缘易致贫人口'],
      突发严重困难户: ['突发严重困难', '严重困难户', '突发困难户', '突发严重困难人口'],
    }),
  },
  riskType: {
    name: '风险类型',
    values: RISK_TYPES,
    variants: {
      ...derived(RISK_TYPES, (v) => (v.startsWith('因') ? v.slice(1) : null)),
      ...variantsOf({
        因病: ['疾病', '患病', '大病'],
        因残: ['残疾'],
        因学: ['上学', '就学'],
        因自然灾害: ['因灾', '灾', '受灾', '自然灾害', '因自然灾'],
        因意外事故: ['因意外', '意外', '意外事件'],
        因产业项目失败: ['因产业失败', '产业失败', '产业项目失败'],
        因务工就业不稳: ['因务工就业不稳定', '务工就业不稳定', '就业不稳', '因就业不稳', '务工不稳', '因务工不稳'],
        缺劳动力: ['因缺劳动力', '缺劳力', '因缺劳力', '缺少劳动力', '缺乏劳动力'],
        因安全住房: ['住房安全', '因住房安全', '因住房', '住房', '住房不安全'],
        因安全饮水: ['饮水安全', '因饮水安全', '因饮水', '饮水', '饮水不安全'],
      }),
    },
    multi: { order: 'input', max: 5 },
  },
  disasterSub: {
    name: '因自然灾害子项',
    values: ['洪涝', '地质', '旱灾', '生物', '气象', '地震', '其他'],
    variants: variantsOf({
      洪涝: ['洪涝灾害', '洪水', '水灾', '内涝', '洪灾'],
      地质: ['地质灾害', '滑坡', '泥石流', '崩塌', '塌陷'],
      旱灾: ['干旱', '旱', '旱情'],
      生物: ['生物灾害', '病虫害', '虫灾'],
      气象: ['气象灾害', '冰雹', '雹灾', '风灾', '雪灾', '冻害', '台风', '低温冻害'],
      地震: ['地震灾害', '震灾'],
    }),
  },
  eliminationMethod: {
    name: '风险消除方式',
    values: ['帮扶消除', '自然消除'],
    variants: variantsOf({ 帮扶消除: ['帮扶', '帮扶消除风险'], 自然消除: ['自然', '自然消除风险'] }),
  },
  measureCategory: {
    name: '帮扶措施类别',
    values: MEASURE_CATEGORIES,
    variants: {
      ...derived(MEASURE_CATEGORIES, (v) =>
        v.endsWith('帮扶') ? [v.slice(0, -2), `${v.slice(0, -2)}扶持`, `${v.slice(0, -2)}扶贫`] : null,
      ),
      ...variantsOf({
        公益岗位帮扶: ['公益性岗位', '公益性岗位帮扶', '公益岗'],
        健康帮扶: ['医疗帮扶', '医疗保障', '医疗救助', '健康扶贫'],
        义务教育保障: ['义务教育', '控辍保学'],
        教育帮扶: ['其他教育帮扶', '教育扶贫', '教育资助', '雨露计划'],
        综合保障: ['兜底保障', '社会保障兜底', '低保兜底', '综合保障兜底', '兜底', '社会保障'],
        住房安全保障: ['住房保障', '危房改造', '住房安全', '农村危房改造'],
        饮水安全保障: ['饮水保障', '饮水安全', '安全饮水'],
        社会帮扶: ['社会扶贫', '社会力量帮扶', '消费帮扶'],
        搬迁: ['易地搬迁', '易地扶贫搬迁', '搬迁安置', '易地搬迁安置'],
        扶志扶智: ['志智双扶', '扶智扶志'],
        生产生活条件改善: ['生产生活条件', '改善生产生活条件'],
        基础设施建设: ['基础设施', '基础设施帮扶'],
        金融帮扶: ['小额信贷', '金融扶贫', '扶贫小额信贷'],
      }),
    },
  },
  devMeasureStatus: {
    name: '实施开发式帮扶措施情况',
    values: ['已实施', '尚未实施'],
    variants: variantsOf({
      已实施: ['是', '已落实', '实施', '有'],
      尚未实施: ['否', '未实施', '没有实施', '未落实', '无'],
    }),
  },
  schoolStatus: {
    name: '在校生状况',
    values: SCHOOL_STATUS,
    accepted: ['小学', '初中', '高中', '中职'],
    variants: schoolVariants(),
  },
  education: {
    name: '文化程度',
    values: ['文盲或半文盲', '小学', '初中', '高中', '中专', '大专及以上'],
    variants: variantsOf({
      文盲或半文盲: ['文盲', '半文盲', '文盲半文盲', '文盲/半文盲'],
      小学: ['小学文化', '小学毕业'],
      初中: ['初中文化', '初中毕业', '初级中学'],
      高中: ['高中文化', '高中毕业', '普通高中'],
      中专: ['中职', '职高', '技校', '中技', '中等专业学校'],
      大专及以上: ['大专', '本科', '本科及以上', '研究生', '硕士', '博士', '大学', '大专以上', '专科'],
    }),
  },
  health: {
    name: '健康状况',
    values: ['健康', '长期慢性病', '患有大病', '残疾'],
    variants: variantsOf({
      健康: ['良好', '正常', '健康良好'],
      长期慢性病: ['慢性病', '慢病', '长期慢性病患者', '患有长期慢性病'],
      患有大病: ['大病', '患大病', '重病', '重大疾病', '大病患者'],
      残疾: ['残疾人', '残'],
    }),
    multi: { order: 'canonical', alone: ['健康'] },
  },
  disabilityType: {
    name: '残疾类别',
    values: ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'],
    variants: {
      ...derived(['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾'], (v) => [
        v.slice(0, -2),
        `${v.slice(0, -2)}残`,
      ]),
      ...variantsOf({ 言语残疾: ['语言残疾', '语言'], 多重残疾: ['综合残疾'] }),
    },
  },
  disabilityGrade: {
    name: '残疾等级',
    values: ['一级', '二级', '三级', '四级'],
    variants: derived(['一级', '二级', '三级', '四级'], (v) => {
      const i = ['一级', '二级', '三级', '四级'].indexOf(v) + 1;
      const cn = v[0]!;
      return [String(i), `${i}级`, `${v}残疾`, `残疾${v}`, `${i}级残疾`, `残疾${i}级`, cn];
    }),
  },
  labourSkill: {
    name: '劳动技能',
    values: ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力'],
    variants: variantsOf({
      普通劳动力: ['普通劳力', '普通劳动能力', '一般劳动力'],
      技能劳动力: ['技能劳力', '技能型劳动力', '技术劳动力'],
      弱劳动力或半劳动力: [
        '弱劳动力',
        '半劳动力',
        '弱劳力',
        '半劳力',
        '弱劳动力/半劳动力',
        '弱或半劳动力',
        '弱劳动力、半劳动力',
      ],
      丧失劳动力: ['丧失劳动能力', '丧失劳力', '已丧失劳动力'],
      无劳动力: ['无劳动能力', '无劳力', '非劳动力', '没有劳动力'],
    }),
  },
  workStatus: {
    name: '务工状况',
    values: ['乡（镇）内务工', '乡（镇）外县内务工', '县外省内务工', '省外务工', '境外务工', '未务工', '其他'],
    accepted: ['县内务工'],
    variants: variantsOf({
      '乡（镇）内务工': ['乡内务工', '镇内务工', '本乡镇务工'],
      '乡（镇）外县内务工': ['县内乡外务工', '县内乡镇外务工', '县内乡(镇)外务工'],
      县外省内务工: ['省内县外务工', '省内县外'],
      省外务工: ['省外', '外省务工'],
      境外务工: ['境外', '国外务工', '出国务工', '国外'],
      未务工: ['未外出务工', '无', '否', '不务工', '无务工', '没有务工', '在家务农', '务农'],
    }),
  },
  relation: {
    name: '与户主关系',
    values: RELATIONS,
    variants: {
      ...derived(RELATIONS, (v) => (v.startsWith('之') ? v.slice(1) : null)),
      ...variantsOf({
        户主: ['本人'],
        配偶: ['妻子', '妻', '丈夫', '夫', '爱人', '之妻', '之夫', '夫妻'],
        之子: ['儿子', '长子', '次子', '三子', '之长子', '之次子', '养子', '继子'],
        之女: ['女儿', '长女', '次女', '三女', '之长女', '之次女', '养女', '继女'],
        之儿媳: ['儿媳妇', '媳妇', '之媳'],
        之外孙子: ['外孙'],
        之父: ['父', '父亲', '之父亲', '爸爸'],
        之母: ['母', '母亲', '之母亲', '妈妈'],
        之祖父: ['爷爷'],
        之祖母: ['奶奶'],
        之外祖父: ['外公', '姥爷'],
        之外祖母: ['外婆', '姥姥'],
        之兄弟姐妹: [
          '兄',
          '弟',
          '姐',
          '妹',
          '哥哥',
          '弟弟',
          '姐姐',
          '妹妹',
          '兄弟',
          '姐妹',
          '之兄',
          '之弟',
          '之姐',
          '之妹',
        ],
        之曾孙子: ['曾孙'],
      }),
    },
  },
  ethnicity: {
    name: '民族',
    values: ETHNICITIES,
    variants: {
      ...derived(ETHNICITIES, (v) => v.slice(0, -1)),
      ...variantsOf({ 维吾尔族: ['维族'], 蒙古族: ['蒙族'], 德昂族: ['崩龙族'], 壮族: ['僮族'] }),
    },
    hint: '56 个民族的规范名称，如 汉族、蒙古族、回族、壮族',
  },
  sex: {
    name: '性别',
    values: ['男', '女'],
    variants: variantsOf({ 男: ['男性', 'm', 'male', '1'], 女: ['女性', 'f', 'female', '2'] }),
  },
  idType: {
    name: '证件类型',
    values: ['居民身份证', '残疾人证', '残疾军人证', '户口簿', '外国人永久居留身份证', '港澳台居民居住证', '其他'],
    variants: variantsOf({
      居民身份证: ['身份证', '二代身份证', '第二代居民身份证', '居民身份证号码', '身份证号'],
      残疾人证: ['中华人民共和国残疾人证', '残疾证', '第二代残疾人证', '残疾人证号'],
      残疾军人证: ['中国人民解放军残疾军人证', '残疾军人证件'],
      户口簿: ['户口本', '居民户口簿'],
      外国人永久居留身份证: ['外国人永久居留证', '外国人永久居留身份证件'],
      港澳台居民居住证: ['港澳居民居住证', '台湾居民居住证', '港澳台居住证'],
    }),
  },
  politicalStatus: {
    name: '政治面貌',
    values: ['中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众'],
    variants: variantsOf({
      中共党员: ['党员', '中国共产党党员', '共产党员'],
      中共预备党员: ['预备党员'],
      共青团员: ['团员', '中国共产主义青年团团员'],
    }),
  },
  dibao: {
    name: '享受低保政策情况',
    values: ['未享受', '农村低保', '城市低保'],
    variants: variantsOf({
      未享受: ['否', '无', '不享受', '未享受低保', '非低保', '没有', '未纳入'],
      农村低保: ['是', '享受', '低保', '低保户', '享受低保', '农村低保户', '农村最低生活保障'],
      城市低保: ['城市低保户', '城镇低保', '城市最低生活保障', '城镇最低生活保障'],
    }),
  },
  tekunPolicy: {
    name: '享受特困供养政策情况',
    values: ['农村特困', '城市特困', '不享受'],
    variants: variantsOf({
      农村特困: ['农村特困供养', '农村特困人员', '农村特困供养人员', '是'],
      城市特困: ['城市特困供养', '城市特困人员', '城镇特困', '城镇特困供养'],
      不享受: ['未享受', '否', '无', '不是', '非特困'],
    }),
  },
  disabledCare: {
    name: '是否失能/半失能',
    values: ['否', '半失能', '失能'],
    variants: variantsOf({
      否: ['无', '未失能', '正常', '不失能', '没有'],
      半失能: ['部分失能'],
      失能: ['完全失能', '全失能', '重度失能'],
    }),
  },
  childStatus: {
    name: '是否留守儿童/困境儿童',
    values: ['否', '留守儿童', '困境儿童'],
    variants: variantsOf({ 否: ['无', '不是', '没有'], 留守儿童: ['留守'], 困境儿童: ['困境'] }),
  },
  memberStatus: {
    name: '人员状态',
    values: ['在册', '死亡', '迁出', '其他'],
    variants: variantsOf({
      在册: ['正常', '在户', '在籍'],
      死亡: ['已死亡', '去世', '已故', '亡故', '死亡注销'],
      迁出: ['已迁出', '迁移', '户籍迁出', '外迁'],
    }),
  },
  alertSource: {
    name: '来源部门',
    values: ALERT_SOURCES,
    variants: {
      ...derived(ALERT_SOURCES, (v) => (v === '其他' ? null : [`${v}局`, `${v}部门`])),
      ...variantsOf({
        医保: ['医疗保障', '医疗保障局', '医疗保障部门'],
        残联: ['残疾人联合会'],
        住建: ['住房和城乡建设局', '住房城乡建设局', '住房和城乡建设', '住建委'],
        教育: ['教育和体育局', '教体局', '教育体育局', '教科局'],
        人社: ['人力资源和社会保障局', '人力资源社会保障局', '人力资源和社会保障'],
        应急: ['应急管理局', '应急管理'],
        水利: ['水务局', '水务'],
        卫健: ['卫生健康委员会', '卫生健康局', '卫健委', '卫生健康', '卫生和计划生育委员会'],
        公安: ['派出所'],
      }),
    },
    stripPlacePrefix: true,
  },
  alertStatus: {
    name: '预警状态',
    values: ['未交办', '已交办', '已核实'],
    variants: variantsOf({ 未交办: ['待交办'], 已交办: ['交办', '待核实'], 已核实: ['已核查', '核实完毕', '已反馈'] }),
  },
  visitResult: {
    name: '研判结果',
    values: ['建议纳入监测', '不纳入', '已是监测对象', '风险已稳定消除', '其他'],
    variants: variantsOf({
      建议纳入监测: ['纳入', '建议纳入', '纳入监测', '拟纳入监测', '拟纳入'],
      不纳入: ['不纳入监测', '不建议纳入', '暂不纳入', '无风险', '否'],
      已是监测对象: ['已纳入', '已纳入监测', '监测对象', '已是监测户'],
      风险已稳定消除: ['已消除', '风险已消除', '已稳定消除', '稳定消除'],
    }),
  },
  verifyResult: {
    name: '核实结果',
    values: ['属实', '不属实', '已纳入监测', '其他'],
    variants: variantsOf({
      属实: ['情况属实', '核实属实', '是'],
      不属实: ['不实', '情况不属实', '核实不属实', '否'],
      已纳入监测: ['已纳入', '已是监测对象', '纳入监测'],
    }),
  },
  reviewDecision: {
    name: '审核意见',
    values: ['通过', '不通过'],
    variants: variantsOf({
      通过: ['同意', '是', '批准', '审核通过', '审定通过', '√'],
      不通过: ['不同意', '否', '驳回', '退回', '未通过', '×'],
    }),
  },
};

export const VOCAB_NAMES = Object.keys(VOCABULARIES) as VocabName[];

// ---------------------------------------------------------------------------------------------
// Matching

/**
 * The comparison key of a value: half-width, no blanks or brackets, `其它` read as `其他`,
 * latin letters lower-case.
 */
export function vocabKey(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\u00a0\u200b-\u200d\ufeff]/g, '')
    .replace(/[()[\]【】〔〕]/g, '')
    .replace(/其它/g, '其他')
    .toLowerCase();
}

const indexes = new Map<VocabName, Map<string, string>>();

function indexOf(name: VocabName): Map<string, string> {
  let idx = indexes.get(name);
  if (idx) return idx;
  const v = vocabulary(name);
  idx = new Map();
  // variants first so that a value always wins over a variant with the same key
  for (const [variant, value] of Object.entries(v.variants)) idx.set(vocabKey(variant), value);
  for (const a of v.accepted ?? []) idx.set(vocabKey(a), a);
  for (const value of v.values) idx.set(vocabKey(value), value);
  indexes.set(name, idx);
  return idx;
}

function vocabulary(name: VocabName): Vocabulary {
  const v = VOCABULARIES[name];
  if (!v) throw new Error(`unknown vocabulary: ${String(name)}`);
  return v;
}

/** Vocabulary by its key (`labourSkill`) or Chinese name (`劳动技能`). */
export function findVocab(nameOrLabel: string): VocabName | undefined {
  const t = nameOrLabel.trim();
  if ((VOCAB_NAMES as string[]).includes(t)) return t as VocabName;
  const key = vocabKey(t);
  return VOCAB_NAMES.find((n) => vocabKey(VOCABULARIES[n].name) === key);
}

/** The national value (or the kept coarse value / extension) for a raw text; undefined if none. */
function lookup(name: VocabName, raw: string, extensions: readonly string[] | undefined): string | undefined {
  const key = vocabKey(raw);
  if (key === '') return undefined;
  for (const e of extensions ?? []) if (vocabKey(e) === key) return e;
  const idx = indexOf(name);
  const hit = idx.get(key);
  if (hit !== undefined) return hit;
  if (vocabulary(name).stripPlacePrefix) {
    const m = /^.*[省市县区旗盟州](.+)$/.exec(key);
    if (m) return lookup(name, m[1]!, extensions);
  }
  return undefined;
}

/** `「劳动技能」应为：普通劳动力、技能劳动力、…` (with the county's extensions, and a guess when there is one). */
export function allowedMessage(name: VocabName, raw?: string, extensions?: readonly string[]): string {
  const v = vocabulary(name);
  const all = [...v.values, ...(extensions ?? []).filter((e) => !v.values.includes(e))];
  let msg = v.hint && !extensions?.length ? `「${v.name}」应为${v.hint}` : `「${v.name}」应为：${all.join('、')}`;
  if (raw !== undefined) {
    const guess = guessValue(name, raw, all);
    if (guess) msg += `（是否为「${guess}」？）`;
  }
  return msg;
}

/** A single value that contains the raw text or is contained in it, if exactly one does. */
function guessValue(name: VocabName, raw: string, values: readonly string[]): string | undefined {
  const key = vocabKey(raw);
  if (key.length < 2) return undefined;
  const hits = new Set<string>();
  for (const value of values) {
    const k = vocabKey(value);
    if (k.includes(key) || key.includes(k)) hits.add(value);
  }
  for (const [variant, value] of Object.entries(vocabulary(name).variants)) {
    const k = vocabKey(variant);
    if (k.length >= 2 && (k.includes(key) || key.includes(k))) hits.add(value);
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}

export type VocabMatch = { ok: true; value: string } | { ok: false; message: string };

/**
 * Matches a cell against a vocabulary: national values, their common variants, coarse values
 * kept as written, and the county's `extensions`. Blanks, full-width characters, brackets and
 * latin case do not matter.
 */
export function matchVocab(name: VocabName, raw: string, extensions?: readonly string[]): VocabMatch {
  const value = lookup(name, String(raw ?? ''), extensions);
  if (value !== undefined) return { ok: true, value };
  return { ok: false, message: allowedMessage(name, String(raw ?? ''), extensions) };
}

/** Separators seen between several values in one cell: `残疾,长期慢性病`, `残疾、长期慢性病`. */
const MULTI_SEPARATORS = /[,，、;；/|+\s]+/;

/** Splits a stored or typed multi-value (`残疾,长期慢性病`) into its parts. */
export function splitMulti(raw: string | null | undefined): string[] {
  if (!raw) return [];
  return toHalfWidth(raw)
    .split(MULTI_SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Matches a cell that may hold several values (健康状况, 风险类型). The result joins the
 * national values with `,`, without duplicates, in the vocabulary's order (健康状况) or as
 * given (风险类型: the main risk first).
 */
export function matchVocabMulti(name: VocabName, raw: string, extensions?: readonly string[]): VocabMatch {
  const v = vocabulary(name);
  const parts = splitMulti(String(raw ?? ''));
  if (parts.length === 0) return { ok: false, message: allowedMessage(name, undefined, extensions) };
  // the whole text may itself be one value written with a separator inside
  const whole = lookup(name, String(raw), extensions);
  if (whole !== undefined) return { ok: true, value: whole };
  const found: string[] = [];
  const bad: string[] = [];
  for (const p of parts) {
    const value = lookup(name, p, extensions);
    if (value === undefined) bad.push(p);
    else if (!found.includes(value)) found.push(value);
  }
  if (bad.length > 0) {
    const what = bad.map((b) => `「${b}」`).join('');
    return {
      ok: false,
      message: `${what}不对，${allowedMessage(name, bad.length === 1 ? bad[0] : undefined, extensions)}（多项用「,」分隔）`,
    };
  }
  const max = v.multi?.max;
  if (max !== undefined && found.length > max) {
    return { ok: false, message: `「${v.name}」最多填 ${max} 项，实际为 ${found.length} 项` };
  }
  for (const alone of v.multi?.alone ?? []) {
    if (found.includes(alone) && found.length > 1) {
      return {
        ok: false,
        message: `「${v.name}」填了「${alone}」，就不能再填 ${found.filter((f) => f !== alone).join('、')}`,
      };
    }
  }
  if ((v.multi?.order ?? 'canonical') === 'canonical') {
    const rank = (x: string): number => {
      const i = v.values.indexOf(x);
      return i === -1 ? v.values.length : i;
    };
    found.sort((a, b) => rank(a) - rank(b));
  }
  return { ok: true, value: found.join(',') };
}

// ---------------------------------------------------------------------------------------------
// Readings the rules rely on (SPEC Appendix B)

function canonical(name: VocabName, raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  return lookup(name, raw, undefined);
}

/** 开发式 measure: 产业帮扶, 就业帮扶, 金融帮扶, 公益岗位帮扶 (variants accepted). */
export function isDevelopmental(category: string | null | undefined): boolean {
  const c = canonical('measureCategory', category);
  return c !== undefined && DEVELOPMENTAL_MEASURES.includes(c);
}

/** 劳动技能 values that mean the member has labour capacity. */
export const LABOUR_CAPABLE_SKILLS: readonly string[] = ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力'];

/** A member has labour capacity when 劳动技能 is 普通劳动力, 技能劳动力 or 弱劳动力或半劳动力. */
export function hasLabourCapacity(skill: string | null | undefined): boolean {
  const c = canonical('labourSkill', skill);
  return c !== undefined && LABOUR_CAPABLE_SKILLS.includes(c);
}

/** 重度 disability: grade 一级 or 二级. */
export function isSevereDisability(grade: string | null | undefined): boolean {
  const c = canonical('disabilityGrade', grade);
  return c === '一级' || c === '二级';
}

/** Whether a (possibly combined) 健康状况 includes a part, e.g. `hasHealth('残疾,长期慢性病', '残疾')`. */
export function hasHealth(
  health: string | null | undefined,
  part: '健康' | '长期慢性病' | '患有大病' | '残疾',
): boolean {
  return splitMulti(health).some((p) => canonical('health', p) === part);
}

export type SchoolStage =
  | '学龄前'
  | '学前教育'
  | '小学'
  | '初中'
  | '高中'
  | '中职'
  | '高职高专'
  | '本科'
  | '研究生'
  | '非在校生';

/** The stage of a 在校生状况 value (grades and coarse values alike); null when unknown or blank. */
export function schoolStage(status: string | null | undefined): SchoolStage | null {
  const c = canonical('schoolStatus', status);
  if (c === undefined) return null;
  if (c === '学龄前儿童') return '学龄前';
  if (c === '学前教育') return '学前教育';
  if (c.startsWith('小学')) return '小学';
  if (c === '初中' || c === '七年级' || c === '八年级' || c === '九年级') return '初中';
  if (c.startsWith('普通高中') || c === '高中') return '高中';
  if (c.startsWith('中职')) return '中职';
  if (c === '高职高专') return '高职高专';
  if (c === '本科') return '本科';
  if (c === '硕士研究生及以上') return '研究生';
  if (c === '非在校生') return '非在校生';
  return null;
}

/** In school: any stage from 学前教育 up (not 学龄前儿童, not 非在校生). */
export function isInSchool(status: string | null | undefined): boolean {
  const s = schoolStage(status);
  return s !== null && s !== '学龄前' && s !== '非在校生';
}
