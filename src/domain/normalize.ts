/**
 * Value parsers for what clerks type into Excel/WPS and what the national system exports
 * (SPEC §5 "Values"). Pure functions: every parser returns the normalised value or a Chinese
 * message saying what is wrong (the caller adds sheet, row, column and the raw value).
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Earliest and latest years a date in the register may have. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Full-width ASCII (U+FF01–U+FF5E: digits, letters, brackets, punctuation), the ideographic
 * space and the full-width yen sign to their half-width forms. Other characters are kept.
 */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (c === 0xffe5) out += '¥';
    else out += ch;
  }
  return out;
}

/** Invisible characters that ride along in pasted cells. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * A free-text cell: trimmed, half-width, line breaks (and the blanks around them) collapsed to
 * one space, runs of blanks to one space. Empty → null. Numbers and booleans become text.
 */
export function cleanText(raw: unknown, options: { keepPunctuation?: boolean } = {}): string | null {
  if (raw === null || raw === undefined) return null;
  let s: string;
  if (typeof raw === 'string') s = raw;
  else if (typeof raw === 'number') s = Number.isFinite(raw) ? String(raw) : '';
  else if (typeof raw === 'boolean') s = raw ? '是' : '否';
  else if (raw instanceof Date) s = Number.isNaN(raw.getTime()) ? '' : dateFromUtc(raw);
  else s = String(raw);
  // free text (说明, names) keeps Chinese punctuation: only full-width letters, digits and spaces change
  s = (
    options.keepPunctuation
      ? s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]/g, (c) => toHalfWidth(c))
      : toHalfWidth(s)
  )
    .replace(INVISIBLE, '')
    .replace(/\u00a0/g, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

/** Text of a cell for the parsers below: half-width, no blanks at all. '' when empty. */
function compact(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return toHalfWidth(String(raw)).replace(INVISIBLE, '').replace(/\s+/g, '');
}

function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && compact(raw) === '');
}

// ---------------------------------------------------------------------------------------------
// Yes / no

const YES = new Set(['是', '√', '✓', '✔', '☑', '1', 'y', 'yes', 'true', '有', '是的']);
const NO = new Set(['否', '×', '✗', '✘', '☒', '0', 'n', 'no', 'false', '无', '没有', '不是']);

/** 是/否 and the usual variants (√/×, ✓, 1/0, Y/N, true/false, 有/无). */
export function parseYesNo(raw: unknown): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (typeof raw === 'number') {
    if (raw === 1) return ok(true);
    if (raw === 0) return ok(false);
    return fail('应为「是」或「否」');
  }
  if (isBlank(raw)) return fail('应为「是」或「否」，不能为空');
  const s = compact(raw).toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return fail('应为「是」或「否」');
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Rounds to cents without the usual binary noise (1.005 → 1.01). */
export function roundCents(n: number): number {
  const sign = n < 0 ? -1 : 1;
  const r = (sign * Math.round(Number((Math.abs(n) * 100).toFixed(6)))) / 100;
  return r === 0 ? 0 : r;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * A number as text: plain, with thousands separators, with a leading sign (−, -, +) or in
 * accounting brackets `(1,234.00)`. Returns null when it is not one.
 */
function numberFromText(s: string): number | null {
  let t = s.replace(/[−–]/g, '-');
  let negative = false;
  const bracketed = /^\((.+)\)$/.exec(t);
  if (bracketed) {
    negative = true;
    t = bracketed[1]!;
  }
  if (!PLAIN_NUMBER.test(t) && !GROUPED_NUMBER.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  if (negative && n < 0) return null;
  return negative ? -n : n;
}

/**
 * An amount of money in 元: numbers, `1,234.50`, full-width digits, `¥12`, `12元`, `1.5万`.
 * Rounded to cents. Negative amounts are returned as such: the caller decides whether they
 * are allowed.
 */
export function parseMoney(raw: unknown): Parsed<number> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(roundCents(raw)) : fail('应为数字金额');
  if (isBlank(raw)) return fail('应为数字金额，不能为空');
  let s = compact(raw).replace(/^(¥|RMB|CNY)/i, '');
  let factor = 1;
  if (/(万元|万)$/.test(s)) {
    factor = 10000;
    s = s.replace(/(万元|万)$/, '');
  } else {
    s = s.replace(/元$/, '');
  }
  const n = numberFromText(s);
  if (n === null) return fail('应为数字金额');
  return ok(roundCents(n * factor));
}

const INTEGER_UNITS = /(人|口|个月|月|户|年|天|日|次|个|名|间|套)$/;

/** A whole number: `12`, `1,234`, `12.0`, `4人`, `6个月`. `12.5` → message. */
export function parseInteger(raw: unknown): Parsed<number> {
  let n: number | null;
  if (typeof raw === 'number') n = Number.isFinite(raw) ? raw : null;
  else if (isBlank(raw)) return fail('应为整数，不能为空');
  else n = numberFromText(compact(raw).replace(INTEGER_UNITS, ''));
  if (n === null) return fail('应为整数');
  const rounded = Math.round(n);
  if (Math.abs(n - rounded) > 1e-9) return fail('应为整数，不能有小数');
  if (!Number.isSafeInteger(rounded)) return fail('数值过大');
  return ok(rounded === 0 ? 0 : rounded);
}

const DECIMAL_UNITS = /(亩|公里|千米|km|米|m|元|%)$/i;

/** A decimal number: `12.5`, `1,234.5`, `3亩`, `2.5公里`. Negative numbers are returned as such. */
export function parseDecimal(raw: unknown): Parsed<number> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : fail('应为数字');
  if (isBlank(raw)) return fail('应为数字，不能为空');
  const n = numberFromText(compact(raw).replace(DECIMAL_UNITS, ''));
  if (n === null) return fail('应为数字');
  return ok(n === 0 ? 0 : n);
}

