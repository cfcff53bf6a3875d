import type { Item } from './render.js';
import type { ReportContext, Unit } from './types.js';

/** Single values every report provides (title lines, unit and date lines). */
export const COMMON_FIELDS = [
  '县名',
  '省',
  '乡镇',
  '村',
  '地区',
  '统计日期',
  '年度',
  '收入年度',
  '制表日期',
  '经办人',
  '排查批次',
] as const;

const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function commonValues(
  ctx: ReportContext,
  unit: Unit,
): Record<(typeof COMMON_FIELDS)[number], string | number | null> {
  const county = ctx.county.countyName || '';
  return {
    县名: county,
    省: ctx.county.province,
    乡镇: unit.township ?? null,
    村: unit.village ?? null,
    地区: `${county}${unit.township ?? ''}${unit.village ?? ''}` || '全县',
    统计日期: ctx.asOf,
    年度: ctx.year,
    收入年度: ctx.year - 1,
    制表日期: todayIso(),
    经办人: ctx.operator,
    排查批次: ctx.campaign ? `${ctx.campaign.id}${ctx.campaign.name ? ` ${ctx.campaign.name}` : ''}` : null,
  };
}

/** A lazy list: a fresh pass over the source every time the engine iterates it (a sheet may use a list twice). */
export function lazyList<T>(source: () => Iterable<T>, map: (row: T) => Item): Iterable<Item> {
  return {
    *[Symbol.iterator]() {
      for (const row of source()) yield map(row);
    },
  };
}

/** 是/否 for a stored 0/1 flag; blank stays blank. */
export const yesNo = (v: unknown): string | null => (v === 1 || v === '1' ? '是' : v === 0 || v === '0' ? '否' : null);

/** Risk types of a household joined with 、, 因自然灾害 with its sub-item. */
export function riskText(
  risks: readonly (string | null | undefined)[],
  disasterSub: string | null | undefined,
): string | null {
  const out = risks
    .filter((r): r is string => Boolean(r))
    .map((r) => (r === '因自然灾害' && disasterSub ? `因自然灾害（${disasterSub}）` : r));
  return out.length ? out.join('、') : null;
}

export const colourName = (c: string | null | undefined): string | null => (c ? `${c}色` : null);

/** The colour scheme in words, for notes under tables (SPEC §4 colorScheme). */
export const colourSchemeText = (scheme: 'duration' | 'income'): string =>
  scheme === 'duration'
    ? '三色预警按风险持续时间：一年以上未消除为红色，半年至一年为黄色，半年以内为蓝色'
    : '三色预警按上年人均纯收入：5000元以下为红色，5000～10000元为黄色，10000元以上为绿色';

/**
 * Text from the screening rules made fit for paper: no rule numbers (R03, V01) and no
 * references to the source documents (「（种子 004）」): a township reads the rule's words.
 */
export function paperText(text: string | null | undefined): string | null {
  if (!text) return null;
  const out = text
    .replace(/[（(]\s*种子\s*\d+[^）)]*[）)]/g, '')
    .replace(/种子\s*\d+\s*[：:]?/g, '')
    .replace(/[（(]\s*(?:R\d{2}|V01)\s*[）)]/g, '')
    .replace(/\b(?:R\d{2}|V01)\b\s*/g, '')
    .trim();
  return out || null;
}
