import fs from 'node:fs';
import path from 'node:path';
import type { Register } from './connection.js';

/** How many automatic snapshots to keep per register. */
export const SNAPSHOTS_KEPT = 5;

export function snapshotDir(registerFile: string): string {
  return path.join(path.dirname(registerFile), 'fpjc-备份');
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * A consistent copy of the register (VACUUM INTO) taken before bulk changes, imports, restores,
 * undo and schema upgrades. Keeps the last few automatic snapshots of this register.
 */
export function takeSnapshot(register: Register, label: string, now: Date = new Date()): string {
  const dir = snapshotDir(register.file);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(register.file, path.extname(register.file));
  let target = path.join(dir, `${base}-${stamp(now)}-${label}.db`);
  for (let i = 2; fs.existsSync(target); i++) target = path.join(dir, `${base}-${stamp(now)}-${label}-${i}.db`);
  register.db.prepare('VACUUM INTO ?').run(target);
  pruneSnapshots(dir, base);
  return target;
}

function pruneSnapshots(dir: string, base: string): void {
  const mine = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.db'))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
  for (const old of mine.slice(SNAPSHOTS_KEPT)) fs.rmSync(path.join(dir, old.f), { force: true });
}
