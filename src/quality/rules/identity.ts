import {
  birthFromId,
  checkIdNumber,
  DISABILITY_CARD_GRADES,
  DISABILITY_CARD_TYPES,
  sexFromId,
} from '../../domain/id-number.js';
import { hasHealth } from '../../domain/vocab.js';
import { householdRule, memberRule, names, who } from '../define.js';
import type { HouseholdRule, QMember } from '../types.js';

/** Family A 身份与证件 and family B 家庭结构. */

const FAR_FUTURE = new Date(Date.UTC(9999, 0, 1));
/** 证件类型 whose number is (or starts with) a 居民身份证号码. */
const ID_BASED = new Set(['居民身份证', '残疾人证', '户口簿']);
const idBased = (m: QMember): boolean => m.idType === null || ID_BASED.has(m.idType);
/** The check of a member's number, once per member (three rules read it). */
const idChecks = new WeakMap<QMember, ReturnType<typeof checkIdNumber>>();
function idCheck(m: QMember): ReturnType<typeof checkIdNumber> {
  let r = idChecks.get(m);
  if (!r) {
    r = checkIdNumber(m.idNo, FAR_FUTURE);
    idChecks.set(m, r);
  }
  return r;
}
const validId = (m: QMember): boolean => idCheck(m).ok;

export const Q01 = memberRule({
  id: 'Q01',
  name: '证件号码不是有效的身份证号',
  family: 'A',
  severity: '错误',
  reads: ['证件号码', '证件类型'],
  reading:
    '证件类型为居民身份证、残疾人证、户口簿或为空的成员，证件号码（残疾人证为前 18 位）不是 18 位、省级代码或出生日期无效，或校验位（GB 11643）不对',
  test(m) {
    if (!idBased(m)) return null;
    const r = idCheck(m);
    return r.ok ? null : `${m.name} 证件号码 ${m.idNo}（${m.idType ?? '证件类型为空'}）：${r.message}`;
  },
});

export const Q02 = memberRule({
  id: 'Q02',
  name: '性别与身份证号不符',
  family: 'A',
  severity: '错误',
  reads: ['证件号码', '性别'],
  reading: '身份证号有效的成员，性别与号码第 17 位（奇数男、偶数女）不符',
  test(m) {
    if (!idBased(m) || !validId(m) || m.sex === null) return null;
    const s = sexFromId(m.idNo);
    return s && s !== m.sex ? `${m.name} 性别为「${m.sex}」，身份证号 ${m.idNo} 第 17 位表示${s}` : null;
  },
});

export const Q03 = memberRule({
  id: 'Q03',
  name: '出生日期与身份证号不符',
  family: 'A',
  severity: '错误',
  reads: ['证件号码', '出生日期'],
  reading: '身份证号有效的成员，出生日期与号码第 7–14 位不符',
  test(m) {
    if (!idBased(m) || !validId(m) || m.birth === null) return null;
    const b = birthFromId(m.idNo);
    return b && b !== m.birth ? `${m.name} 出生日期为 ${m.birth}，身份证号 ${m.idNo} 中为 ${b}` : null;
  },
});

export const Q04 = memberRule({
  id: 'Q04',
  name: '健康状况为残疾但证件类型不是残疾人证',
  family: 'A',
  severity: '疑点',
  reads: ['健康状况', '证件类型'],
  reading: '健康状况含“残疾”的成员，证件类型不是残疾人证（持证残疾人应登记残疾人证号）',
  test(m) {
    if (!hasHealth(m.health, '残疾') || m.idType === '残疾人证') return null;
    return `${m.name} 健康状况为「${m.health}」，证件类型为「${m.idType ?? '空'}」`;
  },
});

export const Q05 = memberRule({
  id: 'Q05',
  name: '持残疾人证或填了残疾类别、等级，但健康状况不含残疾',
  family: 'A',
  severity: '错误',
  reads: ['证件类型', '残疾类别', '残疾等级', '健康状况'],
  reading: '证件类型为残疾人证，或填了残疾类别或残疾等级的成员，健康状况不含“残疾”',
  test(m) {
    if (hasHealth(m.health, '残疾')) return null;
    const why: string[] = [];
    if (m.idType === '残疾人证') why.push('证件类型为残疾人证');
    if (m.disabilityType) why.push(`残疾类别为「${m.disabilityType}」`);
    if (m.disabilityGrade) why.push(`残疾等级为「${m.disabilityGrade}」`);
    return why.length ? `${m.name} ${why.join('、')}，但健康状况为「${m.health ?? '空'}」` : null;
  },
});