// ---------------------------------------------------------------------------------------------
// Dates

const pad2 = (n: number): string => String(n).padStart(2, '0');

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function dateFromUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Checks year, month and day; returns the ISO date or a message naming the problem. */
function checkYmd(y: number, m: number, d: number): Parsed<string> {
  const year = checkYm(y, m);
  if (!year.ok) return year;
  if (d < 1 || d > daysInMonth(y, m)) {
    return fail(`${y}年${m}月没有 ${d} 日（该月只有 ${daysInMonth(y, m)} 天）`);
  }
  return ok(`${y}-${pad2(m)}-${pad2(d)}`);
}

function checkYm(y: number, m: number): Parsed<string> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`年份 ${y} 超出范围（应在 ${MIN_YEAR}–${MAX_YEAR} 之间）`);
  if (m < 1 || m > 12) return fail(`月份 ${m} 不存在（应为 1–12）`);
  return ok(`${y}-${pad2(m)}`);
}

/** Largest serial accepted: 2100-12-31. */
const MAX_SERIAL = 73415;

/**
 * Excel serial day number (1900 date system) → ISO date. Excel counts the non-existent
 * 1900-02-29 as serial 60, so serials from 61 on are one day ahead of a plain day count.
 * The time of day (fraction) is dropped.
 */
export function excelSerialToDate(serial: number): Parsed<string> {
  if (!Number.isFinite(serial)) return fail('不是有效的日期');
  const day = Math.floor(serial);
  if (day === 60) return fail('Excel 日期序号 60 表示 1900年2月29日，这一天并不存在');
  if (day < 1 || day > MAX_SERIAL) return fail(`数字 ${serial} 不是有效的 Excel 日期`);
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return ok(dateFromUtc(new Date(base + day * 86_400_000)));
}

/** ISO date → Excel serial (1900 date system). */
export function dateToExcelSerial(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return days < 61 ? days - 1 : days;
}

const DATE_HINT = '请写成 2024-05-01 或 2024年5月1日';

/** Drops a time of day written after the date (`2024-05-01 00:00:00`, `2024/5/1 8:30`, ISO `T…Z`). */
function dropTime(s: string): string {
  return s
    .trim()
    .replace(/(?:[T\s]+|(?<=日))\d{1,2}(:\d{2}){1,2}(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i, '')
    .trim();
}

/** Year, month and optional day from the written forms; null when not a recognised form. */
function splitDateText(s: string): { y: number; m: number; d?: number } | null {
  const patterns: RegExp[] = [
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
    /^(\d{4})(\d{2})(\d{2})$/,
    /^(\d{4})年(\d{1,2})月(?:份)?(\d{1,2})[日号]?$/,
  ];
  for (const p of patterns) {
    const r = p.exec(s);
    if (r) return { y: Number(r[1]), m: Number(r[2]), d: Number(r[3]) };
  }
  const monthPatterns: RegExp[] = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})(\d{2})$/, /^(\d{4})年(\d{1,2})月?(?:份)?$/];
  for (const p of monthPatterns) {
    const r = p.exec(s);
    if (r) return { y: Number(r[1]), m: Number(r[2]) };
  }
  return null;
}

