/**
 * Runs the reading half of an import (row-source.ts) in this thread or in a worker thread. The
 * pipeline's hooks are the same either way; a worker overlaps reading and parsing with the SQL of
 * a large file (2 cores: about half the wall time), a small file is not worth starting one.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { FpjcError } from '../domain/errors.js';
import { deserializeError } from '../io/worker-errors.js';
import { decodeBatch } from './batch-codec.js';
import { produceRows, type RowBatch, type SheetDecision, type SheetHead, type SourceOptions } from './row-source.js';
import type { ToPipeline, ToWorker } from './worker-messages.js';

/** Files from this size on are read in a worker (FPJC_IMPORT_WORKER=1/0 forces it on/off). */
const WORKER_FROM_BYTES = 2 * 1024 * 1024;

/** V8's heap growing factor, in per cent, for an import read in a worker (see limitHeapGrowth). */
const HEAP_GROWING_PERCENT = 100;

export interface PipelineHooks {
  head(head: SheetHead): SheetDecision;
  batch(batch: RowBatch): void;
}

const workerUrl = new URL('./read-worker.js', import.meta.url);

export function useWorkerFor(file: string): boolean {
  const forced = process.env.FPJC_IMPORT_WORKER;
  if (forced === '0' || forced === '1') return forced === '1';
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return false; // the reader names the problem
  }
  // the compiled worker only (tests that run the TypeScript sources read in their own thread)
  return size >= WORKER_FROM_BYTES && workerUrl.pathname.endsWith('.js') && fs.existsSync(workerUrl);
}

export function runSource(
  file: string,
  options: SourceOptions,
  hooks: PipelineHooks,
  inWorker: boolean,
): Promise<void> {
  if (!inWorker) return produceRows(file, options, hooks);
  limitHeapGrowth();
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: { file, options } });
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err);
    };
    const send = (m: ToWorker): void => worker.postMessage(m);
    worker.on('message', (m: ToPipeline) => {
      if (settled) return;
      try {
        switch (m.t) {
          case 'head':
            send({ t: 'decision', decision: hooks.head(m.head) });
            break;
          case 'batch':
            hooks.batch(decodeBatch(m.json));
            send({ t: 'ack' });
            break;
          case 'end':
            settled = true;
            resolve();
            break;
          case 'error':
            fail(deserializeError(m.error));
            break;
        }
      } catch (err) {
        fail(err);
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(
        new FpjcError(
          'INTERNAL',
          `读取文件的线程意外退出（代码 ${code}），没有导入，登记库未改动。请重新导入；如再次出现，请加 --debug 运行并把输出交给技术支持。`,
        ),
      ),
    );
  });
}

/**
 * A large import makes garbage at a steady rate in both threads, and V8 by default lets a heap grow
 * to several times what is live before it collects (measured on a 300,000-household export: the
 * main heap at 484 MB over 117 MB live), which was most of the import's peak memory. Measured on
 * that export once rows stopped being hash tables: 50 % → 442–467 MB but 111 s of CPU, 100 % →
 * 508 MB and 100 s (wall 64 → 58 s), 200 % → 584 MB, too near the 600 MB a laptop is promised.
 * It is process-wide and set before the worker starts, so the worker has it too.
 */
function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
