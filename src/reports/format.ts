import { maskIdNumber, maskPhone } from '../domain/id-number.js';
import { formatDateCn, formatMoney, formatMonthCn } from '../domain/normalize.js';
import type { Format } from './syntax.js';

/** A value a report hands to a template: text, a number, or nothing (blank cell). */
export type Scalar = string | number | null | undefined;

/** What a placeholder becomes: the value and, for a cell holding only that placeholder, a number format. */
export interface Formatted {
  value: string | number | null;
  numFmt?: string;
}

const blank = (v: Scalar): boolean => v === null || v === undefined || v === '';

/** 2024-05 → 2024年5月 (a full date keeps its month). */
export function monthCn(v: Scalar): string | null {
  if (blank(v)) return null;
  return formatMonthCn(String(v).trim());
}

/** 2024-05-01 → 2024年5月1日; a month alone → 2024年5月. */
export function dateCn(v: Scalar): string | null {
  if (blank(v)) return null;
  const s = String(v).trim();
  return /^\d{4}-\d{2}$/.test(s) ? formatMonthCn(s) : formatDateCn(s);
}

const toNumber = (v: Scalar): number | null => {
  if (blank(v)) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const n = Number(String(v).replace(/,/g, '').trim());
  return Number.isFinite(n) ? n : null;
};

/**
 * Masks for public-facing forms (SPEC §1 公示, §12): an ID number keeps its first 6 and last 4
 * characters (140702********123X), a phone number its first 3 and last 4 (138****5678); any
 * other text (a name) keeps its first character.
 */
export function maskText(v: Scalar): string | null {
  if (blank(v)) return null;
  const s = String(v).trim();
  if (/^[0-9]{14,17}[0-9Xx]$/.test(s)) return maskIdNumber(s);
  if (/^[0-9+()（）-]{5,}$/.test(s)) return maskPhone(s);
  return `${[...s][0]}${'*'.repeat(Math.max(1, [...s].length - 1))}`;
}

const CHECKED = '☑';
const UNCHECKED = '□';
const YES = new Set(['是', '1', 'true', '有', '√']);
const NO = new Set(['否', '0', 'false', '无', '×']);

/** 勾选:是/否 → 「☑是 □否」: the options named by the value are ticked; blank ticks none. */
export function formatChoice(v: Scalar, options: readonly string[]): string {
  let chosen: string[] = [];
  if (!blank(v)) {
    const s = String(v).trim();
    chosen = s.split(/[、,，;；]/).map((x) => x.trim());
    // yes/no stored as 1/0 or written as 有/无 ticks the matching option
    if (chosen.length === 1 && !options.includes(s)) {
      if (YES.has(s)) chosen = options.filter((o) => YES.has(o));
      else if (NO.has(s)) chosen = options.filter((o) => NO.has(o));
    }
  }
  return options.map((o) => `${chosen.includes(o) ? CHECKED : UNCHECKED}${o}`).join('  ');
}

/**
 * Apply a format. `alone` is true when the placeholder is the whole cell: numbers then stay
 * numbers (so a clerk can still sum the column) and carry a number format.
 */
export function applyFormat(v: Scalar, format: Format | undefined, alone: boolean): Formatted {
  if (!format) {
    if (blank(v)) return { value: null };
    // inside text a number is written plainly (a year must not become 2,024); |金额 and |整数 group digits
    return { value: typeof v === 'number' && !alone ? String(Math.round(v * 100) / 100) : (v as string | number) };
  }
  switch (format.kind) {
    case '年月':
      return { value: monthCn(v) };
    case '日期':
      return { value: dateCn(v) };
    case '金额': {
      const n = toNumber(v);
      if (alone && n !== null) return { value: Math.round(n * 100) / 100, numFmt: '#,##0.00' };
      return { value: n === null ? (blank(v) ? null : String(v)) : formatMoney(n) };
    }
    case '整数': {
      const n = toNumber(v);
      if (n === null) return { value: blank(v) ? null : String(v) };
      return alone ? { value: Math.round(n), numFmt: '0' } : { value: Math.round(n).toLocaleString('en-US') };
    }
    case '掩码':
      return { value: maskText(v) };
    case '勾选':
      return { value: formatChoice(v, format.options) };
  }
}
