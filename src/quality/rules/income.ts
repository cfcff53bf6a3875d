import {
  householdRule,
  isEliminated,
  isMonitored,
  isUnresolved,
  measuresOf,
  month,
  onDibao,
  onTekun,
  yuan,
} from '../define.js';
import type { HouseholdRule, QHousehold, QIncome } from '../types.js';

/** Family C 收入合理性: the latest income year not after the as-of year, unless a rule says otherwise. */

/** Amounts agree when they differ by less than 1 元 (typed figures are rounded to 元 or 角). */
const TOLERANCE = 1;

export const Q17 = householdRule({
  id: 'Q17',
  name: '填报的家庭纯收入与各项收入计算不符',
  family: 'C',
  severity: '错误',
  reads: ['工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出', '家庭纯收入（填报）'],
  thresholds: { 允许误差元: TOLERANCE },
  reading: '填报的家庭纯收入与 工资性+生产经营性+财产性+转移性−生产经营性支出 相差 1 元或以上',
  test(h) {
    const i = h.income;
    if (!i || i.typedNet === null || Math.abs(i.typedNet - i.net) < TOLERANCE) return null;
    return `${i.year} 年填报的家庭纯收入 ${yuan(i.typedNet)}，按各项收入计算为 ${yuan(i.net)}`;
  },
});

export const Q18 = householdRule({
  id: 'Q18',
  name: '填报的人均纯收入与计算不符',
  family: 'C',
  severity: '错误',
  reads: ['人均纯收入（填报）', '家庭纯收入（计算）', '家庭人口数'],
  thresholds: { 允许误差元: TOLERANCE },
  reading: '填报的人均纯收入与 计算的家庭纯收入 ÷ 收入的家庭人口数 相差 1 元或以上',
  test(h) {
    const i = h.income;
    if (!i || i.typedPerCapita === null || i.perCapita === null) return null;
    if (Math.abs(i.typedPerCapita - i.perCapita) < TOLERANCE) return null;
    return `${i.year} 年填报的人均纯收入 ${yuan(i.typedPerCapita)}，按家庭纯收入 ${yuan(i.net)} ÷ ${i.size} 人计算为 ${yuan(i.perCapita)}`;
  },
});

export const Q19 = householdRule({
  id: 'Q19',
  name: '工资性收入大于 0 但不足 100 元',
  family: 'C',
  severity: '疑点',
  reads: ['工资性收入'],
  thresholds: { 下限元: 100 },
  reading: '工资性收入大于 0 元且小于 100 元（多为把“万元”或“月收入”填错了单位）',
  test(h) {
    const w = h.income?.wage ?? null;
    return w !== null && w > 0 && w < 100 ? `${h.income!.year} 年工资性收入 ${yuan(w)}` : null;
  },
});

export const Q20 = householdRule({
  id: 'Q20',
  name: '有产业帮扶但无生产经营性收入',
  family: 'C',
  severity: '疑点',
  reads: ['帮扶措施（产业帮扶）', '生产经营性收入'],
  reading: '监测对象登记了产业帮扶措施，但最近一个收入年度的生产经营性收入为 0 或为空',
  test(h) {
    if (!isMonitored(h) || !h.income) return null;
    const m = measuresOf(h, '产业帮扶');
    if (m.length === 0 || (h.income.business ?? 0) > 0) return null;
    return `登记了产业帮扶（${m.join('、')}），${h.income.year} 年生产经营性收入为 ${yuan(h.income.business)}`;
  },
});

export const Q21 = householdRule({
  id: 'Q21',
  name: '有低保或特困成员但无转移性收入',
  family: 'C',
  severity: '疑点',
  reads: ['享受低保政策情况', '享受特困供养政策情况', '转移性收入', '低保金', '特困供养金'],
  reading:
    '有在册成员享受低保或特困供养（纳入时间已填的，在收入年度或以前纳入），但最近一个收入年度的转移性收入（含低保金、特困供养金）为 0 或为空',
  test(h) {
    if (!h.income) return null;
    const end = `${h.income.year}-12-31`;
    const who = h.members.filter(
      (m) => (onDibao(m) && (m.dibaoSince ?? '') <= end) || (onTekun(m) && (m.tekunSince ?? '') <= end),
    );
    if (who.length === 0) return null;
    const i = h.income;
    const t = (i.transfer ?? 0) + (i.transfer === null ? (i.dibaoMoney ?? 0) + (i.tekunMoney ?? 0) : 0);
    if (t > 0) return null;
    return `${who.map((m) => `${m.name}（${onDibao(m) ? m.dibao : '特困供养'}）`).join('、')}，${i.year} 年转移性收入为 ${yuan(i.transfer)}（${i.year} 年以后才纳入的可不改）`;
  },
});

