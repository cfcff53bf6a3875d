/**
 * Fault harness: kill the real CLI in the middle of a write, run it as a user who may not write,
 * give it a full disk, and compare the register with its before and after states. Reusable for
 * any command that writes (import, restore, edit --file, undo …): see test/e2e/faults.test.ts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BIN, dumpRegister, ROOT } from './cli.js';

/** Columns that differ between two runs of the same command (clock times). */
const VOLATILE = new Set(['at', 'created_at', 'updated_at', 'imported_at']);

/**
 * Every row of every table with clock times blanked: two runs of the same command on copies of
 * one register give equal states.
 */
export function registerState(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const out: string[] = [];
    for (const t of tables) {
      out.push(`## ${t}`);
      const rows = (db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]).map((r) => {
        for (const k of Object.keys(r)) if (VOLATILE.has(k)) r[k] = null;
        return JSON.stringify(r);
      });
      out.push(...rows.sort());
    }
    return out.join('\n');
  } finally {
    db.close();
  }
}

/** PRAGMA integrity_check of a register or snapshot: 'ok' when sound. */
export function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
  } finally {
    db.close();
  }
}

/** Copy a register file (closed, checkpointed) to `to`. */
export function copyRegister(from: string, to: string): string {
  fs.copyFileSync(from, to);
  return to;
}

export type KillTrigger =
  /** this long after the start */
  | { afterMs: number }
  /** once the register's WAL holds at least this many bytes (the write transaction is under way) */
  | { walBytes: number }
  /** as soon as a file whose name matches appears in `dir` (e.g. a snapshot's temp file) */
  | { fileIn: string; match: RegExp };

export interface KillOutcome {
  /** True when SIGKILL ended the process (false: it finished before the trigger fired). */
  killed: boolean;
  code: number | null;
  stderr: string;
}

const env = () => ({ ...process.env, FPJC_OPERATOR: '测试员', FPJC_BUSY_TIMEOUT_MS: '300', NO_COLOR: '1' });

/** Run `fpjc args` on register `db` and SIGKILL it when `trigger` fires. */
export function killWhen(args: string[], db: string, trigger: KillTrigger): Promise<KillOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: env(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let watcher: fs.FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    if ('afterMs' in trigger) {
      timer = setTimeout(kill, trigger.afterMs);
    } else if ('walBytes' in trigger) {
      timer = setInterval(() => {
        try {
          if (fs.statSync(`${db}-wal`).size >= trigger.walBytes) kill();
        } catch {
          // no WAL yet
        }
      }, 5);
    } else {
      fs.mkdirSync(trigger.fileIn, { recursive: true });
      watcher = fs.watch(trigger.fileIn, (_event, name) => {
        if (name && trigger.match.test(String(name))) kill();
      });
    }
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      watcher?.close();
      resolve({ killed: signal === 'SIGKILL', code, stderr });
    });
  });
}

/** The largest size the register's WAL reaches while `fpjc args` runs to the end, and how long it runs. */
export function runMeasuringWal(
  args: string[],
  db: string,
): Promise<{ code: number | null; maxWal: number; ms: number }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(), stdio: 'ignore' });
    let maxWal = 0;
    const timer = setInterval(() => {
      try {
        maxWal = Math.max(maxWal, fs.statSync(`${db}-wal`).size);
      } catch {
        // no WAL yet
      }
    }, 5);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, maxWal, ms: Date.now() - start });
    });
  });
}

/** Start `fpjc args` and hand back the process (to pause it with SIGSTOP, say) and its end. */
export function startFpjc(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string }>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout })),
  );
  return { child, done };
}

/** Wait until another process holds the register's write lock (polled with a zero-wait BEGIN IMMEDIATE). */
export async function untilLocked(file: string, timeoutMs = 60_000): Promise<void> {
  const db = new Database(file, { timeout: 0 });
  try {
    for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 10))) {
      try {
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
      } catch (err) {
        if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return;
        throw err;
      }
    }
    throw new Error(`nobody took the write lock of ${file} within ${timeoutMs} ms`);
  } finally {
    db.close();
  }
}

/** The uid/gid to run the CLI as so that file permissions bind (root ignores them), or undefined. */
export const UNPRIVILEGED: { uid: number; gid: number } | undefined =
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** Let the unprivileged user in (mkdtemp folders are 0700) and own `paths` when running as root. */
export function openTo(dir: string, own: string[] = []): void {
  fs.chmodSync(dir, 0o755);
  if (UNPRIVILEGED) for (const p of own) fs.chownSync(p, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
}

/** Run the CLI as the unprivileged user (when this process is root) with its own TMPDIR and HOME. */
export function fpjcAs(args: string[], home: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...env(), HOME: home, TMPDIR: home, TMP: home, TEMP: home },
    encoding: 'utf8',
    ...(UNPRIVILEGED ?? {}),
  });
  let json: { ok: boolean; result?: any; error?: { code: string; message: string } } | undefined;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/**
 * A tiny tmpfs at `dir` (a real full disk), or null where mounting is not allowed (not root,
 * not Linux). The caller unmounts it.
 */
export function smallDisk(dir: string, kilobytes: number): { dir: string; unmount: () => void } | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir]);
  if (r.status !== 0) return null;
  return { dir, unmount: () => spawnSync('umount', ['-l', dir]) };
}

/** Fill `dir`'s file system until only about `leaveBytes` are free. */
export function fillDisk(dir: string, leaveBytes: number): void {
  const free = fs.statfsSync(dir).bavail * fs.statfsSync(dir).bsize;
  if (free > leaveBytes) fs.writeFileSync(path.join(dir, '占位.bin'), Buffer.alloc(free - leaveBytes));
}

export { dumpRegister };