export const Q06 = memberRule({
  id: 'Q06',
  name: '残疾人证号的类别、等级位与登记的不符',
  family: 'A',
  severity: '错误',
  reads: ['证件号码（残疾人证号）', '残疾类别', '残疾等级'],
  reading:
    '残疾人证号（20 或 22 位）第 19 位的残疾类别（1 视力 2 听力 3 言语 4 肢体 5 智力 6 精神 7 多重）或第 20 位的等级（1–4）与登记的残疾类别、残疾等级不同',
  test(m) {
    const card = m.cardNo;
    if (!card || card.length < 20) return null;
    const t = DISABILITY_CARD_TYPES[card[18]!];
    const g = DISABILITY_CARD_GRADES[card[19]!];
    const bad: string[] = [];
    if (t && m.disabilityType && t !== m.disabilityType) bad.push(`类别位表示${t}，登记为${m.disabilityType}`);
    if (g && m.disabilityGrade && g !== m.disabilityGrade) bad.push(`等级位表示${g}，登记为${m.disabilityGrade}`);
    return bad.length ? `${m.name} 残疾人证号 ${card}：${bad.join('；')}` : null;
  },
});

export const Q07 = memberRule({
  id: 'Q07',
  name: '健康状况为残疾但未填残疾类别或等级',
  family: 'A',
  severity: '疑点',
  reads: ['健康状况', '残疾类别', '残疾等级'],
  reading:
    '证件类型为残疾人证、健康状况含“残疾”的成员，残疾类别或残疾等级为空（残疾人证号中也读不出；不是残疾人证的见 Q04）',
  test(m) {
    if (!hasHealth(m.health, '残疾') || m.idType !== '残疾人证') return null;
    const miss = [m.disabilityType ? '' : '残疾类别', m.disabilityGrade ? '' : '残疾等级'].filter(Boolean);
    return miss.length ? `${m.name} 健康状况为「${m.health}」，${miss.join('、')}为空` : null;
  },
});

// ---------------------------------------------------------------------------------------------
// B 家庭结构

const heads = (ms: readonly QMember[]) => ms.filter((m) => m.relation === '户主');

export const Q08 = householdRule({
  id: 'Q08',
  name: '户内没有户主',
  family: 'B',
  severity: '错误',
  reads: ['与户主关系'],
  reading: '有在册成员的户，没有与户主关系为“户主”的成员',
  test(h) {
    if (h.members.length === 0 || heads(h.members).length > 0) return null;
    return `在册成员 ${h.members.length} 人（${names(h.members)}）中没有户主`;
  },
});

export const Q09 = householdRule({
  id: 'Q09',
  name: '户内有多个户主',
  family: 'B',
  severity: '错误',
  reads: ['与户主关系'],
  reading: '与户主关系为“户主”的在册成员多于 1 人',
  test(h) {
    const hs = heads(h.members);
    return hs.length > 1 ? `有 ${hs.length} 名成员的与户主关系为户主：${names(hs)}` : null;
  },
});

export const Q10 = householdRule({
  id: 'Q10',
  name: '户主与配偶性别相同',
  family: 'B',
  severity: '错误',
  reads: ['与户主关系', '性别'],
  reading: '唯一的户主与与户主关系为“配偶”的成员性别相同（性别都填了时）',
  test(h) {
    const hs = heads(h.members);
    if (hs.length !== 1 || !hs[0]!.sex) return null;
    const head = hs[0]!;
    const same = h.members.filter((m) => m.relation === '配偶' && m.sex === head.sex);
    return same.length ? `户主 ${head.name}（${head.sex}）与配偶 ${names(same)} 性别都为${head.sex}` : null;
  },
});

const MALE = ['之子', '之女婿', '之孙子', '之外孙子', '之父', '之岳父', '之公公', '之祖父', '之外祖父', '之曾孙子'];
const FEMALE = ['之女', '之儿媳', '之孙女', '之外孙女', '之母', '之岳母', '之婆婆', '之祖母', '之外祖母', '之曾孙女'];

export const Q11 = memberRule({
  id: 'Q11',
  name: '与户主关系与性别不符',
  family: 'B',
  severity: '错误',
  reads: ['与户主关系', '性别'],
  reading: `与户主关系为 ${MALE.join('、')} 的成员性别应为男，为 ${FEMALE.join('、')} 的应为女（全国系统的取值）`,
  test(m) {
    if (m.sex === null) return null;
    if (m.sex === '女' && MALE.includes(m.relation)) return `${m.name} 与户主关系为「${m.relation}」，性别为女`;
    if (m.sex === '男' && FEMALE.includes(m.relation)) return `${m.name} 与户主关系为「${m.relation}」，性别为男`;
    return null;
  },
});