/** The income of the year before identification, else of the identification year. */
function atIdentification(h: QHousehold): QIncome | null {
  if (!h.identified) return null;
  const y = Number(h.identified.slice(0, 4));
  return h.incomes.get(y - 1) ?? h.incomes.get(y) ?? null;
}

export const Q22 = householdRule({
  id: 'Q22',
  name: '识别监测时人均纯收入高于 20000 元',
  family: 'C',
  severity: '疑点',
  reads: ['识别监测时间', '人均纯收入'],
  thresholds: { 上限元: 20000 },
  reading:
    '监测对象识别监测时间的上一年（没有则识别当年）的人均纯收入高于 20000 元（收入远高于监测范围，识别依据需说明）',
  test(h) {
    if (!isMonitored(h)) return null;
    const i = atIdentification(h);
    if (!i || i.perCapita === null || i.perCapita <= 20000) return null;
    return `${month(h.identified)}识别，${i.year} 年人均纯收入 ${yuan(i.perCapita)}`;
  },
});

export const Q23 = householdRule({
  id: 'Q23',
  name: '风险类型为因病但合规自付支出为 0',
  family: 'C',
  severity: '疑点',
  reads: ['致贫返贫风险', '风险是否已消除', '合规自付支出'],
  reading: '风险未消除、风险类型含“因病”的监测对象，最近一个收入年度的合规自付支出为 0 或为空',
  test(h) {
    if (!isUnresolved(h) || !h.risks.includes('因病') || !h.income) return null;
    const s = h.income.selfPay;
    return s === null || s === 0 ? `风险类型含因病，${h.income.year} 年合规自付支出为 ${yuan(s)}` : null;
  },
});

export const Q24 = householdRule({
  id: 'Q24',
  name: '已消除风险且有就业或公益岗位帮扶，但无工资性收入',
  family: 'C',
  severity: '疑点',
  reads: ['风险是否已消除', '帮扶措施（就业帮扶、公益岗位帮扶）', '工资性收入'],
  reading: '风险已消除的监测对象登记了就业帮扶或公益岗位帮扶，但最近一个收入年度的工资性收入为 0 或为空',
  test(h) {
    if (!isEliminated(h) || !h.income) return null;
    const m = measuresOf(h, '就业帮扶', '公益岗位帮扶');
    if (m.length === 0 || (h.income.wage ?? 0) > 0) return null;
    return `登记了${m.join('、')}，${h.income.year} 年工资性收入为 ${yuan(h.income.wage)}`;
  },
});

export const Q25 = householdRule({
  id: 'Q25',
  name: '帮扶消除风险时人均纯收入低于监测范围',
  family: 'C',
  severity: '错误',
  reads: ['风险消除方式', '消除监测时间', '风险消除后家庭人均纯收入', '人均纯收入'],
  params: ['incomeLine'],
  reading:
    '风险消除方式为帮扶消除的监测对象，风险消除后家庭人均纯收入（没有则为消除年度上一年的人均纯收入）低于消除年度的监测范围',
  test(h, c) {
    if (!isEliminated(h) || h.method !== '帮扶消除' || !h.eliminatedMonth) return null;
    const y = Number(h.eliminatedMonth.slice(0, 4));
    const line = c.policy(y).incomeLine;
    if (line === undefined) return null;
    const snap = h.snapshot?.perCapita ?? null;
    const fallback = h.incomes.get(y - 1)?.perCapita ?? null;
    const pc = snap ?? fallback;
    if (pc === null || pc >= line) return null;
    const what = snap !== null ? '风险消除后家庭人均纯收入' : `${y - 1} 年人均纯收入`;
    return `${month(h.eliminatedMonth)}帮扶消除，${what} ${yuan(pc)}，低于 ${y} 年监测范围 ${yuan(line)}`;
  },
});

export const INCOME_RULES: readonly HouseholdRule[] = [Q17, Q18, Q19, Q20, Q21, Q22, Q23, Q24, Q25];
