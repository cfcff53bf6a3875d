/**
 * Worker thread of a large import: runs the reading half (row-source.ts) and posts its heads and
 * batches to the pipeline, waiting for the pipeline's decision on each head and keeping at most a
 * few batches in flight (memory stays bounded when the register is slower than the file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../io/worker-errors.js';
import { BatchEncoder } from './batch-codec.js';
import { produceRows, type RowBatch, type SheetDecision, type SheetHead, type SourceOptions } from './row-source.js';
import type { ToPipeline, ToWorker } from './worker-messages.js';

const IN_FLIGHT = 4;

const port = parentPort!;
const { file, options } = workerData as { file: string; options: SourceOptions };

let inFlight = 0;
let credit: (() => void) | null = null;
let decision: ((d: SheetDecision) => void) | null = null;

port.on('message', (m: ToWorker) => {
  if (m.t === 'ack') {
    inFlight--;
    const c = credit;
    credit = null;
    c?.();
  } else if (m.t === 'decision') {
    const d = decision;
    decision = null;
    d?.(m.decision);
  }
});

const post = (m: ToPipeline): void => port.postMessage(m);
const encoder = new BatchEncoder();

try {
  await produceRows(file, options, {
    head: (head: SheetHead) =>
      new Promise<SheetDecision>((resolve) => {
        decision = resolve;
        post({ t: 'head', head });
      }),
    batch: async (batch: RowBatch) => {
      while (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (credit = resolve));
      inFlight++;
      post({ t: 'batch', json: encoder.encode(batch) });
    },
  });
  post({ t: 'end' });
} catch (err) {
  post({ t: 'error', error: serializeError(err) });
}
port.close();
