import { normalizeHeader } from './headers.js';
import type { RawCell } from './raw-row.js';
import { readTableRows } from './table-reader.js';

/**
 * The rows of a small sheet a clerk filled in (a decision or 回访 sheet), keyed by the columns
 * a header names: the first row of a sheet whose cells name the required keys is its header
 * (title rows above it are skipped); blank rows are dropped. Big files go through the import
 * pipeline instead.
 */

export interface KeyedRow {
  sheet: string;
  row: number;
  values: Map<string, RawCell>;
}

export const cellText = (v: RawCell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** Header name (any alias) → key, for `readKeyedRows`. */
export function headerLookup(columns: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  return new Map(
    Object.entries(columns).flatMap(([key, names]) => names.map((n) => [normalizeHeader(n), key] as const)),
  );
}

export async function readKeyedRows(
  file: string,
  lookup: ReadonlyMap<string, string>,
  required: readonly string[],
): Promise<{ rows: KeyedRow[]; columns: (string | null)[] | null; rowsRead: number }> {
  const rows: KeyedRow[] = [];
  let header: { sheet: string; columns: (string | null)[] } | null = null;
  let first: (string | null)[] | null = null;
  let rowsRead = 0;
  for await (const r of readTableRows(file)) {
    rowsRead++;
    if (!header || header.sheet !== r.sheet) {
      const columns = r.cells.map((c) => lookup.get(normalizeHeader(c)) ?? null);
      if (required.every((k) => columns.includes(k))) {
        header = { sheet: r.sheet, columns };
        first ??= columns;
      }
      continue;
    }
    const values = new Map<string, RawCell>();
    header.columns.forEach((k, i) => {
      if (k) values.set(k, r.cells[i] ?? null);
    });
    if ([...values.values()].every((v) => cellText(v) === '')) continue;
    rows.push({ sheet: r.sheet, row: r.row, values });
  }
  return { rows, columns: first, rowsRead };
}
