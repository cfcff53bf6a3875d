import { monthsBetween } from '../../domain/colour.js';
import {
  capable,
  fullLabour,
  hasMeasure,
  hasRisk,
  householdRule,
  inSchool,
  isDisabled,
  isIll,
  isMonitored,
  isUnresolved,
  measureCount,
  month,
  risksText,
} from '../define.js';
import type { HouseholdRule, QHousehold } from '../types.js';

/**
 * Family E1 风险类型与帮扶措施 and E2 风险类型与家庭实际. Risk types are the household's 致贫返贫风险1–5
 * (all five, not only the first); measures are every one registered for the household (any
 * member), started on or before the as-of date.
 */

function riskMeasure(
  id: string,
  risk: string,
  categories: readonly string[],
  severity: '错误' | '疑点' = '错误',
): HouseholdRule {
  const list = categories.join('、');
  return householdRule({
    id,
    name: `风险类型为${risk}但未登记${categories.join('或')}`,
    family: 'E1',
    severity,
    reads: ['监测对象类别', '致贫返贫风险1–5', `帮扶措施（${list}）`],
    reading: `监测对象的致贫返贫风险1–5 含“${risk}”，但没有${list}中任何一类帮扶措施`,
    test(h) {
      if (!isMonitored(h) || !hasRisk(h, risk) || hasMeasure(h, ...categories)) return null;
      return `风险类型为${risksText(h)}，未登记${list}中任何一类措施（已登记 ${measureCount(h)} 项措施）`;
    },
  });
}

export const Q46 = riskMeasure('Q46', '因病', ['健康帮扶', '社会帮扶']);
export const Q47 = riskMeasure('Q47', '因学', ['义务教育保障', '教育帮扶', '社会帮扶']);
export const Q48 = riskMeasure('Q48', '因残', ['综合保障', '社会帮扶']);
export const Q49 = riskMeasure('Q49', '因安全住房', ['住房安全保障', '搬迁']);
export const Q50 = riskMeasure('Q50', '因安全饮水', ['饮水安全保障']);
export const Q51 = riskMeasure('Q51', '因务工就业不稳', ['就业帮扶', '公益岗位帮扶'], '疑点');
export const Q52 = riskMeasure('Q52', '因产业项目失败', ['产业帮扶', '金融帮扶'], '疑点');

function flagMeasure(
  id: string,
  flagName: string,
  get: (h: QHousehold) => boolean | null,
  categories: readonly string[],
): HouseholdRule {
  const list = categories.join('、');
  return householdRule({
    id,
    name: `${flagName}但未登记${categories.join('或')}`,
    family: 'E1',
    severity: '错误',
    reads: ['监测对象类别', flagName, `帮扶措施（${list}）`],
    reading: `风险未消除的监测对象「${flagName}」为是，但没有${list}中任何一类帮扶措施`,
    test(h) {
      if (!isUnresolved(h) || get(h) !== true || hasMeasure(h, ...categories)) return null;
      return `「${flagName}」为是，未登记${list}中任何一类措施`;
    },
  });
}

export const Q53 = flagMeasure('Q53', '是否义务教育阶段适龄儿童少年失学辍学', (h) => h.schoolDropout, ['义务教育保障']);
export const Q54 = flagMeasure('Q54', '是否有家庭成员未参加城乡居民(职工)基本医疗保险', (h) => h.uninsured, [
  '健康帮扶',
  '社会帮扶',
]);
export const Q55 = flagMeasure('Q55', '是否住房出现安全问题', (h) => h.housingUnsafe, ['住房安全保障', '搬迁']);
export const Q56 = flagMeasure('Q56', '是否饮水出现安全问题', (h) => h.waterUnsafe, ['饮水安全保障']);

// ---------------------------------------------------------------------------------------------
// E2 风险类型与家庭实际

