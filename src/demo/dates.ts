/** Calendar helpers for the demo generator (UTC epoch days, ISO texts). */

/** The demo campaign (2024Q2): as-of date, income years and income line. */
export const DEMO_AS_OF = '2024-05-01';
export const DEMO_INCOME_YEAR = 2023;
export const DEMO_PREVIOUS_YEAR = 2022;
export const DEMO_INCOME_LINE = 8300;
export const DEMO_CAMPAIGN = '2024Q2';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** ISO date `YYYY-MM-DD` of an epoch day. */
export function isoOf(day: number): string {
  const dt = new Date(day * DAY_MS);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export const AS_OF_DAY = dayOf(DEMO_AS_OF);

/** Whole years of age on the as-of date. */
export function ageOn(birth: string, on: string = DEMO_AS_OF): number {
  let age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

/** Month `YYYY-MM` plus n months. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

/** Months from `a` to `b` (both `YYYY-MM`). */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** `YYYY-MM` → `YYYYMM`, the national export's month format. */
export const compactMonth = (month: string): string => month.slice(0, 4) + month.slice(5, 7);
