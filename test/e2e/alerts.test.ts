import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoRegister, dumpRegister, fpjc, tempDir } from '../helpers/cli.js';

/**
 * Department alerts (部门筛查、集中交办、入户核查、结果反馈、跟踪盯办, seed 000) on the demo
 * county: list, dispatch with the 预警核查反馈表 per 村, results back through
 * `import alerts --results`, and R11 following the unresolved ones.
 */

let dir: string;
let db: string;

function json(args: string[], code = 0) {
  const r = fpjc([...args, '--db', db, '--json']);
  expect(r.code, r.stdout + r.stderr).toBe(code);
  return r.json!;
}

const count = (sql: string): number => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(sql).pluck().get() as number) ?? 0;
  } finally {
    d.close();
  }
};

beforeAll(() => {
  dir = tempDir('预警');
  db = demoRegister(dir, 200, 3);
});

describe('fpjc alerts', () => {
  it('lists alerts by source and status, and the unmatched ones per 乡镇', () => {
    const all = json(['alerts', 'list']).result;
    const total = count('SELECT count(*) FROM alerts');
    expect(all.total).toBe(total);
    expect(all.byStatus).toMatchObject({ 未交办: total, 已交办: 0, 已核实: 0 });
    expect(all.unmatchedTotal).toBe(count('SELECT count(*) FROM alerts WHERE hh_no IS NULL'));
    expect(all.unmatchedTotal).toBeGreaterThan(0);
    expect(all.unmatchedByTownship.reduce((n: number, g: any) => n + g.count, 0)).toBe(all.unmatchedTotal);
    expect(all.alerts[0]).toEqual(
      expect.objectContaining({
        来源部门: expect.any(String),
        证件号码: expect.any(String),
        预警类型: expect.any(String),
        状态: '未交办',
      }),
    );
    const yibao = json(['alerts', 'list', '--source', '医保局']).result;
    expect(yibao.filter.source).toBe('医保');
    expect(yibao.alerts.every((a: any) => a.来源部门 === '医保')).toBe(true);
    expect(yibao.total).toBe(count("SELECT count(*) FROM alerts WHERE source_dept = '医保'"));
    const unmatched = json(['alerts', 'list', '--unmatched']).result;
    expect(unmatched.alerts.every((a: any) => a.户编号 === null)).toBe(true);
    const text = fpjc(['alerts', 'list', '--unmatched', '--db', db]).stdout;
    expect(text).toContain('未匹配到登记库人员的预警');
    expect(text).toContain('应纳尽纳');
    const bad = fpjc(['alerts', 'list', '--source', '气象局', '--db', db, '--json']);
    expect(bad.code).toBe(2);
  });

  it('dispatches: writes the 反馈表 per 村, marks matched alerts 已交办 (audited); results come back', async () => {
    const matched = count("SELECT count(*) FROM alerts WHERE hh_no IS NOT NULL AND status = '未交办'");
    const before = dumpRegister(db);
    const dry = json(['alerts', 'dispatch', '--dry-run']).result;
    expect(dry).toMatchObject({ dryRun: true, dispatched: matched, report: null });
    expect(dumpRegister(db)).toBe(before);

    const screened = json(['screen', '--campaign', '2024Q2', '--as-of', '2024-05-01', '--rules', 'R11']).result;
    expect(screened.byRule.R11).toBe(
      count("SELECT count(DISTINCT hh_no) FROM alerts WHERE hh_no IS NOT NULL AND status <> '已核实'"),
    );

    const out = path.join(dir, '预警交办');
    const r = json(['alerts', 'dispatch', '--out', out]).result;
    expect(r.dispatched).toBe(matched);
    expect(r.dispatchedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(r.report.files.length).toBeGreaterThan(1);
    expect(r.unmatched.total).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM alerts WHERE status = '已交办' AND dispatched_at IS NOT NULL")).toBe(matched);
    expect(
      count("SELECT count(*) FROM changes WHERE entity = 'alert' AND field = 'status' AND new_value = '已交办'"),
    ).toBe(matched);
    expect(json(['alerts', 'dispatch']).result.dispatched).toBe(0);

    // the villages verify every alert of their list and send it back
    let verified = 0;
    for (const f of r.report.files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f.file);
      const ws = wb.worksheets[0]!;
      let header = 0;
      const col: Record<string, number> = {};
      ws.eachRow((row, i) => {
        const values = (row.values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
        if (!header && values.includes('核实结果') && values.includes('证件号码')) {
          header = i;
          values.forEach((v, c) => {
            if (v) col[v] = c;
          });
        }
      });
      expect(header).toBeGreaterThan(0);
      for (let i = header + 1; i <= ws.rowCount; i++) {
        const row = ws.getRow(i);
        if (!row.getCell(col.证件号码!).text) continue;
        row.getCell(col.核实结果!).value = verified % 2 ? '不属实' : '属实';
        row.getCell(col.核实说明!).value = '已入户核实';
        row.getCell(col.核实人!).value = '村干部';
        row.getCell(col.核实日期!).value = '2024-05-15';
        row.commit();
        verified++;
      }
      await wb.xlsx.writeFile(f.file);
      const imp = json(['import', 'alerts', f.file, '--results']).result;
      expect(imp.rejected).toBe(0);
    }
    expect(verified).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM alerts WHERE status = '已核实'")).toBe(verified);
    const listed = json(['alerts', 'list', '--status', '已核实']).result;
    expect(listed.total).toBe(verified);
    expect(listed.alerts[0].核实人).toBe('村干部');

    // R11 follows the unresolved ones
    const again = json(['screen', '--campaign', '2024Q2', '--rules', 'R11']).result;
    expect(again.byRule.R11).toBe(
      count("SELECT count(DISTINCT hh_no) FROM alerts WHERE hh_no IS NOT NULL AND status <> '已核实'"),
    );
    expect(again.byRule.R11).toBeLessThan(screened.byRule.R11);
  });

  it('dispatches one 乡镇 only', () => {
    const townships = json(['alerts', 'list'])
      .result.alerts.map((a: any) => a.乡镇)
      .filter(Boolean);
    const r = fpjc(['alerts', 'dispatch', '--township', townships[0], '--dry-run', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`【试运行】${townships[0]}`);
    expect(fpjc(['alerts', 'dispatch', '--township', '不存在乡', '--db', db]).code).toBe(2);
  });
});
