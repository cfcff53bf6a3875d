import { splitMulti } from '../../domain/vocab.js';
import { householdRule, inSchool, isMonitored, memberRule, who } from '../define.js';
import type { HouseholdRule, QHousehold, QMember } from '../types.js';

/**
 * Families I1 必填项为空, I2 三保障、饮水与参保, I3 土地、住房、道路数值 and I4 公益性岗位.
 * A county's custom export holds the columns it ticked: a completeness rule judges a field only
 * when the register holds it for at least one record (QualityContext.collected), so a column the
 * county never exported does not report every household.
 */

function blankRule(
  id: string,
  label: string,
  column: string,
  get: (m: QMember) => unknown,
  severity: '错误' | '疑点' = '错误',
): HouseholdRule {
  return memberRule({
    id,
    name: `${label}为空`,
    family: 'I1',
    severity,
    reads: [label],
    reading: `在册成员的${label}为空（登记库中有人填了${label}时才检查）`,
    when: (_h, c) => c.collected.has(column),
    test: (m) => (get(m) === null || get(m) === '' ? `${m.name} ${label}为空` : null),
  });
}

export const Q109 = blankRule('Q109', '民族', 'members.ethnicity', (m) => m.ethnicity);
export const Q110 = blankRule('Q110', '健康状况', 'members.health', (m) => m.health);
export const Q111 = blankRule('Q111', '劳动技能', 'members.labour_skill', (m) => m.labour);

export const Q112 = memberRule({
  id: 'Q112',
  name: '文化程度、在校生状况、未上学原因同时为空',
  family: 'I1',
  severity: '错误',
  reads: ['文化程度', '在校生状况', '义务教育阶段未上学原因', '出生日期'],
  thresholds: { 最小年龄: 3 },
  reading:
    '年满 3 周岁（或未填出生日期）、不是义务教育适龄的在册成员，文化程度、在校生状况和义务教育阶段未上学原因都为空（义务教育适龄儿童见 Q33）',
  test(m) {
    if (m.age !== null && m.age < 3) return null;
    if (m.age !== null && m.schoolYearAge !== null && m.schoolYearAge >= 6 && m.age < 16) return null;
    return !m.education && !m.school && !m.outOfSchoolReason
      ? `${who(m)}，文化程度、在校生状况、未上学原因都为空`
      : null;
  },
});

export const Q113 = memberRule({
  id: 'Q113',
  name: '性别或出生日期为空',
  family: 'I1',
  severity: '错误',
  reads: ['性别', '出生日期'],
  reading: '在册成员的性别或出生日期为空',
  test(m) {
    const miss = [m.sex ? '' : '性别', m.birth ? '' : '出生日期'].filter(Boolean);
    return miss.length ? `${m.name} ${miss.join('、')}为空` : null;
  },
});

export const Q114 = memberRule({
  id: 'Q114',
  name: '基本医疗保险参保情况为空',
  family: 'I1',
  severity: '错误',
  reads: ['是否参加城乡居民基本医疗保险', '是否参加城镇职工基本医疗保险'],
  reading: '在册成员的是否参加城乡居民基本医疗保险和是否参加城镇职工基本医疗保险都为空（登记库中有人填了时才检查）',
  when: (_h, c) => c.collected.has('members.medical_insured'),
  test: (m) => (m.medical === null && m.staffMedical === null ? `${m.name} 两种基本医疗保险的参保情况都为空` : null),
});

export const Q115 = memberRule({
  id: 'Q115',
  name: '基本养老保险参保情况为空',
  family: 'I1',
  severity: '疑点',
  reads: ['是否参加城乡居民基本养老保险', '是否参加城镇职工基本养老保险', '出生日期', '在校生状况'],
  thresholds: { 最小年龄: 16 },
  reading:
    '年满 16 周岁、不在校的在册成员，是否参加城乡居民基本养老保险和是否参加城镇职工基本养老保险都为空（登记库中有人填了时才检查）',
  when: (_h, c) => c.collected.has('members.pension_insured'),
  test(m) {
    if (m.age === null || m.age < 16 || inSchool(m)) return null;
    return m.pension === null && m.staffPension === null ? `${who(m)}，两种基本养老保险的参保情况都为空` : null;
  },
});

export const Q116 = householdRule({
  id: 'Q116',
  name: '监测对象未填识别监测时间',
  family: 'I1',
  severity: '错误',
  reads: ['监测对象类别', '识别监测时间'],
  reading: '有监测对象类别的户，识别监测时间为空',
  test: (h) => (isMonitored(h) && !h.identified ? `监测对象类别为${h.monCategory}，识别监测时间为空` : null),
});

const HOUSEHOLD_REQUIRED: readonly [string, string, (h: QHousehold) => unknown][] = [
  ['是否危房户', 'households.dangerous_house', (h) => h.dangerousHouse],
  ['住房面积', 'households.housing_area', (h) => h.housingArea],
  ['耕地面积', 'households.arable_land', (h) => h.land.arable],
  ['林地面积', 'households.forest_land', (h) => h.land.forest],
  ['是否通生活用电', 'households.electricity', (h) => h.electricity],
  ['入户道路是否硬化', 'households.road_hardened', (h) => h.roadHardened],
  ['与村主干路距离', 'households.road_distance', (h) => h.land.road],
];

