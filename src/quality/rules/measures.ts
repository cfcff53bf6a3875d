import { DEVELOPMENTAL_MEASURES } from '../../domain/vocab.js';
import {
  capable,
  hasMeasure,
  householdRule,
  isDisabled,
  isMonitored,
  isSevere,
  isUnresolved,
  measureMentions,
  measuresOf,
  names,
  onDibao,
  onTekun,
  settled,
} from '../define.js';
import type { HouseholdRule, QHousehold, QMember } from '../types.js';

/**
 * Family E3 帮扶措施与劳动力、享受政策. Benefits are judged per household, once: a 低保 measure
 * needs some member on 低保, not every member (the reference checker compares person by person
 * and reports every other member).
 */

const WELFARE = ['综合保障', '社会帮扶', '其他'];
const DEV = DEVELOPMENTAL_MEASURES as readonly string[];

function benefitWithoutMember(
  id: string,
  benefit: string,
  words: readonly string[],
  memberTest: (m: QMember) => boolean,
  who: string,
): HouseholdRule {
  return householdRule({
    id,
    name: `登记了${benefit}措施但家中无${who}`,
    family: 'E3',
    severity: '错误',
    reads: ['帮扶措施（综合保障、社会帮扶）', who === '残疾人' ? '健康状况、证件类型' : `享受${benefit}政策情况`],
    reading: `监测对象的综合保障、社会帮扶或其他措施中有含“${words.join('”或“')}”的措施，但没有在册成员为${who}`,
    test(h) {
      if (!isMonitored(h)) return null;
      const m = measureMentions(h, WELFARE, words);
      if (m === null || h.members.some(memberTest)) return null;
      return `登记了「${m}」，在册成员中没有${who}`;
    },
  });
}

export const Q68 = benefitWithoutMember('Q68', '低保', ['低保', '最低生活保障'], onDibao, '低保对象');
export const Q69 = benefitWithoutMember('Q69', '特困供养', ['特困'], onTekun, '特困供养人员');
export const Q70 = benefitWithoutMember('Q70', '残疾人补贴', ['残疾人'], isDisabled, '残疾人');

function memberWithoutBenefit(
  id: string,
  benefit: string,
  words: readonly string[],
  memberTest: (m: QMember) => boolean,
  who: string,
  severity: '错误' | '疑点',
): HouseholdRule {
  return householdRule({
    id,
    name: `有${who}但帮扶措施未登记${benefit}`,
    family: 'E3',
    severity,
    reads: ['风险是否已消除', who.includes('残疾') ? '残疾等级' : `享受${benefit}政策情况`, '帮扶措施（综合保障）'],
    reading: `风险未消除、识别监测超过 1 个月的监测对象有在册成员为${who}，但综合保障、社会帮扶和其他措施中没有含“${words.join('”或“')}”的措施`,
    test(h, c) {
      if (!isUnresolved(h) || !settled(h, c)) return null;
      const ms = h.members.filter(memberTest);
      if (ms.length === 0 || measureMentions(h, WELFARE, words) !== null) return null;
      return `${names(ms)}为${who}，综合保障措施为${measuresOf(h, '综合保障').join('、') || '空'}`;
    },
  });
}

export const Q71 = memberWithoutBenefit('Q71', '低保', ['低保', '最低生活保障'], onDibao, '低保对象', '错误');
export const Q72 = memberWithoutBenefit('Q72', '特困供养', ['特困'], onTekun, '特困供养人员', '错误');
export const Q73 = memberWithoutBenefit('Q73', '残疾人补贴', ['残疾人'], isSevere, '一、二级残疾人', '疑点');

const labourMembers = (h: QHousehold): QMember[] => h.members.filter(capable);
/** Every member's 劳动技能 is filled in and none has labour capacity. */
const wholeNoLabour = (h: QHousehold): boolean =>
  h.members.length > 0 && h.members.every((m) => m.labour !== null && !capable(m));

export const Q74 = householdRule({
  id: 'Q74',
  name: '有劳动能力但只享受综合保障（一兜了之）',
  family: 'E3',
  severity: '疑点',
  reads: ['风险是否已消除', '劳动技能', '帮扶措施'],
  reading: '风险未消除、有劳动能力成员（普通、技能、弱或半劳动力）的监测对象，登记的帮扶措施只有综合保障一类',
  test(h) {
    if (!isUnresolved(h) || h.measures.size !== 1 || !hasMeasure(h, '综合保障')) return null;
    const ls = labourMembers(h);
    return ls.length
      ? `有劳动能力成员 ${names(ls)}，帮扶措施只有综合保障（${measuresOf(h, '综合保障').join('、')}）`
      : null;
  },
});

