import {
  basicNeedsProblems,
  cents,
  flag,
  labourOf,
  labourUnknownText,
  missing,
  monthCn,
  monthsSince,
  perCapitaGap,
  percent,
  yuan,
} from '../text.js';
import type { HouseholdRule, VillageRule } from '../types.js';

/**
 * Rules about 监测对象: assistance (帮扶), elimination (消除) and the 回头看 of eliminated ones
 * (seed 004 二、三), and the village rule V01.
 */

/** Months a 监测对象 with labour capacity may go without a 开发式 measure (SPEC §6 R20). */
export const DEV_MEASURE_GRACE_MONTHS = 6;
/** R24: policy transfers above this share of the household's income = 收入主要来源为政策性补贴. */
export const POLICY_TRANSFER_MAIN_SHARE = 0.5;

const since = (month: string | null, asOf: string): string =>
  month ? `${monthCn(month)}识别，已 ${monthsSince(month, asOf)} 个月` : '识别时间不详';

export const R20: HouseholdRule = {
  id: 'R20',
  name: '有劳动能力未落实开发式帮扶',
  category: '帮扶',
  reads: ['监测对象类别', '风险是否已消除', '识别监测时间', '劳动技能', '帮扶措施', '实施开发式帮扶措施情况'],
  params: [],
  reading: `风险未消除的监测对象，有成员有劳动能力，识别满 ${DEV_MEASURE_GRACE_MONTHS} 个月，既没有开始时间在排查基准日以前的开发式帮扶措施（产业、就业、金融、公益岗位），也没有标注“已实施”开发式帮扶`,
  evaluate(f, c) {
    if (!f.unresolved) return null;
    const labour = labourOf(f);
    if (labour === 'incapable') return null;
    if (f.devMeasures > 0 || f.devMeasureStatus === '已实施') return null;
    if (f.identifiedMonth && monthsSince(f.identifiedMonth, c.asOf) < DEV_MEASURE_GRACE_MONTHS) return null;
    if (labour === 'unknown') return missing(labourUnknownText(f));
    if (!f.identifiedMonth)
      return missing(`监测对象缺少识别监测时间，无法判断是否已满 ${DEV_MEASURE_GRACE_MONTHS} 个月`);
    const measures = f.measures > 0 ? `现有帮扶措施 ${f.measures} 项均非开发式` : '没有任何帮扶措施';
    return flag(
      `风险未消除监测对象（${since(f.identifiedMonth, c.asOf)}），有劳动能力成员 ${f.labour} 人，${measures}，未落实开发式帮扶`,
    );
  },
};

export const R21: HouseholdRule = {
  id: 'R21',
  name: '有劳动能力仅有综合保障（一兜了之）',
  category: '帮扶',
  reads: ['监测对象类别', '风险是否已消除', '劳动技能', '帮扶措施'],
  params: [],
  reading: '风险未消除的监测对象，有成员有劳动能力，帮扶措施（开始时间在排查基准日以前）只有综合保障',
  evaluate(f) {
    if (!f.unresolved) return null;
    if (f.measures === 0 || f.nonWelfareMeasures > 0) return null;
    const labour = labourOf(f);
    if (labour === 'incapable') return null;
    if (labour === 'unknown') return missing(labourUnknownText(f));
    return flag(
      `风险未消除监测对象，有劳动能力成员 ${f.labour} 人，帮扶措施只有综合保障（${f.measures} 项），存在“一兜了之”问题`,
    );
  },
};

export const R22: HouseholdRule = {
  id: 'R22',
  name: '符合风险消除条件（应消未消）',
  category: '消除',
  reads: [
    '监测对象类别',
    '风险是否已消除',
    '识别监测时间',
    '劳动技能',
    '是否整户无劳动能力兜底保障户',
    '三保障和饮水安全',
    '部门预警',
    '工资性收入',
    '生产经营性收入',
    '财产性收入',
    '转移性收入',
    '生产经营性支出',
    '家庭人口数',
  ],
  params: ['incomeLine', 'minMonthsBeforeElimination'],
  reading:
    '风险未消除的监测对象同时满足：收入年度人均纯收入不低于监测范围且不低于上年；没有三保障和饮水安全问题；没有未核实的部门预警；识别已满最短监测月数（默认 6 个月）。整户无劳动能力的户暂不标注风险消除，不列入',
  evaluate(f, c) {
    if (!f.unresolved) return null;
    const labour = labourOf(f);
    if (labour === 'incapable') return null; // 整户无劳动能力兜底保障户：暂不标注风险消除
    if (basicNeedsProblems(f).length > 0 || f.openAlerts > 0) return null;
    const line = c.policy.incomeLine ?? Number.NaN;
    const minMonths = c.policy.minMonthsBeforeElimination;
    const months = f.identifiedMonth ? monthsSince(f.identifiedMonth, c.asOf) : null;
    if (months !== null && months < minMonths) return null;
    const now = f.yPerCapita === null ? null : cents(f.yPerCapita);
    const before = f.pPerCapita === null ? null : cents(f.pPerCapita);
    if (now !== null && now < line) return null;
    if (now !== null && before !== null && now < before) return null;
    if (labour === 'unknown') return missing(labourUnknownText(f));
    if (months === null) return missing('监测对象缺少识别监测时间，无法判断监测时长');
    const gap =
      perCapitaGap(f.yRow, f.yPerCapita, c.incomeYear) ?? perCapitaGap(f.pRow, f.pPerCapita, c.incomeYear - 1);
    if (gap) return missing(`${gap}，无法判断收入是否稳定超过监测范围`);
    const contact = f.hasContact ? '' : '（消除前须补填监测联系人）';
    return flag(
      `风险未消除监测对象（${since(f.identifiedMonth, c.asOf)}），${c.incomeYear} 年人均纯收入 ${yuan(now!, line)} 元 不低于 ${c.asOfYear} 年监测范围 ${yuan(line)} 元且较上年 ${yuan(before!, now!)} 元未下降，无三保障和饮水安全问题，无未核实预警，符合风险消除条件${contact}`,
    );
  },
};

