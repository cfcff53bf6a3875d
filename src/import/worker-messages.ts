/** Messages between the import pipeline and its read worker. */
import type { SerializedError } from '../io/worker-errors.js';
import type { SheetDecision, SheetHead } from './row-source.js';

export type ToPipeline =
  | { t: 'head'; head: SheetHead }
  /** A batch as text (batch-codec.ts): about half the cost of a structured clone of many small records. */
  | { t: 'batch'; json: string }
  | { t: 'end' }
  | { t: 'error'; error: SerializedError };

export type ToWorker = { t: 'ack' } | { t: 'decision'; decision: SheetDecision };
