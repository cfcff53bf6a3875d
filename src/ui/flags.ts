import { FpjcError } from '../domain/errors.js';
import { parseDate } from '../domain/normalize.js';

/** `--as-of` in any date form the importer accepts → YYYY-MM-DD, or undefined. */
export function parseAsOfFlag(raw: string | undefined, flag = 'as-of'): string | undefined {
  if (raw === undefined) return undefined;
  const r = parseDate(raw);
  if (!r.ok) throw new FpjcError('USAGE', `--${flag}「${raw}」不是有效日期：${r.message}。格式如 2024-05-01。`);
  return r.value;
}
