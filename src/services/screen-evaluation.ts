/**
 * The household half of `fpjc screen`: the rules' facts read from the register and every
 * selected rule evaluated on them, range of 户编号 by range. On a large register R03's boundary,
 * the member, alert and measure aggregates and the villages' facts are read in a worker thread on
 * its own read connection (screen-worker.ts) while this thread reads the households with their
 * incomes, evaluates and writes (2 cores). Both ways run the same statements on the same ranges.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { FpjcError } from '../domain/errors.js';
import { deserializeError, type SerializedError } from '../io/worker-errors.js';
import type { Db, Register } from '../register/connection.js';
import { hasAtLeastHouseholds } from '../register/household-repo.js';
import {
  bottomCutoff,
  type FactRange,
  type FactsParams,
  factRanges,
  factsReader,
  type SideFactRows,
  sideFactsReader,
  villageFacts,
} from '../register/screening-repo.js';
import { type EvaluationResult, Evaluator, type HouseholdFinding } from '../screening/engine.js';
import type { HouseholdRule, RuleContext, VillageFacts } from '../screening/types.js';

/** What a reader of the side facts needs: the register file and what to read. */
export interface SideTask {
  file: string;
  facts: FactsParams;
  /** R03's bottom share of 脱贫户 (null: R03 not selected). */
  bottomShare: number | null;
  /** Also read the villages' facts (village rules selected). */
  villages: boolean;
}

type Bottom = RuleContext['bottom'];

/** Where R03's boundary, the side facts and the villages' facts come from: this connection or a worker. */
export interface FactSource {
  bottom(): Bottom | Promise<Bottom>;
  side(range: FactRange): SideFactRows | Promise<SideFactRows>;
  villages(): VillageFacts[] | Promise<VillageFacts[]>;
  close(): void;
}

export interface FindingBatch {
  findings: HouseholdFinding[];
  /** Households evaluated so far. */
  evaluated: number;
}

export type ToScreen =
  | { t: 'bottom'; bottom: Bottom }
  | { t: 'side'; range: FactRange; json: string }
  | { t: 'villages'; facts: VillageFacts[] }
  | { t: 'error'; error: SerializedError };

/** Registers from this many households on are screened with a worker (FPJC_SCREEN_WORKER=1/0 forces it). */
const WORKER_FROM_HOUSEHOLDS = 20_000;
/** Ranges the worker may read ahead of this thread (each ≈ 1,000 households' aggregates, < 0.5 MB). */
export const READ_AHEAD = 8;

const workerUrl = new URL('./screen-worker.js', import.meta.url);

/** Evaluate every household of the scope; `onBatch` gets each range's findings. */
export async function evaluateHouseholds(
  db: Db,
  facts: FactsParams,
  rules: readonly HouseholdRule[],
  ctx: RuleContext,
  source: FactSource,
  onBatch: (b: FindingBatch) => void,
): Promise<EvaluationResult> {
  const evaluator = new Evaluator(rules, ctx);
  const read = factsReader(db, facts);
  for (const range of factRanges(db, facts.townshipId)) {
    const households = read(range, await source.side(range));
    if (households.length === 0) continue;
    const findings: HouseholdFinding[] = [];
    for (const f of households) for (const x of evaluator.evaluate(f)) findings.push(x);
    onBatch({ findings, evaluated: evaluator.evaluated });
  }
  return evaluator.result();
}

/** The side facts read on the command's own connection. */
export function localFactSource(db: Db, task: Omit<SideTask, 'file'>): FactSource {
  return {
    bottom: () => readBottom(db, task),
    side: sideFactsReader(db, task.facts),
    villages: () => villageFacts(db, task.facts.townshipId),
    close: () => {},
  };
}

export function readBottom(db: Db, task: Omit<SideTask, 'file'>): Bottom {
  return task.bottomShare === null ? null : bottomCutoff(db, task.facts.incomeYear, task.bottomShare);
}

/**
 * A worker reads the register as last committed, so it can only stand in for the command's own
 * connection when that connection has written nothing the facts read (screen writes only the
 * campaign's tables) and when the register allows a reader beside a writer (WAL).
 */
export function useScreenWorker(register: Register): boolean {
  const forced = process.env.FPJC_SCREEN_WORKER;
  if (!register.concurrentReads) return false;
  if (forced === '0' || forced === '1') return forced === '1';
  // the compiled worker only (tests that run the TypeScript sources evaluate in their own thread)
  return (
    workerUrl.pathname.endsWith('.js') &&
    fs.existsSync(workerUrl) &&
    hasAtLeastHouseholds(register.db, WORKER_FROM_HOUSEHOLDS)
  );
}

/**
 * The side facts read by a worker thread, which runs ahead of this thread by at most READ_AHEAD
 * ranges; asking for a range the worker did not read next is an internal error.
 */
export function workerFactSource(task: SideTask): FactSource {
  const worker = new Worker(workerUrl, { workerData: task });
  const ready: ToScreen[] = [];
  let waiting: { resolve: (m: ToScreen) => void; reject: (e: unknown) => void } | null = null;
  let failure: unknown = null;
  const fail = (err: unknown): void => {
    if (failure) return;
    failure = err;
    void worker.terminate();
    waiting?.reject(err);
    waiting = null;
  };
  worker.on('message', (m: ToScreen) => {
    if (m.t === 'error') return fail(deserializeError(m.error));
    if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve(m);
    } else ready.push(m);
  });
  worker.on('error', fail);
  worker.on('exit', () =>
    fail(
      new FpjcError(
        'INTERNAL',
        '筛查线程意外退出，本次排查没有写入，登记库未改动。请重新运行；如再次出现，请加 --debug 运行并把输出交给技术支持。',
      ),
    ),
  );
  const next = (): Promise<ToScreen> => {
    // messages posted before the worker ended are read before its end counts
    const m = ready.shift();
    if (m) return Promise.resolve(m);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
  const unexpected = (what: string) =>
    new FpjcError('INTERNAL', `筛查线程送来的数据与本线程不一致（${what}），本次排查没有写入。`);
  return {
    async bottom() {
      const m = await next();
      if (m.t !== 'bottom') throw unexpected('脱贫户收入排位');
      return m.bottom;
    },
    async side(range) {
      const m = await next();
      if (m.t !== 'side' || m.range.from !== range.from || m.range.to !== range.to) {
        throw unexpected(`户编号 ${range.from}–${range.to}`);
      }
      worker.postMessage('ack');
      return JSON.parse(m.json) as SideFactRows;
    },
    async villages() {
      const m = await next();
      if (m.t !== 'villages') throw unexpected('村');
      return m.facts;
    },
    close() {
      failure ??= 'closed';
      void worker.terminate();
    },
  };
}