export const Q117 = householdRule({
  id: 'Q117',
  name: '脱贫户或监测对象的户级必填项为空',
  family: 'I1',
  severity: '错误',
  reads: HOUSEHOLD_REQUIRED.map((x) => x[0]),
  reading: `脱贫户和监测对象的 ${HOUSEHOLD_REQUIRED.map((x) => x[0]).join('、')} 中有空项（只查登记库中有人填了的项）`,
  test(h, c) {
    if (h.type !== '脱贫户' && !isMonitored(h)) return null;
    const miss = HOUSEHOLD_REQUIRED.filter(([, col, get]) => c.collected.has(col) && get(h) === null).map((x) => x[0]);
    return miss.length ? `${h.type === '脱贫户' ? '脱贫户' : '监测对象'}的${miss.join('、')}为空` : null;
  },
});

const BASIC_NEEDS: readonly [string, string, (h: QHousehold) => boolean | null][] = [
  ['是否住房出现安全问题', 'households.housing_unsafe', (h) => h.housingUnsafe],
  ['是否义务教育阶段适龄儿童少年失学辍学', 'households.school_dropout', (h) => h.schoolDropout],
  ['是否饮水出现安全问题', 'households.water_unsafe', (h) => h.waterUnsafe],
  ['是否有家庭成员未参加城乡居民(职工)基本医疗保险', 'households.uninsured', (h) => h.uninsured],
];

export const Q118 = householdRule({
  id: 'Q118',
  name: '监测对象三保障和饮水状况未填',
  family: 'I1',
  severity: '错误',
  reads: BASIC_NEEDS.map((x) => x[0]),
  reading: '监测对象的三保障和饮水安全四项（住房、义务教育、饮水、医保）中有空项（只查登记库中有人填了的项）',
  test(h, c) {
    if (!isMonitored(h)) return null;
    const miss = BASIC_NEEDS.filter(([, col, get]) => c.collected.has(col) && get(h) === null).map((x) => x[0]);
    return miss.length ? `${miss.map((x) => `「${x}」`).join('')}为空` : null;
  },
});

// ---------------------------------------------------------------------------------------------
// I2 三保障、饮水与参保

export const Q119 = householdRule({
  id: 'Q119',
  name: '有成员未参加基本医疗保险但户信息为否',
  family: 'I2',
  severity: '错误',
  reads: [
    '是否参加城乡居民基本医疗保险',
    '是否参加城镇职工基本医疗保险',
    '是否有家庭成员未参加城乡居民(职工)基本医疗保险',
  ],
  reading: '有在册成员两种基本医疗保险都为否，而户信息「是否有家庭成员未参加城乡居民(职工)基本医疗保险」为否',
  test(h) {
    if (h.uninsured !== false) return null;
    const ms = h.members.filter((m) => m.medical === false && m.staffMedical !== true);
    return ms.length ? `${ms.map((m) => m.name).join('、')}未参加基本医疗保险，户信息为“无成员未参保”` : null;
  },
});

export const Q120 = memberRule({
  id: 'Q120',
  name: '同时参加城乡居民和城镇职工基本医疗保险',
  family: 'I2',
  severity: '错误',
  reads: ['是否参加城乡居民基本医疗保险', '是否参加城镇职工基本医疗保险'],
  reading: '在册成员的是否参加城乡居民基本医疗保险和是否参加城镇职工基本医疗保险都为是（重复参保）',
  test: (m) =>
    m.medical === true && m.staffMedical === true ? `${m.name} 同时参加了城乡居民和城镇职工基本医疗保险` : null,
});

export const Q121 = memberRule({
  id: 'Q121',
  name: '参加城乡居民医保但未参加大病保险',
  family: 'I2',
  severity: '疑点',
  reads: ['是否参加城乡居民基本医疗保险', '是否参加大病保险'],
  reading: '参加了城乡居民基本医疗保险的在册成员，是否参加大病保险为否（参加居民医保即同时参加大病保险）',
  test: (m) =>
    m.medical === true && m.illness === false ? `${m.name} 参加城乡居民基本医疗保险，是否参加大病保险为否` : null,
});

export const Q122 = householdRule({
  id: 'Q122',
  name: '三保障或饮水有问题但未纳入监测',
  family: 'I2',
  severity: '疑点',
  reads: [
    '监测对象类别',
    '是否危房户',
    '是否住房出现安全问题',
    '是否义务教育阶段适龄儿童少年失学辍学',
    '是否饮水出现安全问题',
  ],
  reading: '不是监测对象的户，是否危房户、住房出现安全问题、适龄儿童少年失学辍学或饮水出现安全问题为是',
  test(h) {
    if (isMonitored(h)) return null;
    const p: string[] = [];
    if (h.dangerousHouse || h.housingUnsafe) p.push(h.dangerousHouse ? '为危房户' : '住房出现安全问题');
    if (h.schoolDropout) p.push('有适龄儿童少年失学辍学');
    if (h.waterUnsafe) p.push('饮水出现安全问题');
    return p.length ? `${h.type}${p.join('、')}，未纳入监测` : null;
  },
});

