// Shared pieces of the benchmarks: the cached demo county, and running the real CLI as a child
// process while measuring its wall time and peak RSS (portable: the child reports its own maxRSS).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'run.js');
export const CACHE = path.join(ROOT, 'bench', '.cache');
const MEASURED = path.join(ROOT, 'bench', 'measured-child.mjs');

/** Run `fpjc …` in a child; resolves {ms, maxRssMb, code, stdout, stderr}. */
export function runFpjc(args, { env = {} } = {}) {
  const rssFile = path.join(os.tmpdir(), `fpjc-bench-rss-${process.pid}-${Date.now()}.txt`);
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [MEASURED, ...args], {
      env: { ...process.env, FPJC_BENCH_RSS_FILE: rssFile, FPJC_OPERATOR: 'bench', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let maxRssMb = Number.NaN;
      try {
        maxRssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
        fs.rmSync(rssFile, { force: true });
      } catch {}
      resolve({ ms, maxRssMb, code, stdout, stderr });
    });
  });
}

/** The demo county of `households` households, generated once into bench/.cache. */
export async function demoCounty(households, seed = 1) {
  const dir = path.join(CACHE, `county-${households}-${seed}`);
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return dir;
  fs.mkdirSync(CACHE, { recursive: true });
  console.log(`生成演示县（${households.toLocaleString()} 户）到 ${dir} …`);
  const r = await runFpjc([
    'demo',
    '--households',
    String(households),
    '--seed',
    String(seed),
    '--out',
    dir,
    '--force',
    '--json',
  ]);
  if (r.code !== 0) throw new Error(`demo failed: ${r.stderr}${r.stdout}`);
  console.log(`  用时 ${(r.ms / 1000).toFixed(1)} s，峰值内存 ${r.maxRssMb.toFixed(0)} MB`);
  fs.writeFileSync(marker, new Date().toISOString());
  return dir;
}

/** A fresh register in a temp folder. */
export async function freshRegister(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fpjc-bench-${label}-`));
  const db = path.join(dir, 'fpjc.db');
  const r = await runFpjc([
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
    '--json',
  ]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return { dir, db };
}

export const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
