/**
 * The reading half of an import (docs/design.md "Import"): rows read from the file, each sheet's
 * header handed to the pipeline to decide on, then every data row parsed and mapped to records —
 * all pure work, no register. The pipeline receives the records in batches and does the rest
 * (each record's own rules, duplicate keys, lookups, writes): in a large import that thread has
 * time to spare, the reading one has none.
 *
 * It runs in the pipeline's thread for small files and in a worker thread for large ones
 * (read-worker.ts), so reading and parsing overlap the SQL; both run this same code.
 */

import type { ParseContext } from '../domain/field-values.js';
import { ALERT_RESULTS, type ImportKind, KINDS, type KindDef } from '../domain/fields.js';
import { mapHeader } from '../io/headers.js';
import type { RawCell, RawRow } from '../io/raw-row.js';
import { readTableRows, type TableReadOptions } from '../io/table-reader.js';
import { type Mapper, type MapResult, mapperFor } from './mappers.js';
import { type Column, columnsOf, isBlankRow, parseRow, shortValue } from './parse-row.js';

/** Rows looked at to find the header (national exports put it on row 3). */
export const HEADER_SCAN_ROWS = 15;
/** Data rows per batch handed to the pipeline. */
const BATCH_ROWS = 1000;

/** The first rows of a sheet, for the pipeline to find the header and decide the kind. */
export interface SheetHead {
  sheet: string;
  rows: RawRow[];
  /** The sheet ended within these rows. */
  final: boolean;
  lastRow?: number | undefined;
  lastRowEstimated?: boolean | undefined;
}

/** What the pipeline decided about a sheet: skip it, or read it as `kind` from header row `index`. */
export type SheetDecision =
  | 'skip'
  | {
      index: number;
      kind: ImportKind;
      /** The header is read with the columns of 预警核实结果 (import alerts --results). */
      resultsColumns: boolean;
      alertResults: boolean;
      incomeYear: number | null;
    };

export interface CellProblemItem {
  line: number;
  /** Header as written in the file. */
  column: string;
  value: string;
  message: string;
}

/** In file order: a row refused for its cells, or a mapper's records and between-row problems. */
export type BatchItem = { problem: CellProblemItem } | { result: MapResult };

export interface RowBatch {
  /** Non-blank data rows in this batch. */
  rows: number;
  /** Rows whose result columns are all empty (a 排查清单 row not visited yet). */
  notVisited: number;
  items: BatchItem[];
  /** The sheet's last row as declared or estimated, when the reader said so in this batch. */
  lastRow?: number | undefined;
  lastRowEstimated?: boolean | undefined;
  /** The sheet ends with this batch. */
  end: boolean;
}

export interface SourceHooks {
  head(head: SheetHead): SheetDecision | Promise<SheetDecision>;
  batch(batch: RowBatch): void | Promise<void>;
}

export interface SourceOptions extends TableReadOptions {
  ctx: ParseContext;
}

/** The columns, mapper and skip rule of a sheet: built the same way by the pipeline and here. */
export interface SheetColumns {
  kind: KindDef;
  columns: Column[];
  present: Set<string>;
  skipWhenBlank: Column[];
}

export function kindDefOf(kind: ImportKind, alertResults: boolean): KindDef {
  return alertResults && kind === 'alerts' ? ALERT_RESULTS : KINDS[kind];
}

export function sheetColumns(kind: KindDef, header: readonly RawCell[]): SheetColumns {
  const columns = columnsOf(mapHeader(header, kind));
  const present = new Set(columns.map((c) => c.field.column));
  const skipWhenBlank = (kind.skipWhenBlank ?? []).flatMap((col) => columns.filter((c) => c.field.column === col));
  return { kind, columns, present, skipWhenBlank };
}

