// Screening benchmark (issue 4): `fpjc screen` over the 1,000,000-member (~300k households) demo
// county against a floor measured in the same run — one full scan of the members table that
// aggregates them per household (GROUP BY with sums), read row by row as the screen does.
// Target: ≤ 5× the floor, peak RSS ≤ 500 MB. Run with `npm run bench:screen`
// (BENCH_HOUSEHOLDS=30000 for a quick run).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cachedRegister, demoCounty, fmt, measureRuns, memberScanFloor } from './lib.mjs';

const households = Number(process.env.BENCH_HOUSEHOLDS ?? 300_000);
const dir = await demoCounty(households);

const source = await cachedRegister(`screen-${households}`, dir);
const work = path.join(path.dirname(source), `screen-run-${process.pid}.db`);
fs.copyFileSync(source, work);

const f = memberScanFloor(work);
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
const results = await measureRuns(runs, f);
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