/**
 * A date → `YYYY-MM-DD`: Excel serial numbers (and 8-digit numbers like 20240501), Date
 * objects (read as UTC, as spreadsheet libraries deliver them), and the written forms
 * `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYYMMDD`, `YYYY年M月D日`. A time of day is ignored.
 */
export function parseDate(raw: unknown): Parsed<string> {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail('不是有效的日期');
    const iso = dateFromUtc(raw);
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return checkYmd(y, m, d);
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 10_000_000 && raw <= 99_999_999) {
      return checkYmd(Math.floor(raw / 10000), Math.floor(raw / 100) % 100, raw % 100);
    }
    if (Number.isInteger(raw) && raw >= 100_000 && raw <= 999_999) {
      return fail(`「${raw}」只有年月，缺少日，${DATE_HINT}`);
    }
    return excelSerialToDate(raw);
  }
  if (isBlank(raw)) return fail('日期不能为空');
  const s = compact(dropTime(toHalfWidth(String(raw))));
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialToDate(Number(s));
  const parts = splitDateText(s);
  if (!parts) return fail(`「${s}」不是可识别的日期，${DATE_HINT}`);
  if (parts.d === undefined) {
    const ym = checkYm(parts.y, parts.m);
    if (!ym.ok) return ym;
    return fail(`「${s}」只有年月，缺少日，${DATE_HINT}`);
  }
  return checkYmd(parts.y, parts.m, parts.d);
}

/**
 * A "since when" or a period bound (纳入低保时间, 纳入特困时间, a measure's 开始/结束时间): a full
 * date → `YYYY-MM-DD`, or a month alone (`YYYYMM`, `2024-05`, `2024年5月`, the number 202405) kept
 * with month precision → `YYYY-MM`. National exports write many such dates without a day.
 */
export function parseDateOrMonth(raw: unknown): Parsed<string> {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 100_000 && raw <= 999_999) {
    return checkYm(Math.floor(raw / 100), raw % 100);
  }
  if (typeof raw === 'string') {
    const s = compact(dropTime(toHalfWidth(raw)));
    const parts = splitDateText(s);
    if (parts && parts.d === undefined) return checkYm(parts.y, parts.m);
  }
  return parseDate(raw);
}

/** The first day a date-or-month stands for: `2023-01` counts as since 1 January 2023. */
export function sinceDay(value: string): string {
  return value.length === 7 ? `${value}-01` : value;
}

/** The last day a date-or-month stands for: a period ending `2024-03` lasts to 31 March 2024. */
export function untilDay(value: string): string {
  if (value.length !== 7) return value;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  return `${value}-${pad2(daysInMonth(y, m))}`;
}

const MONTH_HINT = '请写成 2024-05 或 202405';

/**
 * A month → `YYYY-MM`: `YYYYMM` (text or the number 202405), `YYYY-MM`, `YYYY/MM`, `YYYY.MM`,
 * `YYYY年M月`, Excel serials, Date objects and full dates (the day is dropped).
 * A number such as 2024.1 is refused: Excel shows 2024.10 that way too.
 */
