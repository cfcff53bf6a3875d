import { householdRule, inSchool, isWorking, memberRule, month, noLabour, onTekun, who, yuan } from '../define.js';
import type { HouseholdRule, QMember, QualityContext, QWork } from '../types.js';

/** Family G 电话与重复 and family H 务工监测 (已外出务工信息, 计划外出务工信息). */

/** An 11-digit mainland mobile number. */
export const MOBILE = /^1[3-9]\d{9}$/;
/** A mobile, or a landline with area code (0351-1234567, 03511234567). */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const Q92 = householdRule({
  id: 'Q92',
  name: '户联系电话为空或格式不对',
  family: 'G',
  severity: '疑点',
  reads: ['户联系电话'],
  reading:
    '户联系电话为空，或既不是 11 位手机号（1 开头，第 2 位 3–9）也不是带区号的固定电话（登记库中填有户联系电话时才检查空值）',
  test(h, c) {
    if (!h.phone) return c.collected.has('households.phone') && h.members.length > 0 ? '户联系电话为空' : null;
    return PHONE.test(h.phone) ? null : `户联系电话「${h.phone}」不是有效的手机号或固定电话`;
  },
});

export const Q93 = householdRule({
  id: 'Q93',
  name: '监测联系人电话不是 11 位手机号',
  family: 'G',
  severity: '错误',
  reads: ['监测联系人电话'],
  reading: '监测联系人电话已填，但不是 11 位手机号（1 开头，第 2 位 3–9）',
  test(h) {
    return h.contactPhone && !MOBILE.test(h.contactPhone)
      ? `监测联系人 ${h.contactPerson ?? ''} 的电话「${h.contactPhone}」不是 11 位手机号`
      : null;
  },
});

/** Worked or works away: a 务工 period, or a 务工所在地. */
const worker = (m: QMember): boolean => m.work.length > 0 || Boolean(m.workPlace);

export const Q94 = memberRule({
  id: 'Q94',
  name: '务工人员联系电话不是 11 位手机号',
  family: 'G',
  severity: '疑点',
  reads: ['已外出务工信息', '务工所在地', '家庭成员联系电话'],
  reading: '有已外出务工信息或填了务工所在地的成员，家庭成员联系电话为空或不是 11 位手机号（务工监测靠电话联系）',
  test(m) {
    if (!worker(m) || (m.phone && MOBILE.test(m.phone))) return null;
    return `${m.name} 外出务工，家庭成员联系电话${m.phone ? `「${m.phone}」不是 11 位手机号` : '为空'}`;
  },
});

export const Q95 = householdRule({
  id: 'Q95',
  name: '不同户登记了同一个电话',
  family: 'G',
  severity: '疑点',
  reads: ['户联系电话', '家庭成员联系电话'],
  reading:
    '本户的户联系电话或某成员的家庭成员联系电话也是另一户的户联系电话或成员电话（监测联系人电话不算：一名干部联系多户是正常的）',
  test(h, c) {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const p of [h.phone, ...h.members.map((m) => m.phone)]) {
      if (!p || seen.has(p)) continue;
      seen.add(p);
      const hhs = c.sharedPhones.get(p);
      if (hhs) out.push(`电话 ${p} 也登记在户 ${hhs.filter((x) => x !== h.hhNo).join('、')}`);
    }
    return out.length ? out.join('；') : null;
  },
});

export const Q96 = householdRule({
  id: 'Q96',
  name: '同户务工人员务工地不同但电话相同',
  family: 'G',
  severity: '错误',
  reads: ['家庭成员联系电话', '务工所在县'],
  reading: '同一户的两名成员登记了同一个家庭成员联系电话，而他们当前的务工所在县不同',
  test(h, c) {
    const byPhone = new Map<string, { m: QMember; county: string }[]>();
    for (const m of h.members) {
      const w = current(m, c);
      if (!m.phone || !w?.county) continue;
      const list = byPhone.get(m.phone) ?? [];
      list.push({ m, county: w.county });
      byPhone.set(m.phone, list);
    }
    for (const [p, list] of byPhone) {
      if (new Set(list.map((x) => x.county)).size > 1)
        return `电话 ${p} 同时是 ${list.map((x) => `${x.m.name}（在${x.county}务工）`).join('、')}的`;
    }
    return null;
  },
});

// ---------------------------------------------------------------------------------------------
// H 务工监测