export const Q57 = householdRule({
  id: 'Q57',
  name: '监测对象未填致贫返贫风险',
  family: 'E2',
  severity: '错误',
  reads: ['监测对象类别', '致贫返贫风险1–5'],
  reading: '有监测对象类别的户，致贫返贫风险1–5 都为空',
  test(h) {
    return isMonitored(h) && h.risks.length === 0 ? `监测对象类别为${h.monCategory}，致贫返贫风险都为空` : null;
  },
});

export const Q58 = householdRule({
  id: 'Q58',
  name: '风险类型为因残但家中无残疾人',
  family: 'E2',
  severity: '错误',
  reads: ['致贫返贫风险1–5', '健康状况', '证件类型', '残疾类别', '残疾等级'],
  reading: '风险类型含“因残”的监测对象，没有在册成员健康状况含残疾、持残疾人证或填了残疾类别/等级',
  test(h) {
    if (!isMonitored(h) || !hasRisk(h, '因残') || h.members.some(isDisabled)) return null;
    return `风险类型为${risksText(h)}，在册 ${h.members.length} 人中没有残疾人`;
  },
});

export const Q59 = householdRule({
  id: 'Q59',
  name: '风险类型为因病但家中无大病、慢性病人员',
  family: 'E2',
  severity: '错误',
  reads: ['致贫返贫风险1–5', '风险是否已消除', '健康状况'],
  reading: '风险未消除、风险类型含“因病”的监测对象，没有在册成员健康状况含患有大病或长期慢性病',
  test(h) {
    if (!isUnresolved(h) || !hasRisk(h, '因病') || h.members.some(isIll)) return null;
    const hs = [...new Set(h.members.map((m) => m.health ?? '空'))].join('、');
    return `风险类型为${risksText(h)}，在册成员健康状况为 ${hs}，没有患大病或长期慢性病的`;
  },
});

export const Q60 = householdRule({
  id: 'Q60',
  name: '风险类型为缺劳动力但有劳动力的成员超过四分之一',
  family: 'E2',
  severity: '错误',
  reads: ['致贫返贫风险1–5', '风险是否已消除', '劳动技能'],
  thresholds: { 劳动力占比上限: '1/4' },
  reading:
    '风险未消除、风险类型含“缺劳动力”的监测对象，劳动技能为普通劳动力或技能劳动力的在册成员超过在册人数的四分之一',
  test(h) {
    if (!isUnresolved(h) || !hasRisk(h, '缺劳动力') || h.members.length === 0) return null;
    const able = h.members.filter(fullLabour);
    if (able.length * 4 <= h.members.length) return null;
    return `风险类型为${risksText(h)}，在册 ${h.members.length} 人中 ${able.length} 人为普通或技能劳动力（${able.map((m) => m.name).join('、')}）`;
  },
});

export const Q61 = householdRule({
  id: 'Q61',
  name: '风险类型为因务工就业不稳但家中无务工人员',
  family: 'E2',
  severity: '疑点',
  reads: ['致贫返贫风险1–5', '风险是否已消除', '已外出务工信息', '务工状况', '务工时间（月）'],
  reading:
    '风险未消除、风险类型含“因务工就业不稳”的监测对象，没有在册成员登记务工：无已外出务工信息、务工状况为空或未务工、务工时间（月）为空或 0',
  test(h) {
    if (!isUnresolved(h) || !hasRisk(h, '因务工就业不稳')) return null;
    const worker = h.members.some(
      (m) => m.work.length > 0 || (m.workStatus !== null && m.workStatus !== '未务工') || (m.workMonths ?? 0) > 0,
    );
    return worker ? null : `风险类型为${risksText(h)}，在册成员都未登记务工`;
  },
});

export const Q62 = householdRule({
  id: 'Q62',
  name: '风险类型为因务工就业不稳但全户无劳动能力',
  family: 'E2',
  severity: '错误',
  reads: ['致贫返贫风险1–5', '劳动技能'],
  reading:
    '风险类型含“因务工就业不稳”的监测对象，在册成员都没有劳动能力（劳动技能都不是普通、技能、弱或半劳动力，且都已填）',
  test(h) {
    if (!isMonitored(h) || !hasRisk(h, '因务工就业不稳') || h.members.length === 0) return null;
    if (h.members.some((m) => m.labour === null || capable(m))) return null;
    return `风险类型为${risksText(h)}，在册 ${h.members.length} 人都没有劳动能力`;
  },
});

