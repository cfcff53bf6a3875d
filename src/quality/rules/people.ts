import { type SchoolStage, splitMulti } from '../../domain/vocab.js';
import { inSchool, isHealthy, memberRule, noLabour, onTekun, who } from '../define.js';
import type { HouseholdRule, QMember } from '../types.js';

/**
 * Family D 年龄与在校、劳动、健康. Ages are whole years on the as-of date; the compulsory-school
 * age is read on 1 September of the school year the as-of date falls in (a child who turned 6 by
 * then is due at school). Stages come from the national 在校生状况 values (小学一年级 … 硕士研究生及以上)
 * and their coarse variants alike (schoolStage in src/domain/vocab.ts).
 */

/** Age bands of the school stages: a member outside the band is worth a look. */
export const STAGE_AGES = {
  小学: [6, 14],
  初中: [12, 17],
  高中: [15, 20],
  中职: [15, 20],
} as const;

/** A member at one of `stages` whose age is below `lo` or above `hi` (either bound optional). */
function ageBandRule(meta: {
  id: string;
  name: string;
  severity: '错误' | '疑点';
  stages: readonly SchoolStage[];
  label: string;
  lo?: number;
  hi?: number;
}): HouseholdRule {
  const { lo, hi, stages, label } = meta;
  const thresholds: Record<string, number> = {};
  if (lo !== undefined) thresholds.最小年龄 = lo;
  if (hi !== undefined) thresholds.最大年龄 = hi;
  const bounds = [lo !== undefined ? `年龄小于 ${lo} 岁` : '', hi !== undefined ? `大于 ${hi} 岁` : ''].filter(Boolean);
  return memberRule({
    id: meta.id,
    name: meta.name,
    family: 'D',
    severity: meta.severity,
    reads: ['在校生状况', '出生日期'],
    thresholds,
    reading: `在校生状况为${label}的成员，${bounds.join('或')}`,
    test(m) {
      if (m.stage === null || !stages.includes(m.stage) || m.age === null) return null;
      if ((lo === undefined || m.age >= lo) && (hi === undefined || m.age <= hi)) return null;
      return `${who(m)}，在校生状况为「${m.school}」`;
    },
  });
}

const stageRule = (id: string, stage: keyof typeof STAGE_AGES, label: string): HouseholdRule =>
  ageBandRule({
    id,
    name: `在校生状况为${label}但年龄不在 ${STAGE_AGES[stage][0]}–${STAGE_AGES[stage][1]} 岁`,
    severity: '疑点',
    stages: [stage],
    label,
    lo: STAGE_AGES[stage][0],
    hi: STAGE_AGES[stage][1],
  });

export const Q26 = ageBandRule({
  id: 'Q26',
  name: '7 岁及以上仍为学龄前儿童或学前教育',
  severity: '错误',
  stages: ['学龄前', '学前教育'],
  label: '学龄前儿童或学前教育',
  hi: 6,
});
export const Q27 = stageRule('Q27', '小学', '小学');
export const Q28 = stageRule('Q28', '初中', '七至九年级（初中）');
export const Q29 = stageRule('Q29', '高中', '普通高中');
export const Q30 = stageRule('Q30', '中职', '中职');
export const Q31 = ageBandRule({
  id: 'Q31',
  name: '高职高专、本科在校生不满 17 岁',
  severity: '疑点',
  stages: ['高职高专', '本科'],
  label: '高职高专或本科',
  lo: 17,
});
export const Q32 = ageBandRule({
  id: 'Q32',
  name: '硕士研究生在校生不满 20 岁',
  severity: '疑点',
  stages: ['研究生'],
  label: '硕士研究生及以上',
  lo: 20,
});

/** Completed compulsory education: 文化程度 初中 or above. */
const finishedCompulsory = (m: QMember): boolean =>
  m.education !== null && ['初中', '高中', '中专', '大专及以上', '大专', '本科及以上'].includes(m.education);

export const Q33 = memberRule({
  id: 'Q33',
  name: '义务教育适龄儿童不在校且未填未上学原因',
  family: 'D',
  severity: '错误',
  reads: ['出生日期', '在校生状况', '义务教育阶段未上学原因', '文化程度'],
  thresholds: { 入学年龄: 6, 离校年龄: 16 },
  reading:
    '本学年 9 月 1 日已满 6 周岁、检查日未满 16 周岁、文化程度不是初中及以上的成员，在校生状况不是在校（为空、学龄前儿童或非在校生），且义务教育阶段未上学原因为空',
  test(m) {
    if (m.age === null || m.schoolYearAge === null || m.schoolYearAge < 6 || m.age >= 16) return null;
    if (inSchool(m) || m.outOfSchoolReason || finishedCompulsory(m)) return null;
    return `${who(m)}，在校生状况为${m.school ? `「${m.school}」` : '空'}且未填义务教育阶段未上学原因`;
  },
});