/** The latest period not ended before the as-of month. */
function current(m: QMember, c: QualityContext): QWork | undefined {
  const now = c.asOf.slice(0, 7);
  let best: QWork | undefined;
  for (const w of m.work) {
    if (w.working === false || (w.end !== null && w.end < now)) continue;
    if (!best || w.start > best.start) best = w;
  }
  return best;
}

const period = (w: QWork): string => `${month(w.start)}起${w.end ? `至${month(w.end)}` : ''}`;

export const Q97 = memberRule({
  id: 'Q97',
  name: '务工月收入高于 30000 元或低于 100 元',
  family: 'H',
  severity: '疑点',
  reads: ['务工月收入'],
  thresholds: { 上限元: 30000, 下限元: 100 },
  reading: '已外出务工信息的务工月收入已填，且高于 30000 元或低于 100 元',
  test(m) {
    const bad = m.work.filter((w) => w.monthlyWage !== null && (w.monthlyWage > 30000 || w.monthlyWage < 100));
    return bad.length
      ? `${m.name} ${bad.map((w) => `${period(w)}务工月收入 ${yuan(w.monthlyWage)}`).join('；')}`
      : null;
  },
});

/** Down to the county: ends with 县, 区, 市 (incl. cities without counties), 旗 or 州; or work abroad. */
const COUNTY_LEVEL = /(县|区|市|旗|州|特区|林区)$|^(境外|国外)/;

export const Q98 = memberRule({
  id: 'Q98',
  name: '务工所在县未填到县级',
  family: 'H',
  severity: '疑点',
  reads: ['务工所在县'],
  reading:
    '当前务工（结束时间为空或不早于检查月）的已外出务工信息，务工所在县为空，或不以县、区、市、旗、州结尾（如只填了省或乡镇；境外务工以“境外”开头）',
  test(m, _h, c) {
    const w = current(m, c);
    if (!w || (w.county && COUNTY_LEVEL.test(w.county))) return null;
    return `${m.name} ${period(w)}务工，务工所在县为${w.county ? `「${w.county}」` : '空'}`;
  },
});

export const Q99 = memberRule({
  id: 'Q99',
  name: '当前务工未填月收入、企业、行业或就业渠道',
  family: 'H',
  severity: '疑点',
  reads: ['务工月收入', '务工企业名称', '所属行业', '就业渠道'],
  reading: '当前务工的已外出务工信息，务工月收入、务工企业名称、所属行业、就业渠道中有空项',
  test(m, _h, c) {
    const w = current(m, c);
    if (!w) return null;
    const miss: string[] = [];
    if (w.monthlyWage === null) miss.push('务工月收入');
    if (!w.company) miss.push('务工企业名称');
    if (!w.industry) miss.push('所属行业');
    if (!w.channel) miss.push('就业渠道');
    return miss.length ? `${m.name} ${period(w)}务工，${miss.join('、')}为空` : null;
  },
});

export const Q100 = memberRule({
  id: 'Q100',
  name: '务工时段重叠',
  family: 'H',
  severity: '错误',
  reads: ['开始时间', '结束时间'],
  reading: '同一人的两段已外出务工信息，后一段的开始时间早于前一段的结束时间（前一段未结束也算）',
  test(m) {
    const ws = m.work.filter((w) => w.start).sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < ws.length; i++) {
      const prev = ws[i - 1]!;
      if (prev.end === null || ws[i]!.start < prev.end)
        return `${m.name} ${period(prev)}的务工与${month(ws[i]!.start)}开始的务工重叠`;
    }
    return null;
  },
});

export const Q101 = memberRule({
  id: 'Q101',
  name: '务工结束时间早于开始时间或开始时间为空',
  family: 'H',
  severity: '错误',
  reads: ['开始时间', '结束时间'],
  reading: '已外出务工信息的开始时间为空，或结束时间早于开始时间',
  test(m) {
    const w = m.work.find((x) => !x.start || (x.end !== null && x.end < x.start));
    if (!w) return null;
    return w.start
      ? `${m.name} 务工开始于${month(w.start)}，结束于${month(w.end)}`
      : `${m.name} 有一段务工开始时间为空`;
  },
});

