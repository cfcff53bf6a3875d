// Start-up benchmark (issue 15): time to the end of `fpjc --version`, `fpjc --help`, `fpjc status`
// and the `--help` of the heaviest commands, against bare `node -e ""` measured in the same run.
// Target: ≤ 4× the floor. Each is run N times (BENCH_RUNS, default 9), the median is kept.
// Run with `npm run bench:startup`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 9);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc-bench-startup-'));
const db = path.join(dir, 'fpjc.db');
const env = { ...process.env, FPJC_OPERATOR: 'bench', NO_COLOR: '1' };

function time(args) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stdout}${r.stderr}`);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

const init = spawnSync(
  process.execPath,
  [BIN, 'init', '--db', db, '--county-code', '140702', '--county-name', '榆次区', '--year', '2024'],
  { env, encoding: 'utf8' },
);
if (init.status !== 0) throw new Error(init.stderr);

const floor = time(['-e', '']);
console.log(`下限 node -e ""：${floor.toFixed(0)} ms（${runs} 次的中位数），负载 ${os.loadavg()[0].toFixed(2)}`);
const cases = [
  ['fpjc --version', ['--version']],
  ['fpjc --help', ['--help']],
  ['fpjc status', ['status', '--db', db]],
  ['fpjc status --json', ['status', '--db', db, '--json']],
  ['fpjc import --help', ['import', '--help']],
  ['fpjc report --help', ['report', '--help']],
  ['fpjc screen --help', ['screen', '--help']],
];
let worst = 0;
for (const [label, args] of cases) {
  const ms = time([BIN, ...args]);
  worst = Math.max(worst, ms / floor);
  console.log(`${label.padEnd(22)} ${ms.toFixed(0).padStart(5)} ms  比值 ${(ms / floor).toFixed(2)}`);
}
console.log(`\n目标：比值 ≤ 4。最大比值 ${worst.toFixed(2)}。`);
fs.rmSync(dir, { recursive: true, force: true });
