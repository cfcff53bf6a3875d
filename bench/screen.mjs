// Screening benchmark (issue 4): `fpjc screen` over the 1,000,000-member (~300k households) demo
// county against a floor measured in the same run — one full scan of the members table that
// aggregates them per household (GROUP BY with sums), read row by row as the screen does.
// Target: ≤ 5× the floor, peak RSS ≤ 500 MB. Run with `npm run bench:screen`
// (BENCH_HOUSEHOLDS=30000 for a quick run).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { BIN, CACHE, demoCounty, fmt, freshRegister, runFpjc } from './lib.mjs';

/**
 * `fpjc …` in a child that reports its own CPU time (user + system) and peak RSS on exit: on a
 * shared machine the CPU time moves much less with the load than the wall time.
 */
function runMeasured(args) {
  const out = path.join(os.tmpdir(), `fpjc-bench-screen-${process.pid}-${Date.now()}.json`);
  const script = `
    import fs from 'node:fs';
    process.on('exit', () => {
      const u = process.resourceUsage();
      fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
    });
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...process.argv.slice(1)];
    await import(${JSON.stringify(pathToFileURL(BIN).href)});`;
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, '--', ...args], {
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
      if (code !== 0) throw new Error(stdout.slice(0, 2000) + stderr.slice(0, 2000));
      resolve({ ms, cpuMs: m.cpuMs, maxRssMb: m.maxRssKb / 1024, stdout });
    });
  });
}

const households = Number(process.env.BENCH_HOUSEHOLDS ?? 300_000);
const dir = await demoCounty(households);

/** The demo county imported once into a register kept in bench/.cache. */
async function importedRegister() {
  const file = path.join(CACHE, `screen-${households}.db`);
  if (fs.existsSync(`${file}.complete`)) return file;
  const { db } = await freshRegister('screen');
  console.log(`导入演示县到登记库（只在第一次运行时）…`);
  const r = await runFpjc(['import', dir, '--db', db, '--json', '--no-backup']);
  if (r.code !== 0) throw new Error(r.stdout.slice(0, 2000) + r.stderr.slice(0, 2000));
  console.log(`  用时 ${fmt(r.ms)}`);
  const check = new Database(db);
  check.pragma('wal_checkpoint(TRUNCATE)');
  check.close();
  fs.copyFileSync(db, file);
  fs.writeFileSync(`${file}.complete`, new Date().toISOString());
  return file;
}

const source = await importedRegister();
const work = path.join(path.dirname(source), `screen-run-${process.pid}.db`);
fs.copyFileSync(source, work);

// the floor: the same connection settings as fpjc, warm cache (run twice, keep the faster)
function floor() {
  const db = new Database(work, { readonly: true });
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

const f = floor();
const members = new Database(work, { readonly: true }).prepare('SELECT count(*) AS n FROM members').get().n;
console.log(
  `下限（按户汇总成员的一次全表扫描）：${fmt(f.ms)}（CPU ${fmt(f.cpuMs)}），${f.rows.toLocaleString()} 户，${members.toLocaleString()} 人`,
);

const args = ['screen', '--campaign', '2024Q2', '--as-of', '2024-05-01', '--db', work];
const runs = [
  ['fpjc screen（首次，写入排查范围和预警线索）', args],
  ['fpjc screen（重复运行，替换预警线索）', args],
  ['fpjc screen --dry-run（只筛查，不写入）', [...args, '--dry-run']],
  ['fpjc screen --json（输出全部预警）', [...args, '--json']],
  ['（参考）fpjc --version 启动', ['--version']],
];
const results = [];
for (const [label, a] of runs) {
  const r = await runMeasured(a);
  results.push({ label, ...r });
  console.log(
    `${label}：${fmt(r.ms)}（CPU ${fmt(r.cpuMs)}），峰值内存 ${r.maxRssMb.toFixed(0)} MB，比值 ${(r.ms / f.ms).toFixed(2)}（CPU ${(r.cpuMs / f.cpuMs).toFixed(2)}）`,
  );
}
const json = JSON.parse(results[3].stdout).result;
console.log(
  `排查范围 ${json.inScope.toLocaleString()} 户，有预警线索 ${json.flagged.toLocaleString()} 户，预警 ${json.flags.length.toLocaleString()} 条（JSON ${(results[3].stdout.length / 1e6).toFixed(0)} MB），数据缺失 ${json.missing.households.toLocaleString()} 户`,
);
console.log('');
console.log(
  `目标：比值 ≤ 5（以墙钟时间计；机器繁忙时看 CPU 比值），峰值内存 ≤ 500 MB。首次 ${(results[0].ms / f.ms).toFixed(2)}/${(results[0].cpuMs / f.cpuMs).toFixed(2)}，重复 ${(results[1].ms / f.ms).toFixed(2)}/${(results[1].cpuMs / f.cpuMs).toFixed(2)}，试运行 ${(results[2].ms / f.ms).toFixed(2)}/${(results[2].cpuMs / f.cpuMs).toFixed(2)}；峰值内存 ${Math.max(results[0].maxRssMb, results[1].maxRssMb).toFixed(0)} MB`,
);
console.log(
  `screen --json（全部预警，流式输出）：峰值内存 ${results[3].maxRssMb.toFixed(0)} MB（目标 ≤ 300 MB），用时 ${fmt(results[3].ms)}`,
);
for (const ext of ['', '-wal', '-shm']) fs.rmSync(`${work}${ext}`, { force: true });
