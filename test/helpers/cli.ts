import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'run.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: { ok: boolean; result?: any; error?: { code: string; message: string; details?: any } } | undefined;
}

/** Run the built CLI as a process (no TTY), like a script would. */
export function fpjc(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, FPJC_OPERATOR: '测试员', FPJC_BUSY_TIMEOUT_MS: '300', NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let json: CliResult['json'];
  if (args.includes('--json')) {
    try {
      json = JSON.parse(r.stdout);
    } catch {
      json = undefined;
    }
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/** Same, asynchronously (for tests that hold a lock in this process meanwhile). */
export function fpjcAsync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, FPJC_OPERATOR: '测试员', FPJC_BUSY_TIMEOUT_MS: '300', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      let json: CliResult['json'];
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
  });
}

/** A fresh temp folder whose path has Chinese characters and a space, like a clerk's. */
export function tempDir(label = '测试'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fpjc ${label}-`));
}

/** Every row of every table, for "the register is unchanged" checks. */
export function dumpRegister(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    const out: string[] = [];
    for (const t of tables) {
      out.push(`## ${t}`);
      for (const r of db.prepare(`SELECT * FROM "${t}"`).raw().all()) out.push(JSON.stringify(r));
    }
    return out.join('\n');
  } finally {
    db.close();
  }
}

/** A new register for a county, made with the real CLI. */
export function initRegister(dir: string, extra: string[] = []): string {
  const db = path.join(dir, '登记库.db');
  const r = fpjc([
    'init',
    '--db',
    db,
    '--county-code',
    '140702',
    '--county-name',
    '榆次区',
    '--year',
    '2024',
    '--income-line',
    '8300',
    ...extra,
  ]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return db;
}

/** A register holding a small demo county (generated and imported with the real CLI) in `dir`. */
export function demoRegister(dir: string, households: number, seed: number): string {
  const out = path.join(dir, '演示县');
  const demo = fpjc([
    'demo',
    '--out',
    out,
    '--households',
    String(households),
    '--seed',
    String(seed),
    '--force',
    '--json',
  ]);
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}${demo.stdout}`);
  const db = initRegister(dir);
  const imp = fpjc(['import', out, '--db', db, '--json']);
  if (imp.code !== 0) throw new Error(`import failed: ${imp.stdout}${imp.stderr}`);
  return db;
}