export function parseMonth(raw: unknown): Parsed<string> {
  if (raw instanceof Date) {
    const r = parseDate(raw);
    return r.ok ? ok(r.value.slice(0, 7)) : r;
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail('不是有效的年月');
    if (Number.isInteger(raw) && raw >= 100_000 && raw <= 999_999) {
      return checkYm(Math.floor(raw / 100), raw % 100);
    }
    if (Number.isInteger(raw) && raw >= 10_000_000 && raw <= 99_999_999) {
      const r = parseDate(raw);
      return r.ok ? ok(r.value.slice(0, 7)) : r;
    }
    if (raw >= MIN_YEAR && raw < MAX_YEAR + 1) {
      if (Number.isInteger(raw)) return fail(`「${raw}」只有年份，缺少月份，${MONTH_HINT}`);
      if (Math.abs(raw * 100 - Math.round(raw * 100)) > 1e-6) return fail(`「${raw}」不是可识别的年月，${MONTH_HINT}`);
      const [y, frac] = raw.toFixed(2).split('.') as [string, string];
      if (frac === '10') {
        return fail(
          `「${raw}」可能是 ${y}年1月，也可能是 ${y}年10月（Excel 把它存成了数字），请写成 ${y}-01 或 ${y}-10`,
        );
      }
      if (/^\d0$/.test(frac) || /^[01]\d$/.test(frac)) {
        const m = frac.endsWith('0') ? Number(frac[0]) : Number(frac);
        return checkYm(Number(y), m);
      }
      return fail(`「${raw}」不是可识别的年月，${MONTH_HINT}`);
    }
    const r = excelSerialToDate(raw);
    return r.ok ? ok(r.value.slice(0, 7)) : fail(`「${raw}」不是可识别的年月，${MONTH_HINT}`);
  }
  if (isBlank(raw)) return fail('年月不能为空');
  const s = compact(dropTime(toHalfWidth(String(raw))));
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const r = excelSerialToDate(Number(s));
    return r.ok ? ok(r.value.slice(0, 7)) : r;
  }
  if (/^\d{4}年?$/.test(s)) return fail(`「${s}」只有年份，缺少月份，${MONTH_HINT}`);
  const parts = splitDateText(s);
  if (!parts) return fail(`「${s}」不是可识别的年月，${MONTH_HINT}`);
  if (parts.d !== undefined) {
    const r = checkYmd(parts.y, parts.m, parts.d);
    return r.ok ? ok(r.value.slice(0, 7)) : r;
  }
  return checkYm(parts.y, parts.m);
}

/** A year of the register's data (年度): 2000–2100, from `2024`, `2024年`, `2024年度`. */
export function parseYear(raw: unknown): Parsed<number> {
  const message = '年度应为 2000–2100 之间的四位年份，如 2024';
  let n: number;
  if (typeof raw === 'number') n = raw;
  else {
    if (isBlank(raw)) return fail(message);
    const s = compact(raw).replace(/年度?$/, '');
    if (!/^\d{4}(\.0+)?$/.test(s)) return fail(message);
    n = Number(s);
  }
  if (!Number.isInteger(n) || n < 2000 || n > 2100) return fail(message);
  return ok(n);
}

/** Whole years of age on a date (both `YYYY-MM-DD`). */
export function ageAt(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

// ---------------------------------------------------------------------------------------------
// Formatting for evidence texts and forms

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `5210` → `5,210.00`; negative `-1,234.50`. Non-finite → ''. */
export function formatMoney(n: number): string {
  if (!Number.isFinite(n)) return '';
  const cents = Math.round(Number((Math.abs(n) * 100).toFixed(6)));
  const sign = n < 0 && cents !== 0 ? '-' : '';
  const int = Math.floor(cents / 100);
  return `${sign}${groupThousands(String(int))}.${pad2(cents % 100)}`;
}

/** `5210.4` → `5,210` (whole 元, rounded half up), as used in evidence texts. Non-finite → ''. */
/** A count as a clerk reads it: 12,071. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatYuan(n: number): string {
  if (!Number.isFinite(n)) return '';
  const whole = Math.round(Number(Math.abs(n).toFixed(6)));
  const sign = n < 0 && whole !== 0 ? '-' : '';
  return `${sign}${groupThousands(String(whole))}`;
}

/** `2024-05` → `2024年5月` (a full date keeps its month only). Anything else is returned as is. */
export function formatMonthCn(month: string): string {
  const r = /^(\d{4})-(\d{2})(-\d{2})?$/.exec(month);
  return r ? `${r[1]}年${Number(r[2])}月` : month;
}

/** `2024-05-01` → `2024年5月1日`. Anything else is returned as is. */
export function formatDateCn(date: string): string {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return r ? `${r[1]}年${Number(r[2])}月${Number(r[3])}日` : date;
}
