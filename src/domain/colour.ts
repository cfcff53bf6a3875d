/** 三色预警 (SPEC §4 colorScheme): by how long the risk stays (seed 000) or by income (seed 003). */
export type Colour = '红' | '黄' | '蓝' | '绿';

export function monthsBetween(fromMonth: string, asOf: string): number {
  const [fy, fm] = fromMonth.split('-').map(Number) as [number, number];
  const [ty, tm] = asOf.split('-').map(Number) as [number, number];
  // identification is recorded by month: count whole calendar months
  return (ty - fy) * 12 + (tm - fm);
}

/** Colour of an unresolved 监测对象. `duration`: red ≥ 12 months, yellow 6–12, blue < 6. */
export function colourByDuration(identifiedMonth: string | null, asOf: string): Colour | null {
  if (!identifiedMonth) return null;
  const m = monthsBetween(identifiedMonth, asOf);
  if (m >= 12) return '红';
  if (m >= 6) return '黄';
  return '蓝';
}

/** `income` (seed 003): red < 5000, yellow 5000–10000, green ≥ 10000 元 per capita. */
export function colourByIncome(perCapita: number | null): Colour | null {
  if (perCapita === null || perCapita === undefined) return null;
  if (perCapita < 5000) return '红';
  if (perCapita < 10000) return '黄';
  return '绿';
}

export function colourOf(
  scheme: 'duration' | 'income',
  h: { identifiedMonth: string | null; perCapita: number | null },
  asOf: string,
): Colour | null {
  return scheme === 'duration' ? colourByDuration(h.identifiedMonth, asOf) : colourByIncome(h.perCapita);
}
