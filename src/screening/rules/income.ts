import { cents, flag, missing, perCapitaGap, percent, yuan } from '../text.js';
import type { HouseholdRule } from '../types.js';

/**
 * Income rules (SPEC §6, App. B readings). Y is the campaign's income year; the income line is
 * the policy of the as-of year. Amounts are compared in cents.
 */

const INCOME_FIELDS = ['工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出', '家庭人口数'];

export const R01: HouseholdRule = {
  id: 'R01',
  name: '人均纯收入低于监测范围',
  category: '纳入研判',
  reads: ['户类型', '监测对象类别', '风险是否已消除', ...INCOME_FIELDS],
  params: ['incomeLine'],
  reading: '收入年度人均纯收入低于当年（排查基准日所在年度）监测范围，且不是风险未消除的监测对象',
  evaluate(f, c) {
    if (f.unresolved) return null;
    const gap = perCapitaGap(f.yRow, f.yPerCapita, c.incomeYear);
    if (gap) return missing(`${gap}，无法判断人均纯收入是否低于监测范围`);
    const line = c.policy.incomeLine ?? Number.NaN;
    const pc = f.yPerCapita!;
    if (!(cents(pc) < line)) return null;
    return flag(`${c.incomeYear} 年人均纯收入 ${yuan(pc, line)} 元 低于 ${c.asOfYear} 年监测范围 ${yuan(line)} 元`);
  },
};

export const R02: HouseholdRule = {
  id: 'R02',
  name: '人均纯收入较上年减少',
  category: '必查',
  reads: INCOME_FIELDS,
  params: ['incomeDropAny'],
  reading: '收入年度人均纯收入低于上一年度（政策参数“人均纯收入较上年减少即必查”设为否时本规则不启用）',
  evaluate(f, c) {
    if (!c.policy.incomeDropAny) return null;
    const prev = c.incomeYear - 1;
    const gap = perCapitaGap(f.yRow, f.yPerCapita, c.incomeYear) ?? perCapitaGap(f.pRow, f.pPerCapita, prev);
    if (gap) return missing(`${gap}，无法判断人均纯收入是否较上年减少`);
    const now = cents(f.yPerCapita!);
    const before = cents(f.pPerCapita!);
    if (!(now < before)) return null;
    const drop = before - now;
    const share = before > 0 ? `（${percent(drop / before)}）` : '';
    return flag(
      `${c.incomeYear} 年人均纯收入 ${yuan(now, before)} 元，较 ${prev} 年 ${yuan(before, now)} 元减少 ${yuan(drop)} 元${share}`,
    );
  },
};

export const R03: HouseholdRule = {
  id: 'R03',
  name: '脱贫户收入排在后位且仍在下降',
  category: '必查',
  reads: ['户类型', ...INCOME_FIELDS],
  params: ['bottomShare'],
  reading:
    '脱贫户收入年度人均纯收入排在全县脱贫户的后位比例（默认 20%）之内（从低到高排，第 ⌈户数×比例⌉ 户的收入为界，等于界值的都算在内），且较上年继续下降',
  evaluate(f, c) {
    if (!f.lifted) return null;
    const gap = perCapitaGap(f.yRow, f.yPerCapita, c.incomeYear);
    if (gap) return missing(`${gap}，无法判断是否排在脱贫户收入后位`);
    if (!c.bottom) return null;
    const now = cents(f.yPerCapita!);
    if (now > c.bottom.cutoff) return null;
    const prev = c.incomeYear - 1;
    const where = `排在全县脱贫户后 ${percent(c.policy.bottomShare)}（界值 ${yuan(c.bottom.cutoff)} 元，共 ${c.bottom.ranked.toLocaleString('en-US')} 户）`;
    const prevGap = perCapitaGap(f.pRow, f.pPerCapita, prev);
    if (prevGap)
      return missing(`${c.incomeYear} 年人均纯收入 ${yuan(now)} 元${where}，但${prevGap}，无法判断是否仍在下降`);
    const before = cents(f.pPerCapita!);
    if (!(now < before)) return null;
    return flag(
      `脱贫户 ${c.incomeYear} 年人均纯收入 ${yuan(now, before)} 元，${where}，且较 ${prev} 年 ${yuan(before, now)} 元继续下降`,
    );
  },
};

export const R04: HouseholdRule = {
  id: 'R04',
  name: '刚性支出超过上年家庭纯收入',
  category: '纳入研判',
  reads: ['合规自付支出', '其他刚性支出', ...INCOME_FIELDS],
  params: [],
  reading: '收入年度“合规自付支出 + 其他刚性支出”大于上一年度家庭纯收入（支出为 0 的户不判）',
  evaluate(f, c) {
    const prev = c.incomeYear - 1;
    if (!f.yRow) return missing(`缺少 ${c.incomeYear} 年收入数据，无法判断刚性支出`);
    const selfPay = f.ySelfPay ?? 0;
    const other = f.yOtherRigid ?? 0;
    const spend = cents(selfPay + other);
    if (spend <= 0) return null;
    if (!f.pRow || f.pNet === null)
      return missing(
        `${c.incomeYear} 年刚性支出 ${yuan(spend)} 元，但缺少 ${prev} 年收入数据，无法与上年家庭纯收入比较`,
      );
    const net = cents(f.pNet);
    if (!(spend > net)) return null;
    return flag(
      `${c.incomeYear} 年合规自付支出 ${yuan(selfPay)} 元 + 其他刚性支出 ${yuan(other)} 元 = ${yuan(spend, net)} 元，超过 ${prev} 年家庭纯收入 ${yuan(net, spend)} 元`,
    );
  },
};

export const R05: HouseholdRule = {
  id: 'R05',
  name: '医疗自付达到大病标准',
  category: '纳入研判',
  reads: ['合规自付支出', '部门预警（医保）'],
  params: ['bigIllnessSelfPay'],
  reading: '收入年度合规自付支出达到大病自付标准（默认 10,000 元），或有医保部门预警的指标值（自付金额）达到该标准',
  evaluate(f, c) {
    const limit = c.policy.bigIllnessSelfPay;
    const parts: string[] = [];
    if (f.ySelfPay !== null && cents(f.ySelfPay) >= limit) {
      parts.push(`${c.incomeYear} 年合规自付支出 ${yuan(f.ySelfPay, limit)} 元`);
    }
    if (f.medicalAlertMax !== null && cents(f.medicalAlertMax) >= limit) {
      parts.push(`医保预警${f.medicalAlertText ?? ''}`);
    }
    if (parts.length > 0) return flag(`${parts.join('；')}，达到大病自付标准 ${yuan(limit)} 元`);
    if (!f.yRow) return missing(`缺少 ${c.incomeYear} 年收入数据，无法判断医疗自付支出（也没有达到标准的医保预警）`);
    return null;
  },
};

export const INCOME_RULES: readonly HouseholdRule[] = [R01, R02, R03, R04, R05];
