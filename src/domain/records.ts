import { displayValue, type StoredValue } from './field-values.js';
import type { KindDef } from './fields.js';

/** A register row as a record with the canonical Chinese field names (SPEC §11 JSON shapes). */
export function toChineseRecord(kind: KindDef, row: Record<string, unknown>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of kind.fields) {
    if (f.importOnly || !(f.column in row)) continue;
    let v = (row[f.column] ?? null) as StoredValue;
    if (v === '' && (f.column === 'member_id_no' || f.column === 'content' || f.column === 'start_date')) v = null;
    out[f.header] = displayValue(f, v);
  }
  return out;
}