export const Q12 = householdRule({
  id: 'Q12',
  name: '家庭人口数与在册成员数不符',
  family: 'B',
  severity: '错误',
  reads: ['家庭人口数（户信息、收入）', '人员状态'],
  reading: '户信息的家庭人口数与在册成员人数不同，或最近一个收入年度的家庭人口数与该年底前出生的在册成员人数不同',
  test(h) {
    const n = h.members.length;
    const bad: string[] = [];
    if (h.sizeDeclared !== null && h.sizeDeclared !== n) bad.push(`户信息的家庭人口数为 ${h.sizeDeclared}`);
    const s = h.income?.size ?? null;
    if (s !== null) {
      // members born after the income year were not in the household then
      const end = `${h.income!.year}-12-31`;
      const then = h.members.filter((m) => m.birth === null || m.birth <= end).length;
      if (s !== then) bad.push(`${h.income!.year} 年收入的家庭人口数为 ${s}（当年在册 ${then} 人）`);
    }
    return bad.length ? `${bad.join('，')}，在册成员为 ${n} 人` : null;
  },
});

export const Q13 = householdRule({
  id: 'Q13',
  name: '户主证件号码、姓名与户内户主不符',
  family: 'B',
  severity: '错误',
  reads: ['户主证件号码', '户主姓名', '与户主关系'],
  reading: '户信息填了户主证件号码或户主姓名，但与唯一的在册户主的证件号码或姓名不同',
  test(h) {
    const hs = heads(h.members);
    if (hs.length !== 1) return null;
    const head = hs[0]!;
    const bad: string[] = [];
    if (h.headIdNo && h.headIdNo !== head.idNo) bad.push(`户主证件号码为 ${h.headIdNo}`);
    if (h.headName && h.headName !== head.name) bad.push(`户主姓名为「${h.headName}」`);
    return bad.length ? `户信息的${bad.join('、')}，户内户主为 ${head.name}（${head.idNo}）` : null;
  },
});

export const Q14 = householdRule({
  id: 'Q14',
  name: '同一人登记在两户',
  family: 'B',
  severity: '错误',
  reads: ['户主证件号码', '证件号码', '人编号'],
  reading: '本户的户主证件号码是另一户的在册成员，或本户成员的人编号在另一户也有',
  test(h, c) {
    const bad: string[] = [];
    const other = c.headElsewhere.get(h.hhNo);
    if (other) bad.push(`户主证件号码 ${h.headIdNo} 是户 ${other} 的在册成员`);
    for (const m of h.members) {
      const hhs = m.personNo ? c.sharedPersonNo.get(m.personNo) : undefined;
      if (hhs) bad.push(`${m.name} 的人编号 ${m.personNo} 也登记在户 ${hhs.filter((x) => x !== h.hhNo).join('、')}`);
    }
    return bad.length ? bad.join('；') : null;
  },
});

export const Q15 = householdRule({
  id: 'Q15',
  name: '户内有多个配偶',
  family: 'B',
  severity: '错误',
  reads: ['与户主关系'],
  reading: '与户主关系为“配偶”的在册成员多于 1 人',
  test(h) {
    const s = h.members.filter((m) => m.relation === '配偶');
    return s.length > 1 ? `有 ${s.length} 名配偶：${names(s)}` : null;
  },
});

const CHILDREN = ['之子', '之女', '之儿媳', '之女婿'];
const PARENTS = ['之父', '之母', '之岳父', '之岳母', '之公公', '之婆婆'];

export const Q16 = memberRule({
  id: 'Q16',
  name: '辈分与年龄倒挂',
  family: 'B',
  severity: '疑点',
  reads: ['与户主关系', '出生日期'],
  thresholds: { 父母至少年长: 15 },
  reading:
    '子女辈（之子、之女、之儿媳、之女婿）不比户主年轻，或父母辈（之父、之母、之岳父、之岳母、之公公、之婆婆）比户主年长不到 15 岁',
  test(m, h) {
    const hs = heads(h.members);
    if (hs.length !== 1 || m.age === null || hs[0]!.age === null) return null;
    const head = hs[0]!;
    if (CHILDREN.includes(m.relation) && m.age >= head.age!) return `${who(m)} 为${m.relation}，户主 ${who(head)}`;
    if (PARENTS.includes(m.relation) && m.age - head.age! < 15)
      return `${who(m)} 为${m.relation}，只比户主 ${who(head)} 大 ${m.age - head.age!} 岁`;
    return null;
  },
});

export const IDENTITY_RULES: readonly HouseholdRule[] = [
  Q01,
  Q02,
  Q03,
  Q04,
  Q05,
  Q06,
  Q07,
  Q08,
  Q09,
  Q10,
  Q11,
  Q12,
  Q13,
  Q14,
  Q15,
  Q16,
];