const workingAge = (m: QMember): boolean => m.age !== null && m.age >= 16 && m.age < 60;
const healthyAdult = (m: QMember): boolean => workingAge(m) && isHealthy(m) && !inSchool(m);

export const Q34 = memberRule({
  id: 'Q34',
  name: '16–59 岁健康非在校生为无劳动力或丧失劳动力',
  family: 'D',
  severity: '错误',
  reads: ['出生日期', '健康状况', '在校生状况', '劳动技能'],
  thresholds: { 最小年龄: 16, 最大年龄: 59 },
  reading: '年满 16 周岁、未满 60 周岁、健康状况为健康、不在校的成员，劳动技能为无劳动力或丧失劳动力',
  test(m) {
    return healthyAdult(m) && noLabour(m) ? `${who(m)}，健康、不在校，劳动技能为「${m.labour}」` : null;
  },
});

export const Q35 = memberRule({
  id: 'Q35',
  name: '16–59 岁健康非在校生为弱劳动力或半劳动力',
  family: 'D',
  severity: '疑点',
  reads: ['出生日期', '健康状况', '在校生状况', '劳动技能'],
  thresholds: { 最小年龄: 16, 最大年龄: 59 },
  reading: '年满 16 周岁、未满 60 周岁、健康状况为健康、不在校的成员，劳动技能为弱劳动力或半劳动力',
  test(m) {
    return healthyAdult(m) && m.labour === '弱劳动力或半劳动力'
      ? `${who(m)}，健康、不在校，劳动技能为「${m.labour}」`
      : null;
  },
});

export const Q36 = memberRule({
  id: 'Q36',
  name: '16 岁以下或在校生有劳动技能',
  family: 'D',
  severity: '错误',
  reads: ['出生日期', '在校生状况', '劳动技能'],
  thresholds: { 年龄: 16 },
  reading: '未满 16 周岁或在校（学前教育至研究生）的成员，劳动技能填了无劳动力以外的值',
  test(m) {
    if (m.labour === null || m.labour === '无劳动力') return null;
    const young = m.age !== null && m.age < 16;
    if (!young && !inSchool(m)) return null;
    return `${who(m)}${inSchool(m) ? `，在校生状况为「${m.school}」` : ''}，劳动技能为「${m.labour}」`;
  },
});

export const Q37 = memberRule({
  id: 'Q37',
  name: '60 岁及以上为普通劳动力或技能劳动力',
  family: 'D',
  severity: '疑点',
  reads: ['出生日期', '劳动技能'],
  thresholds: { 年龄: 60 },
  reading: '年满 60 周岁的成员，劳动技能为普通劳动力或技能劳动力',
  test(m) {
    return m.age !== null && m.age >= 60 && (m.labour === '普通劳动力' || m.labour === '技能劳动力')
      ? `${who(m)}，劳动技能为「${m.labour}」`
      : null;
  },
});

export const Q38 = memberRule({
  id: 'Q38',
  name: '18–59 岁健康非在校生享受特困供养',
  family: 'D',
  severity: '疑点',
  reads: ['享受特困供养政策情况', '出生日期', '健康状况', '在校生状况'],
  thresholds: { 最小年龄: 18, 最大年龄: 59 },
  reading: '享受特困供养、年满 18 周岁未满 60 周岁、健康、不在校的成员（特困供养对象应为无劳动能力等情形）',
  test(m) {
    if (!onTekun(m) || m.age === null || m.age < 18 || m.age >= 60 || !isHealthy(m) || inSchool(m)) return null;
    return `${who(m)}，健康、不在校，享受特困供养`;
  },
});

/** 一级/二级 肢体残疾, from the registered category and grade or the 残疾人证号's digits. */
const severeLimb = (m: QMember): boolean => {
  const card = m.cardNo && m.cardNo.length >= 20 ? m.cardNo : null;
  if (card && card[18] === '4' && (card[19] === '1' || card[19] === '2')) return true;
  return m.disabilityType === '肢体残疾' && (m.disabilityGrade === '一级' || m.disabilityGrade === '二级');
};