export const Q123 = householdRule({
  id: 'Q123',
  name: '未通生活用电',
  family: 'I2',
  severity: '疑点',
  reads: ['是否通生活用电'],
  reading: '有在册成员的户，是否通生活用电为否',
  test: (h) => (h.electricity === false && h.members.length > 0 ? '未通生活用电' : null),
});

export const Q124 = householdRule({
  id: 'Q124',
  name: '是否危房户为是但住房出现安全问题为否',
  family: 'I2',
  severity: '错误',
  reads: ['是否危房户', '是否住房出现安全问题'],
  reading: '是否危房户为是，而是否住房出现安全问题为否（两项矛盾）',
  test: (h) => (h.dangerousHouse === true && h.housingUnsafe === false ? '为危房户，但“住房出现安全问题”填了否' : null),
});

// ---------------------------------------------------------------------------------------------
// I3 土地、住房、道路数值

function rangeRule(
  id: string,
  label: string,
  unit: string,
  max: number,
  get: (h: QHousehold) => number | null,
  min = 0,
): HouseholdRule {
  return householdRule({
    id,
    name: `${label}小于 ${min} 或大于 ${max} ${unit}`,
    family: 'I3',
    severity: '疑点',
    reads: [label],
    thresholds: { 下限: min, 上限: max },
    reading: `${label}已填，且小于 ${min} ${unit}或大于 ${max} ${unit}`,
    test(h) {
      const v = get(h);
      return v !== null && (v < min || v > max) ? `${label} ${v} ${unit}` : null;
    },
  });
}

export const Q125 = rangeRule('Q125', '耕地面积', '亩', 100, (h) => h.land.arable);
export const Q126 = rangeRule('Q126', '林地面积', '亩', 200, (h) => h.land.forest);
export const Q127 = rangeRule('Q127', '退耕还林面积', '亩', 200, (h) => h.land.returned);
export const Q128 = rangeRule('Q128', '林果面积', '亩', 200, (h) => h.land.orchard);
export const Q129 = rangeRule('Q129', '牧草地面积', '亩', 100, (h) => h.land.grass);
export const Q130 = rangeRule('Q130', '水面面积', '亩', 100, (h) => h.land.water);
export const Q131 = rangeRule('Q131', '与村主干路距离', '公里', 5, (h) => h.land.road);
export const Q132 = rangeRule('Q132', '住房面积', '平方米', 1000, (h) => h.housingArea, 10);

// ---------------------------------------------------------------------------------------------
// I4 公益性岗位

export const Q133 = memberRule({
  id: 'Q133',
  name: '登记了公益性岗位但月数为空或 0',
  family: 'I4',
  severity: '错误',
  reads: ['公益性岗位', '公益性岗位(月数)'],
  reading: '公益性岗位有值的成员，公益性岗位(月数)为空或 0',
  test: (m) =>
    m.publicPost && !m.publicPostMonths
      ? `${m.name} 公益性岗位为「${m.publicPost}」，月数为${m.publicPostMonths ?? '空'}`
      : null,
});

export const Q134 = memberRule({
  id: 'Q134',
  name: '填了公益性岗位月数但未填岗位',
  family: 'I4',
  severity: '错误',
  reads: ['公益性岗位', '公益性岗位(月数)'],
  reading: '公益性岗位(月数)大于 0 的成员，公益性岗位为空',
  test: (m) =>
    !m.publicPost && (m.publicPostMonths ?? 0) > 0
      ? `${m.name} 公益性岗位(月数)为 ${m.publicPostMonths}，岗位为空`
      : null,
});

export const Q135 = memberRule({
  id: 'Q135',
  name: '登记 3 种及以上公益性岗位',
  family: 'I4',
  severity: '疑点',
  reads: ['公益性岗位'],
  thresholds: { 种数: 3 },
  reading: '一名成员的公益性岗位中不同的岗位有 3 种或以上（以逗号、顿号等分隔）',
  test(m) {
    const kinds = [...new Set(splitMulti(m.publicPost))];
    return kinds.length >= 3 ? `${m.name} 登记了 ${kinds.length} 种公益性岗位：${kinds.join('、')}` : null;
  },
});

export const OTHER_RULES: readonly HouseholdRule[] = [
  Q109,
  Q110,
  Q111,
  Q112,
  Q113,
  Q114,
  Q115,
  Q116,
  Q117,
  Q118,
  Q119,
  Q120,
  Q121,
  Q122,
  Q123,
  Q124,
  Q125,
  Q126,
  Q127,
  Q128,
  Q129,
  Q130,
  Q131,
  Q132,
  Q133,
  Q134,
  Q135,
];
