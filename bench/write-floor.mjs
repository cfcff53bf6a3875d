// The write floor of the import benchmark: the rows an import added (audit log included), written
// again by plain prepared INSERTs into a copy of the register as it was before the import, in one
// transaction with fpjc's connection settings — no reading, parsing, checking or lookups. An import
// cannot be faster than its reading floor or this, whichever is larger (they run on two threads).
// Imports nothing from dist.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Tables in an order that inserts parents before children (foreign keys are on, as in fpjc). */
function parentsFirst(db, tables) {
  const parents = new Map(
    tables.map((t) => [
      t,
      db
        .prepare(`PRAGMA foreign_key_list("${t}")`)
        .all()
        .map((fk) => fk.table),
    ]),
  );
  const order = [];
  const visit = (t, seen = new Set()) => {
    if (order.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const p of parents.get(t) ?? []) if (tables.includes(p) && p !== t) visit(p, seen);
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order;
}

/** A copy of the register file as it is now (its WAL checkpointed first), for measureWriteFloor. */
export function copyRegister(file) {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc-bench-before-')), 'fpjc.db');
  fs.copyFileSync(file, copy);
  return copy;
}

/**
 * `before`: a copy of the register before the import; `after`: the register after it.
 * Resolves { ms, rows, tables: [[name, rows, ms]] }; only the INSERTs and the COMMIT are timed.
 */
export function measureWriteFloor(before, after) {
  const old = new Database(before, { readonly: true });
  const now = new Database(after, { readonly: true });
  const tables = now
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all();
  const added = [];
  for (const t of tables) {
    const withoutRowid = /WITHOUT ROWID\s*;?\s*$/i.test(
      now.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(t) ?? '',
    );
    if (withoutRowid) continue; // screening's tables: an import does not write them
    const from = old.prepare(`SELECT coalesce(max(rowid), 0) FROM "${t}"`).pluck().get();
    const n = now.prepare(`SELECT count(*) FROM "${t}" WHERE rowid > ?`).pluck().get(from);
    if (n > 0) added.push([t, from]);
  }
  old.close();
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc-bench-write-floor-')), 'fpjc.db');
  fs.copyFileSync(before, copy);
  const db = new Database(copy);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const from = new Map(added);
  let ms = 0;
  let rows = 0;
  const perTable = [];
  db.exec('BEGIN IMMEDIATE');
  for (const t of parentsFirst(now, [...from.keys()])) {
    const read = now.prepare(`SELECT * FROM "${t}" WHERE rowid > ? ORDER BY rowid`);
    const columns = read.columns().map((c) => `"${c.name}"`);
    const data = read.raw().all(from.get(t)); // read first: only the writing is timed
    const insert = db.prepare(
      `INSERT INTO "${t}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const started = process.hrtime.bigint();
    for (const r of data) insert.run(r);
    const took = Number(process.hrtime.bigint() - started) / 1e6;
    ms += took;
    rows += data.length;
    perTable.push([t, data.length, took]);
  }
  const started = process.hrtime.bigint();
  db.exec('COMMIT');
  ms += Number(process.hrtime.bigint() - started) / 1e6;
  db.close();
  now.close();
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  return { ms, rows, tables: perTable };
}
