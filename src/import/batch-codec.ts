/**
 * The wire form of a batch sent from the read worker to the pipeline (docs/design.md "Import").
 * JSON of objects spelt every record's column names on every row — for a 27-column member that
 * was most of the text, and most of the time on both threads. Here a record's values go in an
 * array and its column names once per batch (a "shape"), so the text is the values and the
 * decoder builds each record with its keys in the same order as before.
 *
 * Wire: [rows, notVisited, end, lastRow, lastRowEstimated, shapes, items] where an item is
 *   [0, line, column, value, message]                    a cell problem, or
 *   [1, problems, records]                               a mapper's result, with
 *   problem = [line, column, value, message] and
 *   record  = [target, line, scope, lines, sourceColumn, resize, shape, ...values].
 * A value that is undefined is left out with its key, as JSON.stringify of the object did. Records
 * are rebuilt from a template per shape (rowTemplate: compact objects, not hash tables).
 */
import { type ParsedRow, type RecordTarget, rowTemplate, sameColumnNames } from '../domain/row-rules.js';
import type { LineProblem, MapResult } from './mappers.js';
import type { ImportRecord } from './records.js';
import type { BatchItem, RowBatch } from './row-source.js';

type Value = string | number | null;
type WireRecord = [
  RecordTarget,
  number,
  string,
  readonly number[] | 0,
  string | 0,
  0 | 1,
  number,
  ...(Value | undefined)[],
];
type WireProblem = [number, string, string, string];
type WireItem = [0, number, string, string, string] | [1, WireProblem[], WireRecord[]];
type Wire = [number, number, 0 | 1, number | null, 0 | 1 | null, string[][], WireItem[]];

/** Encodes batches; shapes are numbered per batch (each batch decodes on its own). */
export class BatchEncoder {
  private shapes: string[][] = [];
  private shapeIndex = new Map<string, number>();
  /** The shape each target used last, compared key by key before the map is asked. */
  private lastShape = new Map<RecordTarget, number>();

  encode(batch: RowBatch): string {
    this.shapes = [];
    this.shapeIndex = new Map();
    this.lastShape = new Map();
    const items: WireItem[] = [];
    for (const item of batch.items) {
      if ('problem' in item) {
        const p = item.problem;
        items.push([0, p.line, p.column, p.value, p.message]);
      } else items.push(this.result(item.result));
    }
    const wire: Wire = [
      batch.rows,
      batch.notVisited,
      batch.end ? 1 : 0,
      batch.lastRow ?? null,
      batch.lastRowEstimated === undefined ? null : batch.lastRowEstimated ? 1 : 0,
      this.shapes,
      items,
    ];
    return JSON.stringify(wire);
  }

  private result(r: MapResult): WireItem {
    const problems: WireProblem[] = r.problems.map((p) => [p.line, p.column, p.value, p.message]);
    const records: WireRecord[] = [];
    for (const rec of r.records) {
      const keys = definedKeys(rec.data);
      const wire: WireRecord = [
        rec.target,
        rec.line,
        rec.scope,
        rec.lines ?? 0,
        rec.sourceColumn ?? 0,
        rec.resize ? 1 : 0,
        this.shapeOf(rec.target, keys),
      ];
      for (let k = 0; k < keys.length; k++) wire.push(rec.data[keys[k]!]);
      records.push(wire);
    }
    return [1, problems, records];
  }

  private shapeOf(target: RecordTarget, keys: string[]): number {
    const last = this.lastShape.get(target);
    if (last !== undefined && sameColumnNames(this.shapes[last]!, keys)) return last;
    const sig = keys.join('\u0000');
    let i = this.shapeIndex.get(sig);
    if (i === undefined) {
      i = this.shapes.length;
      this.shapes.push(keys);
      this.shapeIndex.set(sig, i);
    }
    this.lastShape.set(target, i);
    return i;
  }
}

function definedKeys(data: ParsedRow): string[] {
  const keys = Object.keys(data);
  for (let k = 0; k < keys.length; k++) {
    if (data[keys[k]!] === undefined) return keys.filter((key) => data[key] !== undefined);
  }
  return keys;
}

const FIXED = 7;

export function decodeBatch(text: string): RowBatch {
  const [rows, notVisited, end, lastRow, lastRowEstimated, shapes, wireItems] = JSON.parse(text) as Wire;
  const templates = shapes.map((keys) => rowTemplate(keys));
  const items: BatchItem[] = [];
  for (const w of wireItems) {
    if (w[0] === 0) {
      items.push({ problem: { line: w[1], column: w[2], value: w[3], message: w[4] } });
      continue;
    }
    const problems: LineProblem[] = w[1].map((p) => ({ line: p[0], column: p[1], value: p[2], message: p[3] }));
    const records: ImportRecord[] = [];
    for (const r of w[2]) {
      const keys = shapes[r[6]]!;
      const data: ParsedRow = { ...templates[r[6]]! };
      for (let k = 0; k < keys.length; k++) data[keys[k]!] = r[FIXED + k] as Value;
      const rec: ImportRecord = { target: r[0], data, line: r[1], scope: r[2] };
      if (r[3] !== 0) rec.lines = r[3];
      if (r[4] !== 0) rec.sourceColumn = r[4];
      if (r[5] === 1) rec.resize = true;
      records.push(rec);
    }
    items.push({ result: { records, problems } });
  }
  const batch: RowBatch = { rows, notVisited, items, end: end === 1 };
  if (lastRow !== null) batch.lastRow = lastRow;
  if (lastRowEstimated !== null) batch.lastRowEstimated = lastRowEstimated === 1;
  return batch;
}