export const Q63 = householdRule({
  id: 'Q63',
  name: '风险类型为因学但家中无在校生或适龄儿童',
  family: 'E2',
  severity: '疑点',
  reads: ['致贫返贫风险1–5', '风险是否已消除', '在校生状况', '出生日期'],
  reading: '风险未消除、风险类型含“因学”的监测对象，没有在校（学前教育至研究生）的在册成员，也没有 6–15 岁的成员',
  test(h) {
    if (!isUnresolved(h) || !hasRisk(h, '因学')) return null;
    const any = h.members.some((m) => inSchool(m) || (m.age !== null && m.age >= 6 && m.age < 16));
    return any ? null : `风险类型为${risksText(h)}，在册成员中没有在校生或义务教育适龄儿童`;
  },
});

export const Q64 = householdRule({
  id: 'Q64',
  name: '风险类型为因自然灾害但未填自然灾害子项',
  family: 'E2',
  severity: '错误',
  reads: ['致贫返贫风险1–5', '因自然灾害子项'],
  reading: '风险类型含“因自然灾害”的监测对象，因自然灾害子项为空',
  test(h) {
    return isMonitored(h) && hasRisk(h, '因自然灾害') && !h.disasterSub
      ? `风险类型为${risksText(h)}，因自然灾害子项为空`
      : null;
  },
});

export const Q65 = householdRule({
  id: 'Q65',
  name: '饮水出现安全问题但风险类型无因安全饮水',
  family: 'E2',
  severity: '疑点',
  reads: ['是否饮水出现安全问题', '致贫返贫风险1–5'],
  reading: '风险未消除的监测对象「是否饮水出现安全问题」为是，但致贫返贫风险1–5 都不是“因安全饮水”',
  test(h) {
    return isUnresolved(h) && h.waterUnsafe === true && !hasRisk(h, '因安全饮水')
      ? `饮水出现安全问题，风险类型为${risksText(h)}`
      : null;
  },
});

export const Q66 = householdRule({
  id: 'Q66',
  name: '住房出现安全问题但风险类型无因安全住房',
  family: 'E2',
  severity: '疑点',
  reads: ['是否住房出现安全问题', '是否危房户', '致贫返贫风险1–5'],
  reading: '风险未消除的监测对象「是否住房出现安全问题」或「是否危房户」为是，但致贫返贫风险1–5 都不是“因安全住房”',
  test(h) {
    if (!isUnresolved(h) || (h.housingUnsafe !== true && h.dangerousHouse !== true) || hasRisk(h, '因安全住房'))
      return null;
    return `${h.housingUnsafe ? '住房出现安全问题' : '为危房户'}，风险类型为${risksText(h)}`;
  },
});

export const Q67 = householdRule({
  id: 'Q67',
  name: '识别监测超过 1 个月仍未登记帮扶措施',
  family: 'E3',
  severity: '错误',
  reads: ['识别监测时间', '风险是否已消除', '帮扶措施'],
  thresholds: { 月数: 1 },
  reading: '风险未消除的监测对象，识别监测时间到检查日超过 1 个月，没有登记任何帮扶措施',
  test(h, c) {
    if (!isUnresolved(h) || !h.identified || measureCount(h) > 0) return null;
    const n = monthsBetween(h.identified, c.asOf);
    return n > 1 ? `${month(h.identified)}识别监测，已 ${n} 个月，未登记任何帮扶措施` : null;
  },
});

export const RISK_RULES: readonly HouseholdRule[] = [
  Q46,
  Q47,
  Q48,
  Q49,
  Q50,
  Q51,
  Q52,
  Q53,
  Q54,
  Q55,
  Q56,
  Q57,
  Q58,
  Q59,
  Q60,
  Q61,
  Q62,
  Q63,
  Q64,
  Q65,
  Q66,
  Q67,
];
