// Shared pieces of the benchmarks: the cached demo county, and running the real CLI as a child
// process while measuring its wall time and peak RSS (portable: the child reports its own maxRSS).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

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

/**
 * `fpjc …` in a child that reports its own CPU time (user + system) and peak RSS on exit: on a
 * shared machine the CPU time moves much less with the load than the wall time.
 */
export function runMeasured(args) {
  const out = path.join(os.tmpdir(), `fpjc-bench-run-${process.pid}-${Date.now()}.json`);
  const script = `
    import fs from 'node:fs';
    process.on('exit', () => {
      const u = process.resourceUsage();
      fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
    });
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...process.argv.slice(2)];
    await import(${JSON.stringify(pathToFileURL(BIN).href)});`;
  // a script file, not -e: worker threads inherit the exec arguments, and --input-type breaks them
  const scriptFile = `${out}.mjs`;
  fs.writeFileSync(scriptFile, script);
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [scriptFile, ...args], {
      env: { ...process.env, FPJC_OPERATOR: 'bench' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let m = { cpuMs: Number.NaN, maxRssKb: Number.NaN };
      try {
        m = JSON.parse(fs.readFileSync(out, 'utf8'));
        fs.rmSync(out, { force: true });
      } catch {}
      fs.rmSync(scriptFile, { force: true });
      if (code !== 0) throw new Error(stdout.slice(0, 2000) + stderr.slice(0, 2000));
      resolve({ ms, cpuMs: m.cpuMs, maxRssMb: m.maxRssKb / 1024, stdout });
    });
  });
}

/**
 * The floor of the screening and check benchmarks: one full scan of the members table that
 * aggregates them per household (GROUP BY with sums), read row by row; the same connection
 * settings as fpjc, warm cache (run twice, keep the faster).
 */
export function memberScanFloor(file) {
  const db = new Database(file, { readonly: true });
  db.pragma('cache_size = -65536');
  const stmt = db.prepare(
    `SELECT hh_no, count(*) AS members,
       sum(labour_skill IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力')) AS labour,
       sum(coalesce(work_months, 0)) AS months
     FROM members WHERE status = '在册' GROUP BY hh_no`,
  );
  let best = { ms: Number.POSITIVE_INFINITY, cpuMs: Number.POSITIVE_INFINITY };
  let rows = 0;
  for (let i = 0; i < 2; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    rows = 0;
    let sum = 0;
    for (const r of stmt.iterate()) {
      rows++;
      sum += r.members;
    }
    const c = process.cpuUsage(c0);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms < best.ms) best = { ms, cpuMs: (c.user + c.system) / 1000 };
    if (sum === 0) throw new Error('no members');
  }
  db.close();
  return { ...best, rows };
}

/**
 * A register holding the files of `importPath` (a demo county or its national export), imported
 * once and kept in bench/.cache as `<name>.db`; later runs copy nothing and import nothing.
 */
export async function cachedRegister(name, importPath) {
  const file = path.join(CACHE, `${name}.db`);
  if (fs.existsSync(`${file}.complete`)) return file;
  const { db } = await freshRegister(name);
  console.log(`导入 ${importPath} 到登记库（只在第一次运行时）…`);
  const r = await runFpjc(['import', importPath, '--db', db, '--json', '--no-backup']);
  if (r.code !== 0) throw new Error(r.stdout.slice(0, 2000) + r.stderr.slice(0, 2000));
  console.log(`  用时 ${fmt(r.ms)}`);
  const c = new Database(db);
  c.pragma('wal_checkpoint(TRUNCATE)');
  c.close();
  fs.copyFileSync(db, file);
  fs.writeFileSync(`${file}.complete`, new Date().toISOString());
  return file;
}

/** Runs `[label, args]` pairs in turn, printing each one's time, CPU, peak RSS and ratios to the floor `f`. */
export async function measureRuns(runs, f) {
  const results = [];
  for (const [label, a] of runs) {
    const r = await runMeasured(a);
    results.push({ label, ...r });
    console.log(
      `${label}：${fmt(r.ms)}（CPU ${fmt(r.cpuMs)}），峰值内存 ${r.maxRssMb.toFixed(0)} MB，比值 ${(r.ms / f.ms).toFixed(2)}（CPU ${(r.cpuMs / f.cpuMs).toFixed(2)}）`,
    );
  }
  return results;
}
