import { FpjcError } from './errors.js';

/**
 * Yearly policy parameters (SPEC §4) with built-in defaults and their sources. A county
 * overrides any of them per year (`fpjc policy set`); the income line has no default except
 * the national 2021 one and must be set by the county for other years.
 */
export interface ParamDef<T> {
  key: string;
  label: string;
  flag: string;
  check: Check<T>;
  default: (year: number) => T | undefined;
  source: string;
  note?: string;
  /** Values a clerk reads and may type in Chinese (stored value → label). */
  choices?: Record<string, string>;
}

/** How a parameter's value reads to a clerk. */
export function policyValueLabel(key: PolicyKey, value: unknown): string | undefined {
  const choices = (POLICY_PARAMS[key] as ParamDef<unknown>).choices;
  return choices && typeof value === 'string' ? choices[value] : undefined;
}

/** A parameter value's check: the value, or why it is refused (Chinese). Hand-written, not zod: `status` and every command resolve the policy at start-up. */
export type Check<T> = (v: unknown) => { ok: true; value: T } | { ok: false; message: string };

interface NumberRule {
  type?: string;
  int?: string;
  /** Exclusive bounds. */
  above?: [number, string];
  below?: [number, string];
  /** Inclusive bounds. */
  min?: [number, string];
  max?: [number, string];
}

function numberCheck(r: NumberRule): Check<number> {
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, message: r.type ?? '应为数字' };
    if (r.int && !Number.isInteger(v)) return { ok: false, message: r.int };
    for (const [bound, fails] of [
      [r.above, (b: number) => v <= b],
      [r.below, (b: number) => v >= b],
      [r.min, (b: number) => v < b],
      [r.max, (b: number) => v > b],
    ] as const) {
      if (bound && fails(bound[0])) return { ok: false, message: bound[1] };
    }
    return { ok: true, value: v };
  };
}

const range = (min: number, max: number): Pick<NumberRule, 'min' | 'max'> => ({
  min: [min, `应在 ${min} 到 ${max} 之间`],
  max: [max, `应在 ${min} 到 ${max} 之间`],
});

const money = numberCheck({ above: [0, '应大于 0'], max: [1_000_000, '数值过大'] });
const share = numberCheck({ above: [0, '应大于 0'], below: [1, '应小于 1'] });
const days = numberCheck({ int: '应为整数', ...range(0, 365) });
const months = numberCheck({ int: '应为整数', ...range(0, 60) });
const yesNo: Check<boolean> = (v) =>
  typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, message: '应为「是」或「否」' };

