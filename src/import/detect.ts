/**
 * Which kind a file holds, judged from its header (SPEC §5 "detects the kind from the headers").
 * Every kind is scored by the file's columns it recognises (its fields and the known columns it
 * ignores) against all non-empty header cells. The decision cannot misfile:
 *
 * - a kind is a candidate only when all its required columns are there;
 * - a kind that recognises a strict subset of what another recognises loses to it (a 务工 file is
 *   never 户信息: the 务工 kind knows every column 户信息 knows and its own);
 * - two kinds recognising the same columns: the one that stores more of them wins (a 家庭成员 file
 *   with 乡/村/户类型 beside the people is a per-person export), else the more specific one
 *   (listed first: a plain 家庭成员 file is not a per-person national export);
 * - two kinds that fit about equally, neither containing the other: refused, both named;
 * - the chosen kind leaving most columns unknown: refused, the candidates named.
 * With a kind given explicitly, it is refused when another kind clearly fits the file better.
 */
import type { KindDef } from '../domain/fields.js';
import { type HeaderMapping, mapHeader, normalizeHeader } from '../io/headers.js';
import type { RawCell } from '../io/raw-row.js';

export interface KindFit {
  kind: KindDef;
  /** Index of the header row among the rows scanned. */
  index: number;
  mapping: HeaderMapping;
  /** Non-empty header cells. */
  total: number;
  /** Header cells this kind recognises (fields and ignored known columns), normalised. */
  known: Set<string>;
  complete: boolean;
}

export type Detection =
  | { ok: true; fit: KindFit; reason: string }
  | { ok: false; why: 'none' }
  | { ok: false; why: 'missing'; fit: KindFit }
  | { ok: false; why: 'ambiguous'; fits: KindFit[] }
  | { ok: false; why: 'mostlyUnknown'; fit: KindFit; others: KindFit[] }
  | { ok: false; why: 'betterKind'; fit: KindFit; better: KindFit };

/** Below this share of recognised columns an automatically chosen kind is refused. */
const MIN_SHARE = 0.5;

function fitOf(cells: readonly RawCell[], index: number, kind: KindDef): KindFit {
  const mapping = mapHeader(cells, kind);
  const known = new Set<string>();
  let total = 0;
  cells.forEach((cell, i) => {
    const key = normalizeHeader(cell);
    if (!key) return;
    total++;
    if (mapping.columns[i] || !mapping.unknown.includes(mapping.headerText[i]!)) known.add(key);
  });
  return { kind, index, mapping, total, known, complete: mapping.missing.length === 0 };
}

/** Each kind's best header row among the first rows (most fields matched, then the earliest). */
export function fitKinds(rows: readonly (readonly RawCell[])[], kinds: readonly KindDef[]): KindFit[] {
  const out: KindFit[] = [];
  for (const kind of kinds) {
    let best: KindFit | null = null;
    rows.forEach((cells, index) => {
      const texts = cells.filter((c) => typeof c === 'string' && c.trim() !== '').length;
      if (texts < 2) return;
      const f = fitOf(cells, index, kind);
      if (f.mapping.matched < 2) return;
      const better =
        !best ||
        (f.complete && !best.complete) ||
        (f.complete === best.complete && f.mapping.matched > best.mapping.matched);
      if (better) best = f;
    });
    if (best) out.push(best);
  }
  return out;
}

const isSubset = (a: Set<string>, b: Set<string>): boolean => {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
};
const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && isSubset(a, b);
const strictSubset = (a: Set<string>, b: Set<string>): boolean => a.size < b.size && isSubset(a, b);

/** Two recognised counts this close (columns) are "about equal". */
const closeness = (total: number): number => Math.max(2, Math.ceil(total * 0.1));

/** Columns `a` recognises that `b` does not, as written in the file (for the reason shown). */
function distinctive(a: KindFit, b: KindFit | undefined, limit = 4): string[] {
  const out: string[] = [];
  a.mapping.headerText.forEach((text, i) => {
    if (!a.mapping.columns[i] || out.length >= limit) return;
    const key = normalizeHeader(text);
    if (!b || !b.known.has(key)) out.push(text);
  });
  return out;
}

/**
 * Decide the kind of one sheet. `kinds` are the candidates in priority order (specific kinds
 * first); `explicit` is the kind the clerk named, if any.
 */
export function detectKind(
  rows: readonly (readonly RawCell[])[],
  kinds: readonly KindDef[],
  explicit: KindDef | null,
): Detection {
  const fits = fitKinds(rows, explicit && !kinds.includes(explicit) ? [explicit, ...kinds] : kinds);
  const complete = fits.filter((f) => f.complete);
  if (explicit) {
    const own = fits.find((f) => f.kind === explicit);
    if (!own) return { ok: false, why: 'none' };
    if (!own.complete) return { ok: false, why: 'missing', fit: own };
    const better = complete.find(
      (f) =>
        f.kind !== explicit &&
        strictSubset(own.known, f.known) &&
        f.known.size - own.known.size >= closeness(own.total) &&
        own.known.size / own.total < 0.6,
    );
    if (better) return { ok: false, why: 'betterKind', fit: own, better };
    return { ok: true, fit: own, reason: reasonOf(own, undefined) };
  }
  if (complete.length === 0) {
    const best = [...fits].sort((a, b) => b.mapping.matched - a.mapping.matched)[0];
    return best ? { ok: false, why: 'missing', fit: best } : { ok: false, why: 'none' };
  }
  const order = (f: KindFit): number => kinds.indexOf(f.kind);
  const stores = (f: KindFit): number => f.mapping.matched;
  // drop kinds that recognise a strict subset of another's columns, or the same columns but store fewer
  const standing = complete.filter(
    (f) =>
      !complete.some(
        (g) =>
          g !== f &&
          (strictSubset(f.known, g.known) ||
            (sameSet(f.known, g.known) && (stores(g) > stores(f) || (stores(g) === stores(f) && order(g) < order(f))))),
      ),
  );
  standing.sort((a, b) => b.known.size - a.known.size || stores(b) - stores(a) || order(a) - order(b));
  const [first, second] = standing as [KindFit, KindFit | undefined];
  if (second && first.known.size - second.known.size < closeness(first.total)) {
    return { ok: false, why: 'ambiguous', fits: standing.slice(0, 3) };
  }
  if (first.known.size / first.total < MIN_SHARE) {
    return { ok: false, why: 'mostlyUnknown', fit: first, others: standing.slice(1, 3) };
  }
  const runnerUp = complete.filter((f) => f !== first).sort((a, b) => b.known.size - a.known.size)[0];
  return { ok: true, fit: first, reason: reasonOf(first, runnerUp) };
}

function reasonOf(fit: KindFit, runnerUp: KindFit | undefined): string {
  const n = fit.known.size;
  const all = n === fit.total ? `认出全部 ${n} 列` : `认出 ${fit.total} 列中的 ${n} 列`;
  const own = distinctive(fit, runnerUp);
  return own.length ? `${all}（含 ${own.join('、')}）` : all;
}
