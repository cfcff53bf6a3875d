import { displayWidth, padEnd, padStart } from './text-width.js';

export type Cell = string | number | null | undefined;

export interface TableOptions {
  /** Columns to right-align (numbers are right-aligned by default). */
  align?: ('left' | 'right')[];
  title?: string;
}

/** A plain box-less table that lines up Chinese text in a terminal. */
export function renderTable(headers: string[], rows: Cell[][], options: TableOptions = {}): string {
  const text = (c: Cell): string =>
    c === null || c === undefined ? '' : typeof c === 'number' ? c.toLocaleString('en-US') : c;
  const body = rows.map((r) => r.map(text));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i] ?? ''))));
  const right = headers.map(
    (_, i) =>
      options.align?.[i] === 'right' ||
      (options.align?.[i] === undefined &&
        rows.length > 0 &&
        rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined) &&
        rows.some((r) => typeof r[i] === 'number')),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (right[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (options.title) out.push(options.title);
  out.push(line(headers));
  out.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of body) out.push(line(r));
  return out.join('\n');
}

/** Two-column "名称：值" block for one record. */
export function renderFields(pairs: [string, Cell][]): string {
  const shown = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '');
  const w = Math.max(0, ...shown.map(([k]) => displayWidth(k)));
  return shown.map(([k, v]) => `${padEnd(k, w)}  ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join('\n');
}