export const POLICY_PARAMS = {
  incomeLine: {
    key: 'incomeLine',
    label: '监测范围（元/人/年）',
    flag: 'income-line',
    check: money,
    default: (year: number) => (year === 2021 ? 6000 : undefined),
    source:
      '2021 年全国 6000 元（原标准 1.5 倍）；其他年度由县按省定标准设置（如内蒙古 2024 年 8300 元，见《鄂温克族自治旗2024年第二季度防止返贫动态监测帮扶集中排查工作方案》）',
  } satisfies ParamDef<number>,
  bigIllnessSelfPay: {
    key: 'bigIllnessSelfPay',
    label: '大病自付支出（元）',
    flag: 'big-illness-self-pay',
    check: money,
    default: () => 10000,
    source: '《鄂温克族自治旗2024年第二季度防止返贫动态监测帮扶集中排查工作方案》：自付超过一万元以上大病',
  } satisfies ParamDef<number>,
  incomeDropAny: {
    key: 'incomeDropAny',
    label: '人均纯收入较上年减少即必查',
    flag: 'income-drop-any',
    check: yesNo,
    default: () => true,
    source: '晋中市集中排查做法（《晋中日报》2022年7月）：五个必查之一',
  } satisfies ParamDef<boolean>,
  bottomShare: {
    key: 'bottomShare',
    label: '脱贫户收入后位比例',
    flag: 'bottom-share',
    check: share,
    default: () => 0.2,
    source: '《鄂温克族自治旗2024年第二季度防止返贫动态监测帮扶集中排查工作方案》：人均纯收入排在本地区脱贫户后 20%',
  } satisfies ParamDef<number>,
  wageShareHigh: {
    key: 'wageShareHigh',
    label: '务工收入占比较高（比例）',
    flag: 'wage-share-high',
    check: share,
    default: () => 0.6,
    source: '晋中市集中排查做法（《晋中日报》2022年7月）：务工收入占比较高且务工时间不稳定（比例为经验值，可调整）',
  } satisfies ParamDef<number>,
  unstableWorkMonths: {
    key: 'unstableWorkMonths',
    label: '务工时间不稳定（少于月数）',
    flag: 'unstable-work-months',
    check: months,
    default: () => 6,
    source: '晋中市集中排查做法（《晋中日报》2022年7月）（月数为经验值，可调整）',
  } satisfies ParamDef<number>,
  publicityDaysIdentify: {
    key: 'publicityDaysIdentify',
    label: '识别公示天数',
    flag: 'publicity-days-identify',
    check: days,
    default: () => 5,
    source: '县级操作规程',
  } satisfies ParamDef<number>,
  publicityDaysEliminate: {
    key: 'publicityDaysEliminate',
    label: '风险消除公示天数',
    flag: 'publicity-days-eliminate',
    check: days,
    default: () => 7,
    source: '县级操作规程',
  } satisfies ParamDef<number>,
  identifyMaxDays: {
    key: 'identifyMaxDays',
    label: '线索到县级审定时限（天）',
    flag: 'identify-max-days',
    check: days,
    default: () => 15,
    source: '县级操作规程',
  } satisfies ParamDef<number>,
  minMonthsBeforeElimination: {
    key: 'minMonthsBeforeElimination',
    label: '识别后最短监测月数（方可消除）',
    flag: 'min-months-before-elimination',
    check: months,
    default: () => 6,
    source: '县级操作规程：原则上不低于半年',
  } satisfies ParamDef<number>,
  visitAfterMonths: {
    key: 'visitAfterMonths',
    label: '风险消除后回访（月）',
    flag: 'visit-after-months',
    check: months,
    default: () => 6,
    source: '晋中市集中排查做法（《晋中日报》2022年7月）：稳定退出半年以上的组织回访',
  } satisfies ParamDef<number>,
  colorScheme: {
    key: 'colorScheme',
    label: '三色预警方式',
    flag: 'color-scheme',
    check: (v) =>
      v === 'duration' || v === 'income'
        ? { ok: true, value: v }
        : { ok: false, message: '应为「按风险持续时间」或「按收入」' },
    choices: { duration: '按风险持续时间', income: '按收入' },
    default: () => 'duration' as const,
    source:
      '晋中市集中排查做法（《晋中日报》2022年7月）：一年以上红、半年至一年黄、半年内蓝；《脱贫攻坚回头看工作总结》：收入 5000 以下红、5000–10000 黄、10000 以上绿',
  } satisfies ParamDef<'duration' | 'income'>,
  villageNoMonitoredMin: {
    key: 'villageNoMonitoredMin',
    label: '脱贫户较多但无监测户的村（脱贫户数下限）',
    flag: 'village-no-monitored-min',
    check: numberCheck({ int: '应为整数', ...range(1, 10000) }),
    default: () => 10,
    source:
      '《鄂温克族自治旗2024年第二季度防止返贫动态监测帮扶集中排查工作方案》：脱贫户在 10 户以上但 2021 年以来未识别监测户的嘎查村',
  } satisfies ParamDef<number>,
  supervisionPhone: {
    key: 'supervisionPhone',
    label: '公示监督电话',
    flag: 'supervision-phone',
    check: (v) =>
      typeof v === 'string' && /^[0-9（）()\-—\s转]{5,30}$/.test(v)
        ? { ok: true, value: v }
        : { ok: false, message: '应为电话号码，如 0354-3012345' },
    default: () => undefined,
    source: '公示名单上的监督举报电话，由县里设置（未设置时公示名单留空待填）',
  } satisfies ParamDef<string>,
  exportIncomeYear: {
    key: 'exportIncomeYear',
    label: '本年导出的全国系统数据中收入的年度',
    flag: 'export-income-year',
    check: numberCheck({ type: '应为年份', int: '应为整数年份', ...range(2000, 2100) }),
    default: () => undefined,
    source: '未设置时取导出时间的上一年（全国系统按人导出的收入列不写年度）',
  } satisfies ParamDef<number | undefined>,
  backupsKept: {
    key: 'backupsKept',
    label: '自动备份保留份数',
    flag: 'backups-kept',
    check: numberCheck({ int: '应为整数', min: [1, '至少保留 1 份'], max: [1000, '应不大于 1000'] }),
    default: () => 5,
    source: '本程序默认：导入、恢复、撤销前自动备份，保留最近 5 份（另保留天数内的全部备份）',
  } satisfies ParamDef<number>,
  backupKeepDays: {
    key: 'backupKeepDays',
    label: '自动备份保留天数',
    flag: 'backup-keep-days',
    check: days,
    default: () => 30,
    source: '本程序默认：30 天内的自动备份都保留',
  } satisfies ParamDef<number>,
} as const;