export const R23: HouseholdRule = {
  id: 'R23',
  name: '风险消除后收入低于监测范围或三保障反弹',
  category: '回头看',
  reads: ['风险是否已消除', '风险消除时间', '三保障和饮水安全', '工资性收入', '转移性收入', '家庭人口数'],
  params: ['incomeLine'],
  reading: '风险已消除的监测对象，收入年度人均纯收入低于监测范围，或又出现三保障和饮水安全问题',
  evaluate(f, c) {
    if (!f.eliminated) return null;
    const parts: string[] = [];
    const line = c.policy.incomeLine ?? Number.NaN;
    if (f.yPerCapita !== null && cents(f.yPerCapita) < line) {
      parts.push(
        `${c.incomeYear} 年人均纯收入 ${yuan(f.yPerCapita, line)} 元 低于 ${c.asOfYear} 年监测范围 ${yuan(line)} 元`,
      );
    }
    parts.push(...basicNeedsProblems(f));
    if (parts.length > 0) return flag(`风险已消除（${monthCn(f.eliminatedMonth)}）后：${parts.join('；')}`);
    const gap = perCapitaGap(f.yRow, f.yPerCapita, c.incomeYear);
    if (gap) return missing(`${gap}，无法判断风险消除后收入是否稳定`);
    return null;
  },
};

export const R24: HouseholdRule = {
  id: 'R24',
  name: '风险消除户无劳动能力主要靠政策性收入',
  category: '回头看',
  reads: ['风险是否已消除', '劳动技能', '低保金', '特困供养金', '养老保险金', '计划生育金', '生态补偿金', '转移性收入'],
  params: [],
  reading: `风险已消除的监测对象，全户无劳动能力，收入年度政策性转移收入（低保金、特困供养金、养老保险金、计划生育金、生态补偿金；子项都空时用转移性收入）超过家庭收入的 ${percent(POLICY_TRANSFER_MAIN_SHARE)}：风险回退候选（种子 004）`,
  evaluate(f, c) {
    if (!f.eliminated) return null;
    const labour = labourOf(f);
    if (labour === 'capable') return null;
    if (labour === 'unknown') return missing(labourUnknownText(f));
    if (!f.yRow) return missing(`缺少 ${c.incomeYear} 年收入数据，无法判断收入是否主要来自政策性补贴`);
    const gross = f.yGross ?? 0;
    const policy = f.yPolicyTransfer ?? 0;
    if (!(gross > 0) || !(policy > POLICY_TRANSFER_MAIN_SHARE * gross)) return null;
    return flag(
      `风险已消除，全户无劳动能力，${c.incomeYear} 年政策性转移收入 ${yuan(policy)} 元，占家庭收入 ${yuan(gross)} 元的 ${percent(policy / gross)}，收入主要来源为兜底保障等政策性补贴，建议按程序申请风险回退`,
    );
  },
};

export const MONITORED_RULES: readonly HouseholdRule[] = [R20, R21, R22, R23, R24];

export const V01: VillageRule = {
  id: 'V01',
  name: '脱贫户较多但未识别监测对象的村',
  category: '村级',
  reads: ['户类型', '监测对象类别', '识别监测时间'],
  params: ['villageNoMonitoredMin'],
  reading:
    '村里脱贫户不少于规定户数（默认 10 户），但没有 2021 年以来识别的监测对象（识别监测时间为空的监测对象也算已识别）',
  evaluate(v, c) {
    const min = c.policy.villageNoMonitoredMin;
    if (v.lifted < min || v.monitoredSince2021 > 0) return null;
    return flag(`脱贫户 ${v.lifted} 户（标准 ${min} 户以上），2021 年以来没有识别监测对象`);
  },
};