export const Q75 = householdRule({
  id: 'Q75',
  name: '有劳动能力但未落实开发式帮扶',
  family: 'E3',
  severity: '疑点',
  reads: ['风险是否已消除', '劳动技能', '帮扶措施', '实施开发式帮扶措施情况'],
  reading:
    '风险未消除、识别监测超过 1 个月、有劳动能力成员的监测对象，没有产业、就业、金融、公益岗位帮扶中任何一类措施，且实施开发式帮扶措施情况不是已实施',
  test(h, c) {
    if (!isUnresolved(h) || !settled(h, c) || hasMeasure(h, ...DEV) || h.devStatus === '已实施') return null;
    const ls = labourMembers(h);
    return ls.length
      ? `有劳动能力成员 ${names(ls)}，未登记开发式帮扶措施，实施开发式帮扶措施情况为${h.devStatus ?? '空'}`
      : null;
  },
});

export const Q76 = householdRule({
  id: 'Q76',
  name: '登记了开发式帮扶措施但实施情况为尚未实施或空',
  family: 'E3',
  severity: '错误',
  reads: ['帮扶措施（产业、就业、金融、公益岗位帮扶）', '实施开发式帮扶措施情况'],
  reading: '风险未消除的监测对象登记了开发式帮扶措施，但实施开发式帮扶措施情况为尚未实施或为空',
  test(h, c) {
    if (!isUnresolved(h) || h.devStatus === '已实施' || !c.collected.has('households.dev_measure_status')) return null;
    const m = measuresOf(h, ...DEV);
    return m.length ? `登记了${m.join('、')}，实施开发式帮扶措施情况为${h.devStatus ?? '空'}` : null;
  },
});

export const Q77 = householdRule({
  id: 'Q77',
  name: '实施开发式帮扶措施情况为已实施但未登记开发式措施',
  family: 'E3',
  severity: '错误',
  reads: ['实施开发式帮扶措施情况', '帮扶措施（产业、就业、金融、公益岗位帮扶）'],
  reading: '监测对象的实施开发式帮扶措施情况为已实施，但没有产业、就业、金融、公益岗位帮扶中任何一类措施',
  test(h) {
    return isMonitored(h) && h.devStatus === '已实施' && !hasMeasure(h, ...DEV)
      ? '实施开发式帮扶措施情况为已实施，未登记开发式帮扶措施'
      : null;
  },
});

export const Q78 = householdRule({
  id: 'Q78',
  name: '整户无劳动能力但未标为兜底保障户',
  family: 'E3',
  severity: '疑点',
  reads: ['风险是否已消除', '劳动技能', '是否整户无劳动能力兜底保障户'],
  reading: '风险未消除的监测对象，在册成员劳动技能都已填且都没有劳动能力，整户无劳动能力兜底保障户不是“是”',
  test(h) {
    if (!isUnresolved(h) || !wholeNoLabour(h) || h.wholeNoLabour === true) return null;
    return `在册 ${h.members.length} 人都没有劳动能力，整户无劳动能力兜底保障户为${h.wholeNoLabour === false ? '否' : '空'}`;
  },
});

export const Q79 = householdRule({
  id: 'Q79',
  name: '标为整户无劳动能力兜底保障户但有成员有劳动能力',
  family: 'E3',
  severity: '错误',
  reads: ['是否整户无劳动能力兜底保障户', '劳动技能'],
  reading: '整户无劳动能力兜底保障户为“是”，但有在册成员劳动技能为普通、技能、弱或半劳动力',
  test(h) {
    if (h.wholeNoLabour !== true) return null;
    const ls = labourMembers(h);
    return ls.length
      ? `标为整户无劳动能力兜底保障户，${ls.map((m) => `${m.name}（${m.labour}）`).join('、')}有劳动能力`
      : null;
  },
});

export const Q80 = householdRule({
  id: 'Q80',
  name: '监测对象整户无劳动能力但无人享受低保或特困供养',
  family: 'E3',
  severity: '疑点',
  reads: ['劳动技能', '享受低保政策情况', '享受特困供养政策情况'],
  reading: '风险未消除的监测对象，在册成员都没有劳动能力（劳动技能都已填），且没有成员享受低保或特困供养',
  test(h) {
    if (!isUnresolved(h) || !wholeNoLabour(h) || h.members.some((m) => onDibao(m) || onTekun(m))) return null;
    return `在册 ${h.members.length} 人都没有劳动能力，无人享受低保或特困供养`;
  },
});

export const MEASURE_RULES: readonly HouseholdRule[] = [
  Q68,
  Q69,
  Q70,
  Q71,
  Q72,
  Q73,
  Q74,
  Q75,
  Q76,
  Q77,
  Q78,
  Q79,
  Q80,
];
