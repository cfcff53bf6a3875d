import type { FieldDef, KindDef } from '../domain/fields.js';
import type { RawCell } from './raw-row.js';

/**
 * Header matching: canonical names and aliases, tolerant of full/half-width brackets, spaces,
 * line breaks and required-markers (*) inside header cells (SPEC §5).
 */
export function normalizeHeader(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  return String(cell)
    .normalize('NFKC') // full-width brackets, letters and digits → half-width
    .replace(/[\s\u3000]+/g, '')
    .replace(/[【〔［]/g, '(')
    .replace(/[】〕］]/g, ')')
    .replace(/^\*+|\*+$/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

export interface HeaderMapping {
  /** Field for each column index (null = not a field of this kind). */
  columns: (FieldDef | null)[];
  /** Header text of each column as written in the file (for messages). */
  headerText: string[];
  unknown: string[];
  missing: FieldDef[];
  matched: number;
  duplicates: string[];
}

const lookupCache = new WeakMap<KindDef, { fields: Map<string, FieldDef>; ignored: Set<string> }>();

function lookup(kind: KindDef): { fields: Map<string, FieldDef>; ignored: Set<string> } {
  let l = lookupCache.get(kind);
  if (!l) {
    const fields = new Map<string, FieldDef>();
    for (const f of kind.fields) {
      for (const name of [f.header, ...(f.aliases ?? [])]) {
        const key = normalizeHeader(name);
        if (!fields.has(key)) fields.set(key, f);
      }
    }
    const ignored = new Set((kind.ignored ?? []).map(normalizeHeader).filter((h) => !fields.has(h)));
    l = { fields, ignored };
    lookupCache.set(kind, l);
  }
  return l;
}

export function mapHeader(cells: readonly RawCell[], kind: KindDef): HeaderMapping {
  const { fields, ignored } = lookup(kind);
  const columns: (FieldDef | null)[] = [];
  const headerText: string[] = [];
  const unknown: string[] = [];
  const duplicates: string[] = [];
  const seen = new Set<FieldDef>();
  cells.forEach((cell, i) => {
    const text = cell === null ? '' : String(cell).replace(/\s+/g, ' ').trim();
    headerText[i] = text;
    const key = normalizeHeader(cell);
    const field = key ? fields.get(key) : undefined;
    if (field && !seen.has(field)) {
      seen.add(field);
      columns[i] = field;
    } else {
      columns[i] = null;
      if (field) duplicates.push(text);
      else if (key && !ignored.has(key)) unknown.push(text);
    }
  });
  const missing = kind.fields.filter((f) => f.required && !seen.has(f));
  return { columns, headerText, unknown, missing, matched: seen.size, duplicates };
}

/** Score of a row as the header of a kind: matched fields, all required present. */
function score(cells: readonly RawCell[], kind: KindDef): { matched: number; complete: boolean } {
  const m = mapHeader(cells, kind);
  return { matched: m.matched, complete: m.missing.length === 0 };
}

export interface HeaderGuess {
  kind: KindDef;
  /** Index into the rows given. */
  index: number;
  complete: boolean;
  matched: number;
}

/**
 * Find the header row among the first rows of a sheet (national exports put it on row 3 under a
 * title and an export-info row), for the kinds given. Prefers complete matches, then the most
 * matched fields, then the earliest row.
 */
export function findHeader(rows: readonly (readonly RawCell[])[], kinds: readonly KindDef[]): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  rows.forEach((cells, index) => {
    const texts = cells.filter((c) => typeof c === 'string' && c.trim() !== '').length;
    if (texts < 2) return;
    for (const kind of kinds) {
      const s = score(cells, kind);
      if (s.matched < 2) continue;
      const better =
        !best || (s.complete && !best.complete) || (s.complete === best.complete && s.matched > best.matched);
      if (better) best = { kind, index, complete: s.complete, matched: s.matched };
    }
  });
  return best;
}
