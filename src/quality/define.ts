import { monthsBetween } from '../domain/colour.js';
import { formatYuan } from '../domain/normalize.js';
import { hasHealth, LABOUR_CAPABLE_SKILLS } from '../domain/vocab.js';
import type { Hit, HouseholdRule, QHousehold, QMember, QualityContext, RuleMeta } from './types.js';

/** Building blocks of the rule modules: two ways to declare a rule, and the texts messages share. */

type Meta = RuleMeta;

/** A rule about each 在册 member: `test` returns the message for a member it finds, else null. */
export function memberRule(
  meta: Meta & {
    /** Household condition checked once before the members (e.g. only 监测对象). */
    when?: (h: QHousehold, c: QualityContext) => boolean;
    test: (m: QMember, h: QHousehold, c: QualityContext) => string | null;
  },
): HouseholdRule {
  const { when, test, ...rest } = meta;
  return {
    ...rest,
    scope: 'household',
    check(h, c) {
      if (when && !when(h, c)) return [];
      const out: Hit[] = [];
      for (const m of h.members) {
        const message = test(m, h, c);
        if (message !== null) out.push({ member: m, message });
      }
      return out;
    },
  };
}

/** A rule about the household as a whole, judged once: `test` returns the message, else null. */
export function householdRule(
  meta: Meta & { test: (h: QHousehold, c: QualityContext) => string | null },
): HouseholdRule {
  const { test, ...rest } = meta;
  return {
    ...rest,
    scope: 'household',
    check(h, c) {
      const message = test(h, c);
      return message === null ? [] : [{ message }];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Texts

/** `王小梅 13 岁（2011-03-02 出生）`, or `王小梅（未填出生日期）`. */
export function who(m: QMember): string {
  return m.birth === null || m.age === null ? `${m.name}（未填出生日期）` : `${m.name} ${m.age} 岁（${m.birth} 出生）`;
}

/** `「劳动技能」为「弱劳动力或半劳动力」`, or `「劳动技能」为空`. */
export function field(label: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return `「${label}」为空`;
  if (typeof value === 'boolean') return `「${label}」为「${value ? '是' : '否'}」`;
  return `「${label}」为「${value}」`;
}

export const yuan = (n: number | null): string => (n === null ? '空' : `${formatYuan(n)} 元`);

/** `2024年5月` from `2024-05`. */
export function month(m: string | null): string {
  const r = m ? /^(\d{4})-(\d{2})/.exec(m) : null;
  return r ? `${r[1]}年${Number(r[2])}月` : '空';
}

export const names = (ms: readonly QMember[]): string => ms.map((m) => m.name).join('、');

export const risksText = (h: QHousehold): string => (h.risks.length ? h.risks.join('、') : '空');

// ---------------------------------------------------------------------------------------------
// Readings shared by several rules

export const isMonitored = (h: QHousehold): boolean => h.monCategory !== null;
export const isUnresolved = (h: QHousehold): boolean => h.monCategory !== null && !h.eliminated;
export const isEliminated = (h: QHousehold): boolean => h.monCategory !== null && h.eliminated;
/**
 * Identified more than a month before the as-of date (or with no 识别监测时间): measures are due
 * (a household identified this month or last may not have them entered yet).
 */
export function settled(h: QHousehold, c: QualityContext): boolean {
  return h.identified === null || monthsBetween(h.identified, c.asOf) > 1;
}
export const hasRisk = (h: QHousehold, r: string): boolean => h.risks.includes(r);

/** The parts of a 健康状况 text, read once per distinct text (a county has a handful). */
const healthCache = new Map<string, { healthy: boolean; disabled: boolean; ill: boolean }>();
function healthOf(text: string | null): { healthy: boolean; disabled: boolean; ill: boolean } {
  if (text === null) return { healthy: false, disabled: false, ill: false };
  let h = healthCache.get(text);
  if (!h) {
    h = {
      healthy: hasHealth(text, '健康') && !hasHealth(text, '残疾'),
      disabled: hasHealth(text, '残疾'),
      ill: hasHealth(text, '患有大病') || hasHealth(text, '长期慢性病'),
    };
    healthCache.set(text, h);
  }
  return h;
}

/** Healthy: 健康状况 is exactly 健康. */
export const isHealthy = (m: QMember): boolean => healthOf(m.health).healthy;
export const isDisabled = (m: QMember): boolean =>
  healthOf(m.health).disabled || m.idType === '残疾人证' || m.disabilityType !== null || m.disabilityGrade !== null;
export const isIll = (m: QMember): boolean => healthOf(m.health).ill;
// the register keeps the national values (the importer normalises them): compared as they are
export const isSevere = (m: QMember): boolean => m.disabilityGrade === '一级' || m.disabilityGrade === '二级';
/** In school: a stage from 学前教育 up (the stage is read from 在校生状况 once, by the loader). */
export const inSchool = (m: QMember): boolean => m.stage !== null && m.stage !== '学龄前' && m.stage !== '非在校生';
export const capable = (m: QMember): boolean => m.labour !== null && LABOUR_CAPABLE_SKILLS.includes(m.labour);
/** 普通劳动力 or 技能劳动力 (full labour, the reference's 有劳动能力). */
export const fullLabour = (m: QMember): boolean => m.labour === '普通劳动力' || m.labour === '技能劳动力';
export const noLabour = (m: QMember): boolean => m.labour === '无劳动力' || m.labour === '丧失劳动力';
export const onDibao = (m: QMember): boolean => m.dibao === '农村低保' || m.dibao === '城市低保';
export const onTekun = (m: QMember): boolean => m.tekun === true;

/** Measures of one of the 类别, with their contents. */
export function measuresOf(h: QHousehold, ...categories: string[]): string[] {
  const out: string[] = [];
  for (const c of categories) for (const x of h.measures.get(c) ?? []) out.push(x || c);
  return out;
}
export const hasMeasure = (h: QHousehold, ...categories: string[]): boolean =>
  categories.some((c) => (h.measures.get(c)?.length ?? 0) > 0);
/** Any measure whose 类别 or content mentions one of the words (低保, 特困, 残疾人 …). */
export function measureMentions(h: QHousehold, categories: readonly string[], words: readonly string[]): string | null {
  for (const c of categories) for (const x of h.measures.get(c) ?? []) if (words.some((w) => x.includes(w))) return x;
  return null;
}
export const measureCount = (h: QHousehold): number => {
  let n = 0;
  for (const v of h.measures.values()) n += v.length;
  return n;
};

/** Currently working: a 务工 period not ended before the as-of month, or a 务工状况 other than 未务工. */
export function isWorking(m: QMember, c: QualityContext): boolean {
  const now = c.asOf.slice(0, 7);
  if (m.work.some((w) => w.working !== false && (w.end === null || w.end >= now))) return true;
  return m.workStatus !== null && m.workStatus !== '未务工';
}