/** Parameters whose value is text, kept as typed. */
const TEXT_PARAMS: readonly string[] = ['colorScheme', 'supervisionPhone'];

export type PolicyKey = keyof typeof POLICY_PARAMS;
export const POLICY_KEYS = Object.keys(POLICY_PARAMS) as PolicyKey[];

export interface Policy {
  year: number;
  incomeLine: number | undefined;
  bigIllnessSelfPay: number;
  incomeDropAny: boolean;
  bottomShare: number;
  wageShareHigh: number;
  unstableWorkMonths: number;
  publicityDaysIdentify: number;
  publicityDaysEliminate: number;
  identifyMaxDays: number;
  minMonthsBeforeElimination: number;
  visitAfterMonths: number;
  colorScheme: 'duration' | 'income';
  villageNoMonitoredMin: number;
  supervisionPhone: string | undefined;
  exportIncomeYear: number | undefined;
  backupsKept: number;
  backupKeepDays: number;
}

export interface PolicyEntry {
  key: PolicyKey;
  label: string;
  value: unknown;
  isDefault: boolean;
  source: string;
}

/** The policy for a year: county overrides over built-in defaults. */
export function resolvePolicy(year: number, overrides: Partial<Record<PolicyKey, unknown>>): Policy {
  const out: Record<string, unknown> = { year };
  for (const key of POLICY_KEYS) {
    const def = POLICY_PARAMS[key];
    out[key] = key in overrides && overrides[key] !== undefined ? overrides[key] : def.default(year);
  }
  return out as unknown as Policy;
}

export function describePolicy(year: number, overrides: Partial<Record<PolicyKey, unknown>>): PolicyEntry[] {
  const p = resolvePolicy(year, overrides) as unknown as Record<string, unknown>;
  return POLICY_KEYS.map((key) => ({
    key,
    label: POLICY_PARAMS[key].label,
    value: p[key] ?? null,
    isDefault: !(key in overrides),
    source: key in overrides ? '本县设置' : POLICY_PARAMS[key].source,
  }));
}

/** Validate one user-given value (text from a flag) for a parameter; Chinese message on failure. */
export function parsePolicyValue(
  key: PolicyKey,
  raw: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const def = POLICY_PARAMS[key];
  let candidate: unknown = raw.trim();
  if (key === 'incomeDropAny') {
    const t = raw.trim();
    candidate = ['是', 'true', '1', 'yes'].includes(t) ? true : ['否', 'false', '0', 'no'].includes(t) ? false : t;
  } else if (!TEXT_PARAMS.includes(key)) {
    const n = Number(raw.trim().replace(/,/g, ''));
    candidate = Number.isFinite(n) && raw.trim() !== '' ? n : raw;
  }
  const choices = (def as ParamDef<unknown>).choices;
  if (choices && typeof candidate === 'string') {
    const byLabel = Object.entries(choices).find(([, label]) => label === candidate || `${label}` === `按${candidate}`);
    if (byLabel) candidate = byLabel[0];
  }
  const r = (def.check as Check<unknown>)(candidate);
  if (r.ok) return { ok: true, value: r.value };
  return { ok: false, message: `「${def.label}」(--${def.flag}) 的值「${raw}」不对：${r.message}` };
}

/** The income line for a year, or a Chinese message telling the clerk how to set it. */
export function requireIncomeLine(policy: Policy): number {
  if (policy.incomeLine === undefined) {
    throw new FpjcError(
      'POLICY_MISSING',
      `${policy.year} 年的监测范围（收入基准）尚未设置。请运行：fpjc policy set --year ${policy.year} --income-line 金额`,
    );
  }
  return policy.incomeLine;
}
