/** Calendar arithmetic on `YYYY-MM-DD` texts (UTC, no time of day). */

const MS_PER_DAY = 86_400_000;

const toUtc = (d: string): number => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, day);
};

const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY);
}

/** Today in local time, as a clerk's calendar shows it. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` → `YYYY-MM`. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The month `months` before the month of `asOf` (YYYY-MM). */
export function monthsBefore(asOf: string, months: number): string {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) - months;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