/** Read `file` through `hooks`: every sheet's head, then its rows in batches. */
export async function produceRows(file: string, options: SourceOptions, hooks: SourceHooks): Promise<void> {
  let sheet: string | null = null;
  let head: RawRow[] = [];
  let headLastRow: number | undefined;
  let headEstimated: boolean | undefined;
  let state = 'head' as 'head' | 'skip' | 'rows';
  // (assigned in the closures below: read through now() so the loop does not narrow it)
  const now = () => state;
  let plan: (SheetColumns & { mapper: Mapper }) | null = null;
  let batch: RowBatch = { rows: 0, notVisited: 0, items: [], end: false };

  const send = async (end: boolean): Promise<void> => {
    batch.end = end;
    const b = batch;
    batch = { rows: 0, notVisited: 0, items: [], end: false };
    await hooks.batch(b);
  };

  const processRow = (p: SheetColumns & { mapper: Mapper }, raw: RawRow): void => {
    const cells = raw.cells;
    if (isBlankRow(cells)) return;
    batch.rows++;
    if (p.skipWhenBlank.length && p.skipWhenBlank.every((c) => isBlankRow([cells[c.index] ?? null]))) {
      batch.notVisited++;
      return;
    }
    let bad = false;
    for (const rp of raw.problems ?? []) {
      const header = p.columns.find((c) => c.index === rp.column)?.header ?? `第 ${rp.column + 1} 列`;
      batch.items.push({
        problem: { line: raw.row, column: header, value: shortValue(cells[rp.column]), message: rp.message },
      });
      bad = true;
    }
    const parsed = parseRow(p.columns, cells, options.ctx);
    for (const pr of parsed.problems) {
      batch.items.push({ problem: { line: raw.row, column: pr.column, value: pr.value, message: pr.message } });
    }
    if (bad || parsed.problems.length) return; // the pipeline refuses the line by its problems
    const r = p.mapper.map(parsed.row, raw.row);
    if (r.records.length || r.problems.length) batch.items.push({ result: r });
  };

  /** Decide on the buffered head; rows after the header are processed. */
  const decide = async (final: boolean): Promise<void> => {
    if (head.length === 0) {
      state = 'skip';
      return;
    }
    const d = await hooks.head({
      sheet: sheet!,
      rows: head,
      final,
      lastRow: headLastRow,
      lastRowEstimated: headEstimated,
    });
    if (d === 'skip') {
      state = 'skip';
      head = [];
      return;
    }
    const kind = kindDefOf(d.kind, d.resultsColumns);
    const cols = sheetColumns(kind, head[d.index]!.cells);
    plan = {
      ...cols,
      mapper: mapperFor({
        kind: d.kind,
        alertResults: d.alertResults,
        incomeYear: d.incomeYear,
        columns: cols.present,
      }),
    };
    state = 'rows';
    const rest = head.slice(d.index + 1);
    head = [];
    for (const r of rest) processRow(plan, r);
  };

  const endSheet = async (): Promise<void> => {
    if (state === 'head') await decide(true);
    if (state === 'rows' && plan) {
      const r = plan.mapper.finish();
      if (r.records.length || r.problems.length) batch.items.push({ result: r });
      await send(true);
    }
    plan = null;
  };

  for await (const raw of readTableRows(file, { sheet: options.sheet, encoding: options.encoding })) {
    if (raw.sheet !== sheet) {
      if (sheet !== null) await endSheet();
      sheet = raw.sheet;
      state = 'head';
      head = [];
      headLastRow = undefined;
      headEstimated = undefined;
    }
    if (raw.lastRow !== undefined) {
      if (state === 'head') {
        headLastRow = raw.lastRow;
        headEstimated = raw.lastRowEstimated === true;
      } else {
        batch.lastRow = raw.lastRow;
        batch.lastRowEstimated = raw.lastRowEstimated === true;
      }
    }
    if (now() === 'skip') continue;
    if (now() === 'rows') {
      processRow(plan!, raw);
      if (batch.rows >= BATCH_ROWS || batch.items.length >= BATCH_ROWS) await send(false);
      continue;
    }
    head.push(raw);
    if (head.length >= HEADER_SCAN_ROWS) await decide(false);
  }
  if (sheet !== null) await endSheet();
}
