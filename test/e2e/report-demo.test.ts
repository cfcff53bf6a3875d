import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fpjc, initRegister, tempDir } from '../helpers/cli.js';

/** The demo county (small), imported with the real CLI: the path a clerk takes. */
let dir: string;
let db: string;
const AS_OF = '2024-05-01';

beforeAll(() => {
  dir = tempDir('报表演示县');
  const data = path.join(dir, '演示县');
  const demo = fpjc(['demo', '--out', data, '--households', '600', '--seed', '7', '--json']);
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stdout}${demo.stderr}`);
  db = initRegister(dir);
  const imp = fpjc(['import', data, '--db', db, '--json']);
  if (imp.code !== 0) throw new Error(`import failed: ${imp.stdout.slice(0, 2000)}${imp.stderr.slice(0, 2000)}`);
});

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const json = (args: string[]) => {
  const r = fpjc([...args, '--db', db, '--json']);
  expect(r.code, r.stdout.slice(0, 2000) + r.stderr.slice(0, 2000)).toBe(0);
  return JSON.parse(r.stdout).result;
};

function placeholdersLeft(wb: ExcelJS.Workbook): string[] {
  const left: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Merge && /\{\{|\}\}/.test(String(cell.text)))
          left.push(`${ws.name}!${cell.address}`);
      }),
    ),
  );
  return left;
}

describe('reports on the demo county', () => {
  it('every report works, every file opens, keeps its print setup and has no placeholder left', async () => {
    const out = path.join(dir, '全部报表');
    const sqlite = new Database(db, { readonly: true });
    const township = sqlite.prepare('SELECT name FROM townships ORDER BY id LIMIT 1').pluck().get() as string;
    sqlite.close();
    const runs: [string, string[]][] = [
      ['summary', []],
      ['ledger', ['--by', 'township']],
      ['survey-form', ['--township', township]], // one township keeps the run short
      ['alerts', ['--by', 'township']],
      ['roster', ['--by', 'township']],
    ];
    for (const [id, extra] of runs) {
      const result = json(['report', id, '--out', out, '--as-of', AS_OF, ...extra]);
      expect(result.files.length, id).toBeGreaterThan(0);
      for (const f of result.files) {
        expect(f.rows, f.file).toBeGreaterThan(0);
        const wb = await open(f.file);
        expect(placeholdersLeft(wb), f.file).toEqual([]);
        wb.eachSheet((ws) => expect(ws.pageSetup.paperSize, `${f.file} ${ws.name}`).toBe(9));
      }
    }
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('summary totals equal status --json', async () => {
    const status = json(['status', '--as-of', AS_OF]);
    const result = json(['report', 'summary', '--as-of', AS_OF, '--out', path.join(dir, '汇总')]);
    const ws = (await open(result.files[0].file)).getWorksheet('基本情况')!;
    let r = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '合计') r = n;
    });
    const v = (c: number) => ws.getCell(r, c).value;
    expect([v(2), v(3), v(4), v(6)]).toEqual([
      status.households,
      status.members,
      status.householdsByType.脱贫户 ?? 0,
      status.monitored.total,
    ]);
    expect([v(14), v(15)]).toEqual([status.monitored.byState.风险未消除, status.monitored.byState.风险已消除]);
    expect([v(19), v(20), v(21), v(22)]).toEqual(
      ['红', '黄', '蓝', '未知'].map((c) => status.monitored.byColour[c] ?? 0),
    );
  });

  it('ledger --by village: one file per village with monitored households, rows adding up', () => {
    const status = json(['status', '--as-of', AS_OF]);
    const result = json(['report', 'ledger', '--by', 'village', '--as-of', AS_OF, '--out', path.join(dir, '台账')]);
    expect(result.files.reduce((n: number, f: { rows: number }) => n + f.rows, 0)).toBe(status.monitored.total);
    for (const f of result.files) expect(path.basename(f.file)).toBe(`${f.scope.乡镇}-${f.scope.村}-监测对象台账.xlsx`);
  });

  it('an alerts form filled in by the village goes back through import alerts --results', async () => {
    const before = json(['status', '--as-of', AS_OF]);
    const result = json(['report', 'alerts', '--by', 'township', '--out', path.join(dir, '预警')]);
    const file = result.files[0].file;
    const wb = await open(file);
    const ws = wb.worksheets[0]!;
    let head = 0;
    ws.eachRow((row, n) => {
      if (!head && row.getCell(1).value === '序号') head = n;
    });
    const col = (name: string) => (ws.getRow(head).values as unknown[]).indexOf(name);
    const filled = result.files[0].rows;
    for (let r = head + 1; r <= head + filled; r++) {
      ws.getCell(r, col('核实结果')).value = '属实';
      ws.getCell(r, col('核实说明')).value = '入户核实情况属实';
      ws.getCell(r, col('核实人')).value = '王村干';
      ws.getCell(r, col('核实日期')).value = '2024-05-20';
    }
    const back = path.join(dir, '预警', '已核实.xlsx');
    await wb.xlsx.writeFile(back);
    const imp = fpjc(['import', 'alerts', back, '--results', '--db', db, '--json']);
    expect(imp.code, imp.stdout.slice(0, 3000) + imp.stderr).toBe(0);
    const after = json(['status', '--as-of', AS_OF]);
    expect(before.openAlerts + before.unmatchedAlerts - (after.openAlerts + after.unmatchedAlerts)).toBeGreaterThan(0);
  });
});
