// Import benchmark (issues 2, 15): `fpjc import members` of a 1,000,000-member demo county, and the
// same county as the national system's per-person export (（自定义）监测对象信息: title row, export-info
// row, header on row 3, 102 columns) into a fresh register, each against a floor measured in the
// same run — unzipping the same sheet XML and scanning it for cells. Also printed: the write floor
// (write-floor.mjs: the same rows written by plain INSERTs) and the import's CPU time, for what
// two cores can overlap. Target: ≤ 3× the floor, peak RSS ≤ 600 MB. Run with `npm run bench:import`
// (BENCH_NATIONAL=0 skips the national export).
import fs from 'node:fs';
import path from 'node:path';
import { demoCounty, fmt, freshRegister, runFpjc, runMeasured } from './lib.mjs';
import { copyRegister, measureWriteFloor } from './write-floor.mjs';
import { measureFloor } from './xlsx-floor.mjs';

/** The write floor of what an import added, and the import's CPU time, against the read floor. */
function printFloors(run, before, db, readFloor) {
  const w = measureWriteFloor(before, db);
  fs.rmSync(path.dirname(before), { recursive: true, force: true });
  console.log(
    `  写入下限（同样的 ${w.rows.toLocaleString()} 行直接 INSERT，含变更记录）：${fmt(w.ms)} = 读取下限的 ${(w.ms / readFloor.ms).toFixed(2)} 倍`,
  );
  console.log(
    `  导入用 CPU ${fmt(run.cpuMs)}（两核：墙钟至少 ${fmt(run.cpuMs / 2)}）；读取下限 + 写入下限 = ${fmt(readFloor.ms + w.ms)} CPU`,
  );
}

const households = Number(process.env.BENCH_HOUSEHOLDS ?? 300_000);
const dir = await demoCounty(households);
const membersFile = path.join(dir, '家庭成员.xlsx');

const floor = await measureFloor(membersFile);
console.log(
  `下限（解压并扫描工作表 XML）：${fmt(floor.ms)}，${floor.rows.toLocaleString()} 行，${floor.cells.toLocaleString()} 个单元格`,
);

const { db } = await freshRegister('import');
const hh = await runFpjc(['import', 'households', path.join(dir, '户信息.xlsx'), '--db', db, '--json', '--no-backup']);
if (hh.code !== 0) throw new Error(hh.stdout + hh.stderr);
console.log(`（准备）导入户信息：${fmt(hh.ms)}`);

const membersBefore = copyRegister(db);
const r = await runMeasured(['import', 'members', membersFile, '--db', db, '--json', '--no-backup']);
const result = JSON.parse(r.stdout).result;
console.log(
  `导入家庭成员：${fmt(r.ms)}，新增 ${result.inserted.toLocaleString()} 人，峰值内存 ${r.maxRssMb.toFixed(0)} MB`,
);
printFloors(r, membersBefore, db, floor);

const again = await runFpjc(['import', 'members', membersFile, '--db', db, '--json', '--no-backup']);
const r2 = JSON.parse(again.stdout).result;
console.log(
  `重复导入（全部未变）：${fmt(again.ms)}，未变 ${r2.unchanged.toLocaleString()} 人，峰值内存 ${again.maxRssMb.toFixed(0)} MB`,
);

const ratio = r.ms / floor.ms;
console.log('');
console.log(`比值 导入/下限 = ${ratio.toFixed(2)}（目标 ≤ 3），峰值内存 ${r.maxRssMb.toFixed(0)} MB（目标 ≤ 600 MB）`);
console.log(`比值 重复导入/下限 = ${(again.ms / floor.ms).toFixed(2)}`);

if (process.env.BENCH_NATIONAL !== '0') {
  const nationalFile = path.join(dir, '全国系统导出', '（自定义）监测对象信息.xlsx');
  const nFloor = await measureFloor(nationalFile);
  console.log('');
  console.log(
    `全国系统按人导出：下限（解压并扫描）${fmt(nFloor.ms)}，${nFloor.rows.toLocaleString()} 行，${nFloor.cells.toLocaleString()} 个单元格`,
  );
  const fresh = await freshRegister('import-national');
  const regions = await runFpjc([
    'import',
    'regions',
    path.join(dir, '行政区划.xlsx'),
    '--db',
    fresh.db,
    '--json',
    '--no-backup',
  ]);
  if (regions.code !== 0) throw new Error(regions.stdout + regions.stderr);
  const nationalBefore = copyRegister(fresh.db);
  const n = await runMeasured(['import', 'national', nationalFile, '--db', fresh.db, '--json', '--no-backup']);
  const nr = JSON.parse(n.stdout).result;
  console.log(
    `导入监测对象信息（全国系统导出，新登记库）：${fmt(n.ms)}，${nr.rows.toLocaleString()} 行，峰值内存 ${n.maxRssMb.toFixed(0)} MB，比值 ${(n.ms / nFloor.ms).toFixed(2)}（目标 ≤ 3）`,
  );
  printFloors(n, nationalBefore, fresh.db, nFloor);
}
