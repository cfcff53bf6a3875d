// Report benchmark (issue 3): on a 300k-household demo county (~2,000 villages), time
//   fpjc report ledger --by village            (one 监测对象台账 per village)
//   fpjc report survey-form --village X        (摸底排查表 of the largest village)
// against a floor measured in the same run: a child process that writes the same rows (the cell
// values read back from fpjc's own output) with exceljs's streaming WorkbookWriter, no template,
// no styles, no merges. Target: ≤ 2× the floor, peak RSS ≤ 500 MB.
// Each is run BENCH_REPEAT times (default 3), alternating with the floor, and the best times are
// compared. Run with `npm run bench:report` (BENCH_HOUSEHOLDS to change the size; BENCH_DB to
// use an existing register).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { demoCounty, fmt, freshRegister, runFpjc } from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Floor child: `node bench/report.mjs --floor rows.json outDir` writes each file's rows plainly.

if (process.argv[2] === '--floor') {
  process.on('exit', () => {
    if (process.env.FPJC_BENCH_RSS_FILE)
      fs.writeFileSync(process.env.FPJC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
  });
  const files = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const out = process.argv[4];
  fs.mkdirSync(out, { recursive: true });
  let n = 0;
  for (const f of files) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path.join(out, f.name),
      useStyles: false,
      useSharedStrings: false,
    });
    for (const sheet of f.sheets) {
      const ws = wb.addWorksheet(sheet.name);
      for (const row of sheet.rows) {
        ws.addRow(row).commit();
        if (++n % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      ws.commit();
    }
    await wb.commit();
  }
  process.exit(0);
}

/** Run a node script in a child, measuring wall time and its own peak RSS. */
function runNode(args) {
  const rssFile = path.join(os.tmpdir(), `fpjc-bench-floor-${process.pid}-${Date.now()}.txt`);
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, FPJC_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let maxRssMb = Number.NaN;
      try {
        maxRssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
        fs.rmSync(rssFile, { force: true });
      } catch {}
      resolve({ ms, maxRssMb, code, stderr });
    });
  });
}

/** The cell values of every sheet of the given outputs (read back untimed), for the floor to write. */
async function rowsOf(files) {
  const out = [];
  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheets = [];
    wb.eachSheet((ws) => {
      const rows = [];
      ws.eachRow({ includeEmpty: true }, (row) => {
        const values = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          values[col - 1] = cell.type === ExcelJS.ValueType.Merge ? null : (cell.value ?? null);
        });
        rows.push(values);
      });
      sheets.push({ name: ws.name, rows });
    });
    out.push({ name: path.basename(file), sheets });
  }
  return out;
}

const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const best = (runs, key) => Math.min(...runs.map((r) => r[key]));

/**
 * fpjc and the floor, alternately, REPEAT times each (the machine may be busy): the best wall
 * time of each is compared, and the highest peak RSS of fpjc is reported.
 */
async function measure(label, fpjcArgs) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc-bench-report-'));
  const runs = [];
  const floors = [];
  let result;
  let rowsFile;
  let cells = 0;
  let sheetRows = 0;
  for (let i = 0; i < REPEAT; i++) {
    const outDir = path.join(work, `fpjc-${i}`);
    const r = await runFpjc([...fpjcArgs, '--out', outDir, '--json']);
    if (r.code !== 0) throw new Error(`${label} failed: ${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`);
    runs.push(r);
    if (!rowsFile) {
      result = JSON.parse(r.stdout).result;
      const data = await rowsOf(result.files.map((f) => f.file));
      cells = data.reduce(
        (n, f) => n + f.sheets.reduce((m, sh) => m + sh.rows.reduce((k, row) => k + row.length, 0), 0),
        0,
      );
      sheetRows = data.reduce((n, f) => n + f.sheets.reduce((m, sh) => m + sh.rows.length, 0), 0);
      rowsFile = path.join(work, 'floor-rows.json');
      fs.writeFileSync(rowsFile, JSON.stringify(data));
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    const floor = await runNode([SELF, '--floor', rowsFile, path.join(work, `floor-${i}`)]);
    if (floor.code !== 0) throw new Error(`floor failed: ${floor.stderr}`);
    floors.push(floor);
    fs.rmSync(path.join(work, `floor-${i}`), { recursive: true, force: true });
  }
  fs.rmSync(work, { recursive: true, force: true });

  const ms = best(runs, 'ms');
  const floorMs = best(floors, 'ms');
  const rss = Math.max(...runs.map((r) => r.maxRssMb));
  const ratio = ms / floorMs;
  const rows = result.files.reduce((n, f) => n + f.rows, 0);
  console.log(`${label}`);
  console.log(
    `  fpjc：${fmt(ms)}（${runs.map((r) => fmt(r.ms)).join('、')}），${result.files.length.toLocaleString()} 个文件，${rows.toLocaleString()} 条，${sheetRows.toLocaleString()} 行 ${cells.toLocaleString()} 个单元格，峰值内存 ${rss.toFixed(0)} MB`,
  );
  console.log(
    `  下限（同样的行，流式写入无模板）：${fmt(floorMs)}（${floors.map((r) => fmt(r.ms)).join('、')}），峰值内存 ${best(floors, 'maxRssMb').toFixed(0)} MB`,
  );
  console.log(
    `  比值 ${ratio.toFixed(2)}（目标 ≤ 2），峰值内存 ${rss.toFixed(0)} MB（目标 ≤ 500 MB）${ratio <= 2 && rss <= 500 ? '  ✓' : '  ✗'}`,
  );
  return { ms, floorMs, ratio, maxRssMb: rss };
}

// ---------------------------------------------------------------------------------------------

let db = process.env.BENCH_DB;
if (!db) {
  const households = Number(process.env.BENCH_HOUSEHOLDS ?? 300_000);
  const dir = await demoCounty(households);
  const marker = path.join(dir, 'report-bench.db');
  if (!fs.existsSync(marker)) {
    const fresh = await freshRegister('report');
    const r = await runFpjc(['import', dir, '--db', fresh.db, '--json', '--no-backup']);
    if (r.code !== 0) throw new Error(`import failed: ${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`);
    console.log(`（准备）导入演示县：${fmt(r.ms)}`);
    fs.copyFileSync(fresh.db, marker);
  }
  db = marker;
}

const sqlite = new Database(db, { readonly: true });
const counts = sqlite
  .prepare(
    `SELECT (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM villages) AS villages,
            (SELECT count(*) FROM households WHERE mon_category IS NOT NULL) AS monitored`,
  )
  .get();
const big = sqlite
  .prepare(
    `SELECT t.name AS township, v.name AS village, count(*) AS n FROM households h JOIN villages v ON v.id = h.village_id
     JOIN townships t ON t.id = v.township_id GROUP BY v.id ORDER BY n DESC LIMIT 1`,
  )
  .get();
sqlite.close();
console.log(
  `登记库：${counts.households.toLocaleString()} 户，${counts.villages.toLocaleString()} 个村，监测对象 ${counts.monitored.toLocaleString()} 户`,
);
console.log('');

await measure('report ledger --by village', [
  'report',
  'ledger',
  '--db',
  db,
  '--by',
  'village',
  '--as-of',
  '2024-06-30',
]);
console.log('');
await measure(`report survey-form --village ${big.village}（${big.township}，${big.n.toLocaleString()} 户）`, [
  'report',
  'survey-form',
  '--db',
  db,
  '--township',
  big.township,
  '--village',
  big.village,
  '--as-of',
  '2024-06-30',
]);