export const Q39 = memberRule({
  id: 'Q39',
  name: '一、二级肢体残疾为普通劳动力或技能劳动力',
  family: 'D',
  severity: '疑点',
  reads: ['残疾类别', '残疾等级', '证件号码（残疾人证号）', '劳动技能'],
  reading:
    '残疾类别为肢体残疾且等级为一级或二级（或残疾人证号第 19–20 位为 41、42）的成员，劳动技能为普通劳动力或技能劳动力',
  test(m) {
    return severeLimb(m) && (m.labour === '普通劳动力' || m.labour === '技能劳动力')
      ? `${m.name} ${m.disabilityGrade ?? ''}${m.disabilityType ?? '肢体残疾'}，劳动技能为「${m.labour}」`
      : null;
  },
});

export const Q40 = memberRule({
  id: 'Q40',
  name: '在校生同时填了文化程度',
  family: 'D',
  severity: '疑点',
  reads: ['在校生状况', '文化程度'],
  reading: '在校生状况为在校（学前教育至研究生）的成员同时填了文化程度（全国系统中两者只填其一）',
  test(m) {
    return inSchool(m) && m.education ? `${m.name} 在校生状况为「${m.school}」，文化程度为「${m.education}」` : null;
  },
});

export const Q41 = memberRule({
  id: 'Q41',
  name: '16–22 岁文化程度为小学及以下',
  family: 'D',
  severity: '疑点',
  reads: ['出生日期', '文化程度'],
  thresholds: { 最小年龄: 16, 最大年龄: 22 },
  reading: '年满 16 周岁、不满 23 周岁的成员，文化程度为文盲或半文盲或小学',
  test(m) {
    if (m.age === null || m.age < 16 || m.age > 22) return null;
    return m.education === '小学' || m.education === '文盲或半文盲' ? `${who(m)}，文化程度为「${m.education}」` : null;
  },
});

export const Q42 = memberRule({
  id: 'Q42',
  name: '不满 18 岁文化程度为大专及以上',
  family: 'D',
  severity: '疑点',
  reads: ['出生日期', '文化程度'],
  thresholds: { 年龄: 18 },
  reading: '未满 18 周岁的成员，文化程度为大专及以上',
  test(m) {
    const higher = m.education === '大专及以上' || m.education === '大专' || m.education === '本科及以上';
    return higher && m.age !== null && m.age < 18 ? `${who(m)}，文化程度为「${m.education}」` : null;
  },
});

export const Q43 = memberRule({
  id: 'Q43',
  name: '未上学原因为因病或因残但健康状况为健康',
  family: 'D',
  severity: '错误',
  reads: ['义务教育阶段未上学原因', '健康状况'],
  reading: '义务教育阶段未上学原因含“病”或“残”的成员，健康状况为健康',
  test(m) {
    const r = m.outOfSchoolReason;
    if (!r || !/[病残]/.test(r) || !isHealthy(m)) return null;
    return `${m.name} 义务教育阶段未上学原因为「${r}」，健康状况为「${m.health}」`;
  },
});

const posts = (m: QMember): string[] => splitMulti(m.publicPost);
const hasPost = (m: QMember): boolean => posts(m).length > 0 || m.channel === '公益性岗位';

export const Q44 = memberRule({
  id: 'Q44',
  name: '16 岁以下或 70 岁及以上登记公益性岗位',
  family: 'D',
  severity: '疑点',
  reads: ['出生日期', '公益性岗位', '就业渠道'],
  thresholds: { 最小年龄: 16, 最大年龄: 69 },
  reading: '未满 16 周岁或年满 70 周岁的成员，公益性岗位有值或就业渠道为公益性岗位',
  test(m) {
    if (m.age === null || (m.age >= 16 && m.age < 70) || !hasPost(m)) return null;
    return `${who(m)}，登记了公益性岗位${m.publicPost ? `「${m.publicPost}」` : ''}`;
  },
});

export const Q45 = memberRule({
  id: 'Q45',
  name: '无劳动力或丧失劳动力登记公益性岗位',
  family: 'D',
  severity: '错误',
  reads: ['劳动技能', '公益性岗位', '就业渠道'],
  reading: '劳动技能为无劳动力或丧失劳动力（全国系统取值）的成员，公益性岗位有值或就业渠道为公益性岗位',
  test(m) {
    return noLabour(m) && hasPost(m)
      ? `${m.name} 劳动技能为「${m.labour}」，登记了公益性岗位${m.publicPost ? `「${m.publicPost}」` : ''}`
      : null;
  },
});

export const PEOPLE_RULES: readonly HouseholdRule[] = [
  Q26,
  Q27,
  Q28,
  Q29,
  Q30,
  Q31,
  Q32,
  Q33,
  Q34,
  Q35,
  Q36,
  Q37,
  Q38,
  Q39,
  Q40,
  Q41,
  Q42,
  Q43,
  Q44,
  Q45,
];