export const Q102 = memberRule({
  id: 'Q102',
  name: '无劳动力或丧失劳动力的人员在务工',
  family: 'H',
  severity: '错误',
  reads: ['劳动技能', '已外出务工信息', '计划外出务工信息'],
  reading: '劳动技能为无劳动力或丧失劳动力的成员，当前在务工（已外出务工信息未结束），或计划外出务工为是',
  test(m, _h, c) {
    if (!noLabour(m)) return null;
    if (current(m, c)) return `${m.name} 劳动技能为「${m.labour}」，当前在务工`;
    if (m.plan?.planOutside || m.plan?.planWork) return `${m.name} 劳动技能为「${m.labour}」，计划外出务工`;
    return null;
  },
});

export const Q103 = memberRule({
  id: 'Q103',
  name: '在校生在务工',
  family: 'H',
  severity: '错误',
  reads: ['在校生状况', '已外出务工信息', '计划外出务工信息'],
  reading: '在校（学前教育至研究生）的成员当前在务工或计划外出务工为是',
  test(m, _h, c) {
    if (!inSchool(m)) return null;
    if (current(m, c)) return `${m.name} 在校生状况为「${m.school}」，当前在务工`;
    if (m.plan?.planOutside) return `${m.name} 在校生状况为「${m.school}」，计划外出务工`;
    return null;
  },
});

export const Q104 = memberRule({
  id: 'Q104',
  name: '不满 16 岁开始务工',
  family: 'H',
  severity: '错误',
  reads: ['出生日期', '开始时间'],
  thresholds: { 年龄: 16 },
  reading: '已外出务工信息的开始时间（当月 1 日）时成员未满 16 周岁',
  test(m) {
    if (!m.birth) return null;
    const birthMonth = m.birth.slice(0, 7);
    const w = m.work.find((x) => x.start && x.start < `${Number(birthMonth.slice(0, 4)) + 16}${birthMonth.slice(4)}`);
    return w ? `${who(m)}，${month(w.start)}开始务工` : null;
  },
});

export const Q105 = memberRule({
  id: 'Q105',
  name: '特困供养人员在外务工',
  family: 'H',
  severity: '疑点',
  reads: ['享受特困供养政策情况', '已外出务工信息', '务工状况'],
  reading: '享受特困供养的成员当前在务工（已外出务工信息未结束，或务工状况不是未务工）',
  test(m, _h, c) {
    return onTekun(m) && isWorking(m, c) ? `${m.name} 享受特困供养，当前在务工` : null;
  },
});

export const Q106 = memberRule({
  id: 'Q106',
  name: '计划外出务工但未填就业服务需求',
  family: 'H',
  severity: '疑点',
  reads: ['是否计划外出务工', '就业服务需求'],
  reading: '计划外出务工信息中是否计划务工或是否计划外出务工为是，就业服务需求为空',
  test(m) {
    const p = m.plan;
    return p && (p.planWork || p.planOutside) && !p.need ? `${m.name} 计划外出务工，就业服务需求为空` : null;
  },
});

export const Q107 = memberRule({
  id: 'Q107',
  name: '是否已务工为否但务工未结束',
  family: 'H',
  severity: '错误',
  reads: ['是否已务工', '结束时间'],
  reading: '已外出务工信息的是否已务工为否，但结束时间为空或晚于检查月',
  test(m, _h, c) {
    const now = c.asOf.slice(0, 7);
    const w = m.work.find((x) => x.working === false && (x.end === null || x.end > now));
    return w ? `${m.name} ${month(w.start)}起的务工是否已务工为否，结束时间为${w.end ? month(w.end) : '空'}` : null;
  },
});

export const Q108 = memberRule({
  id: 'Q108',
  name: '县外务工登记为公益性岗位或帮扶车间',
  family: 'H',
  severity: '疑点',
  reads: ['务工所在县', '就业渠道'],
  reading: '当前务工的就业渠道为公益性岗位或帮扶车间，务工所在县已填且不是本县（县名取登记库的县级设置）',
  test(m, _h, c) {
    const w = current(m, c);
    if (!w?.county || !c.countyName || !w.channel || !/公益性岗位|帮扶车间/.test(w.channel)) return null;
    return w.county.includes(c.countyName) ? null : `${m.name} 在${w.county}务工，就业渠道为「${w.channel}」`;
  },
});

export const WORK_RULES: readonly HouseholdRule[] = [
  Q92,
  Q93,
  Q94,
  Q95,
  Q96,
  Q97,
  Q98,
  Q99,
  Q100,
  Q101,
  Q102,
  Q103,
  Q104,
  Q105,
  Q106,
  Q107,
  Q108,
];
