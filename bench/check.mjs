// Data-quality check benchmark (issue 11): `fpjc check` (every rule) over the demo county, imported
// from its per-person national export, against a floor measured in the same run — one full scan
// of the members table that aggregates them per household (the screening benchmark's floor).
// Target: ≤ 5× the floor, peak RSS ≤ 500 MB. Run with `npm run bench:check`
// (BENCH_HOUSEHOLDS=30000 for a quick run; the default is the 1M-member county).
import path from 'node:path';
import Database from 'better-sqlite3';
import { cachedRegister, demoCounty, fmt, measureRuns, memberScanFloor } from './lib.mjs';

const households = Number(process.env.BENCH_HOUSEHOLDS ?? 300_000);
const dir = await demoCounty(households);

// the county's national export, imported once
const work = await cachedRegister(`check-${households}`, path.join(dir, '全国系统导出'));
const f = memberScanFloor(work);
const members = new Database(work, { readonly: true }).prepare('SELECT count(*) AS n FROM members').get().n;
console.log(
  `下限（按户汇总成员的一次全表扫描）：${fmt(f.ms)}（CPU ${fmt(f.cpuMs)}），${f.rows.toLocaleString()} 户，${members.toLocaleString()} 人`,
);

const args = ['check', '--as-of', '2024-05-01', '--db', work];
const runs = [
  ['fpjc check（全部规则，终端输出）', args],
  ['fpjc check --json（输出全部问题）', [...args, '--json']],
  ['fpjc check --family D（一类规则）', [...args, '--family', 'D']],
  ['（参考）fpjc --version 启动', ['--version']],
];
const results = await measureRuns(runs, f);
const json = JSON.parse(results[1].stdout).result;
console.log(
  `规则 ${json.rules.length} 条，问题 ${json.total.toLocaleString()} 条，涉及 ${json.households.toLocaleString()} 户（JSON ${(results[1].stdout.length / 1e6).toFixed(1)} MB）`,
);
console.log('');
console.log(
  `目标：比值 ≤ 5（以墙钟时间计；机器繁忙时看 CPU 比值），峰值内存 ≤ 500 MB。全部规则 ${(results[0].ms / f.ms).toFixed(2)}/${(results[0].cpuMs / f.cpuMs).toFixed(2)}，--json ${(results[1].ms / f.ms).toFixed(2)}/${(results[1].cpuMs / f.cpuMs).toFixed(2)}；峰值内存 ${Math.max(results[0].maxRssMb, results[1].maxRssMb).toFixed(0)} MB`,
);
