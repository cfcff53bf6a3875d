/**
 * Worker thread of `fpjc screen` on a large register: on its own read connection, R03's boundary,
 * then the member, alert and measure aggregates range by range (the same ranges as the command's
 * thread), then the villages' facts; at most READ_AHEAD ranges in flight, so memory stays bounded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../io/worker-errors.js';
import { openReader } from '../register/connection.js';
import { factRanges, sideFactsReader, villageFacts } from '../register/screening-repo.js';
import { READ_AHEAD, readBottom, type SideTask, type ToScreen } from './screen-evaluation.js';

const port = parentPort!;
const task = workerData as SideTask;

let inFlight = 0;
let credit: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  const c = credit;
  credit = null;
  c?.();
});

const post = (m: ToScreen): void => port.postMessage(m);

try {
  const db = openReader(task.file);
  try {
    // one read transaction: every range from the same state of the register
    db.exec('BEGIN');
    post({ t: 'bottom', bottom: readBottom(db, task) });
    const side = sideFactsReader(db, task.facts);
    for (const range of factRanges(db, task.facts.townshipId)) {
      while (inFlight >= READ_AHEAD) await new Promise<void>((resolve) => (credit = resolve));
      inFlight++;
      post({ t: 'side', range, json: JSON.stringify(side(range)) });
    }
    post({ t: 'villages', facts: task.villages ? villageFacts(db, task.facts.townshipId) : [] });
  } finally {
    db.close();
  }
} catch (err) {
  post({ t: 'error', error: serializeError(err) });
}
port.close();
