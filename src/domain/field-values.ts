import type { FieldDef } from './fields.js';
import { checkIdNumber } from './id-number.js';
import {
  cleanText,
  parseDate,
  parseDateOrMonth,
  parseDecimal,
  parseInteger,
  parseMoney,
  parseMonth,
  parseYear,
  parseYesNo,
  toHalfWidth,
} from './normalize.js';
import { matchVocab, matchVocabMulti, type VocabName } from './vocab.js';

/** A value as stored in the register: text, number (money, counts, 0/1 for yes/no) or empty. */
export type StoredValue = string | number | null;

export type FieldResult = { ok: true; value: StoredValue } | { ok: false; message: string };

/** Raw cell as read from a sheet: numbers only where Excel stored a number. */
export type CellInput = string | number | boolean | null | undefined;

export interface ParseContext {
  /** County extensions of vocabularies, by vocabulary name. */
  vocabExtensions?: ReadonlyMap<string, readonly string[]>;
  today?: Date;
}

/**
 * Answers for the cells of fields whose values repeat down a county file (yes/no, value lists,
 * months, years, dates), by field and cell: a file's cells are few distinct strings met again and
 * again, and a lookup by the cell itself needs no key to be built.
 */
const answers = new WeakMap<FieldDef, Map<string | number, FieldResult>>();
const REPEATING: ReadonlySet<FieldDef['type']> = new Set([
  'bool',
  'enum',
  'multiEnum',
  'month',
  'year',
  'date',
  'dateOrMonth',
]);
/** Distinct cells remembered per field before its answers are forgotten (birth dates are many). */
const ANSWERS_PER_FIELD = 20_000;

/** Longest cell text accepted; longer is almost always a paste gone wrong. */
export const MAX_CELL_CHARS = 2000;

const ok = (value: StoredValue): FieldResult => ({ ok: true, value });
const BLANK: FieldResult = Object.freeze({ ok: true, value: null });
const fail = (message: string): FieldResult => ({ ok: false, message });

const isBlank = (raw: CellInput): boolean =>
  raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');

/** Digit strings that Excel may have turned into numbers (户编号, 电话, 代码). */
function codeText(raw: CellInput, header: string): FieldResult {
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw)) {
      return fail(`「${header}」被 Excel 存成了数字（${raw}），后几位已丢失。请把该列设为文本后重新导出`);
    }
    return ok(String(raw));
  }
  const text = cleanText(raw);
  if (text === null) return ok(null);
  if (/^\d(\.\d+)?e\+\d+$/i.test(text)) {
    return fail(`「${header}」被 Excel 存成了数字（${text}），后几位已丢失。请把该列设为文本后重新导出`);
  }
  return ok(text);
}

/** Parse one cell for a field of the dictionary. Blank → null (required-ness is checked by the caller). */
export function parseFieldValue(field: FieldDef, raw: CellInput, ctx: ParseContext = {}): FieldResult {
  if (isBlank(raw)) return BLANK;
  if ((typeof raw !== 'string' && typeof raw !== 'number') || !REPEATING.has(field.type)) {
    return parseUncached(field, raw as Exclude<CellInput, null | undefined>, ctx);
  }
  // a county's own additions to a value list change the answers: not remembered
  if (field.vocab && ctx.vocabExtensions?.get(field.vocab)) return parseUncached(field, raw, ctx);
  let known = answers.get(field);
  if (!known) answers.set(field, (known = new Map()));
  const hit = known.get(raw);
  if (hit) return hit;
  const r = parseUncached(field, raw, ctx);
  if (known.size >= ANSWERS_PER_FIELD) known.clear();
  known.set(raw, r);
  return r;
}

function parseUncached(field: FieldDef, raw: Exclude<CellInput, null | undefined>, ctx: ParseContext): FieldResult {
  if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
    return fail(
      `内容过长（${raw.length.toLocaleString('en-US')} 个字符，最多 ${MAX_CELL_CHARS} 个），请检查是否粘贴错了内容`,
    );
  }
  const input = typeof raw === 'boolean' ? (raw ? '是' : '否') : raw;
  switch (field.type) {
    case 'text': {
      return ok(cleanText(input, { keepPunctuation: true }));
    }
    case 'code':
      return codeText(input, field.header);
    case 'phone': {
      const r = codeText(input, field.header);
      if (!r.ok || r.value === null) return r;
      const phone = String(r.value).replace(/[\s-]/g, '');
      if (!/^[\d+()（）/、,，]{5,40}$/.test(phone)) return fail(`「${String(r.value)}」不是有效的电话号码`);
      return ok(phone);
    }
    case 'idNo': {
      const r = checkIdNumber(typeof input === 'number' ? input : toHalfWidth(String(input)).trim(), ctx.today);
      return r.ok ? ok(r.idNo) : fail(r.message);
    }
    case 'enum': {
      const r = matchVocab(field.vocab as VocabName, String(input), ctx.vocabExtensions?.get(field.vocab ?? ''));
      return r.ok ? ok(r.value) : fail(r.message);
    }
    case 'multiEnum': {
      const r = matchVocabMulti(field.vocab as VocabName, String(input), ctx.vocabExtensions?.get(field.vocab ?? ''));
      return r.ok ? ok(r.value) : fail(r.message);
    }
    case 'bool': {
      const r = parseYesNo(input);
      return r.ok ? ok(r.value ? 1 : 0) : fail(r.message);
    }
    case 'date': {
      const r = parseDate(input);
      return r.ok ? ok(r.value) : fail(r.message);
    }
    case 'dateOrMonth': {
      const r = parseDateOrMonth(input);
      return r.ok ? ok(r.value) : fail(r.message);
    }
    case 'month': {
      const r = parseMonth(input);
      return r.ok ? ok(r.value) : fail(r.message);
    }
    case 'money': {
      const r = parseMoney(input);
      if (!r.ok) return fail(r.message);
      if (r.value < 0 && !field.allowNegative) return fail('金额不能为负数');
      return ok(r.value);
    }
    case 'decimal': {
      const r = parseDecimal(input);
      if (!r.ok) return fail(r.message);
      if (r.value < 0 && !field.allowNegative) return fail('不能为负数');
      return ok(r.value);
    }
    case 'int': {
      const r = parseInteger(input);
      if (!r.ok) return fail(r.message);
      if (r.value < 0) return fail('不能为负数');
      return ok(r.value);
    }
    case 'year': {
      const r = parseYear(input);
      return r.ok ? ok(r.value) : fail(r.message);
    }
  }
}

/** The text shown for a stored value of a field (exports, messages): 0/1 as 否/是. */
export function displayValue(field: FieldDef, value: StoredValue): string | number | null {
  if (value === null) return null;
  if (field.type === 'bool') return value === 1 || value === '1' ? '是' : '否';
  return value;
}
