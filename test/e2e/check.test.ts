import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoGenerator } from '../../src/demo/generator.js';
import { EXPECTED_FINDINGS, RANDOM_LEADS } from '../../src/demo/quality-plants.js';
import { QUALITY_RULES } from '../../src/quality/rules/index.js';
import { fpjc, initRegister, tempDir } from '../helpers/cli.js';

/**
 * `fpjc check` (issue 11) through the real CLI on a register built from the demo county's
 * per-person national export: every planted problem found, nothing on the clean households,
 * the JSON contract, the 问题清单, usage errors.
 */

const SIZE = 300;
const SEED = 5;
const AS_OF = '2024-05-01';
let dir: string;
let db: string;
let result: any;

/** 户编号 → scenario, and 村 of each scenario household (the generator is deterministic). */
function planted(): { scenario: Map<string, string>; village: Map<string, string> } {
  const g = new DemoGenerator({ households: SIZE, seed: SEED, countyCode: '140702', countyName: '榆次区' });
  const scenario = new Map<string, string>();
  const village = new Map<string, string>();
  for (const b of g.villages()) {
    for (const h of b.households) {
      if (!h.scenario) continue;
      scenario.set(h.hhNo, h.scenario);
      village.set(h.scenario, `${h.village.township}${h.village.name}`);
    }
  }
  return { scenario, village };
}

function check(args: string[], code = 0) {
  const r = fpjc(['check', '--db', db, '--as-of', AS_OF, ...args]);
  expect(r.code, r.stdout.slice(0, 2000) + r.stderr.slice(0, 2000)).toBe(code);
  return r;
}

beforeAll(() => {
  dir = tempDir('数据质量');
  const out = path.join(dir, '演示县');
  const demo = fpjc(['demo', '--out', out, '--households', String(SIZE), '--seed', String(SEED), '--json']);
  expect(demo.code, demo.stderr).toBe(0);
  db = initRegister(dir);
  const imp = fpjc(['import', path.join(out, '全国系统导出'), '--db', db, '--json']);
  expect(imp.code, imp.stdout.slice(0, 2000)).toBe(0);
  result = check(['--json']).json!.result;
}, 240_000);

describe('fpjc check on the demo county (per-person national export)', () => {
  it('finds every planted problem and nothing on the clean households', () => {
    const { scenario, village } = planted();
    const found = new Set<string>();
    for (const f of result.findings) {
      if (f.户编号 === null) {
        // the village finding: the village of Q_VILLAGE_BLANK's household
        expect(`${f.乡镇}${f.村}`, f.message).toBe(village.get('Q_VILLAGE_BLANK'));
        found.add(`Q_VILLAGE_BLANK:${f.rule}`);
        continue;
      }
      let sc = scenario.get(f.户编号);
      // the same phone: the household before DUP_PHONE's shares it
      if (!sc && f.rule === 'Q95') sc = 'DUP_PHONE';
      // leads the demo scatters at random for screening are findings too (RANDOM_LEADS)
      if (RANDOM_LEADS.includes(f.rule) && !EXPECTED_FINDINGS[sc as keyof typeof EXPECTED_FINDINGS]?.length) continue;
      expect(sc, `${f.rule} ${f.户编号} ${f.message}`).toBeDefined();
      expect(EXPECTED_FINDINGS[sc as keyof typeof EXPECTED_FINDINGS], `${sc}: ${f.rule} ${f.message}`).toContain(
        f.rule,
      );
      found.add(`${sc}:${f.rule}`);
    }
    for (const [sc, rules] of Object.entries(EXPECTED_FINDINGS)) {
      for (const rule of rules ?? []) expect(found.has(`${sc}:${rule}`), `${sc} ${rule}`).toBe(true);
    }
    // every family of the reference inventory that the demo holds is planted
    const families = new Set(result.findings.map((f: any) => f.family));
    for (const f of ['A', 'B', 'C', 'D', 'E1', 'E2', 'E3', 'F', 'G', 'H', 'I1', 'I2', 'I3', 'I5'])
      expect(families).toContain(f);
  });

  it('keeps the JSON contract: byRule for every rule, findings with rule, severity, 户编号, 证件号码, message', () => {
    expect(Object.keys(result.byRule)).toEqual(QUALITY_RULES.map((r) => r.id));
    const total = Object.values(result.byRule).reduce((a: number, b) => a + (b as number), 0);
    expect(result.findings).toHaveLength(total);
    expect(result.total).toBe(total);
    for (const f of result.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', '户编号', '证件号码', 'message']));
      expect(['错误', '疑点']).toContain(f.severity);
    }
    const member = result.findings.find((f: any) => f.rule === 'Q33');
    expect(member.证件号码).toMatch(/^\d{17}[\dX]$/);
    expect(member.message).toMatch(
      /^\S+ \d+ 岁（\d{4}-\d{2}-\d{2} 出生），在校生状况为空且未填义务教育阶段未上学原因$/,
    );
    // deterministic: the same register gives the same findings in the same order
    expect(check(['--json']).json!.result.findings).toEqual(result.findings);
  });

  it('prints counts by family, rule and 乡镇 in Chinese; --family and --rules narrow the run', () => {
    const text = check([]).stdout;
    expect(text).toMatch(/发现问题 \d+ 条（错误 \d+、疑点 \d+），涉及 \d+ 户/);
    expect(text).toMatch(/类别\s+名称\s+问题数/);
    expect(text).toMatch(/乡镇\s+问题数\s+错误\s+疑点\s+涉及户数/);
    expect(text).toContain('Q33');
    const d = check(['--family', 'D', '--json']).json!.result;
    expect(d.findings.every((f: any) => f.family === 'D')).toBe(true);
    expect(d.findings.length).toBe(result.findings.filter((f: any) => f.family === 'D').length);
    const two = check(['--rules', 'Q33,q46', '--json']).json!.result;
    expect(Object.keys(two.byRule)).toEqual(['Q33', 'Q46']);
    const township = result.findings[0].乡镇;
    const one = check(['--township', township, '--json']).json!.result;
    expect(one.findings.every((f: any) => f.乡镇 === township)).toBe(true);
    expect(one.findings.length).toBe(result.findings.filter((f: any) => f.乡镇 === township).length);
  });

  it('--list prints every rule; usage errors exit 2 in Chinese', () => {
    const list = fpjc(['check', '--list', '--json']).json!.result.rules;
    expect(list).toHaveLength(QUALITY_RULES.length);
    expect(fpjc(['check', '--list']).stdout).toContain('Q01 错误 证件号码不是有效的身份证号');
    const bad = check(['--rules', 'Q999', '--json'], 2).json!;
    expect(bad.error!.message).toContain('不是数据质量规则编号');
    expect(check(['--family', 'Z'], 2).stderr).toContain('不是规则类别');
    expect(fpjc(['check', '--db', db, '--as-of', '2024-13-01']).code).toBe(2);
    expect(check(['--township', '没有这个镇', '--json'], 1).json!.error!.code).toBe('NOT_FOUND');
    expect(check(['--by', 'village'], 2).stderr).toContain('需要同时用 --out');
  });

  it('--out writes the 问题清单 per 村 and household, with a count sheet; --by village one file a 村', async () => {
    const file = path.join(dir, '问题清单.xlsx');
    const r = check(['--out', file, '--json']).json!.result;
    expect(r.report.files).toHaveLength(1);
    expect(r.report.files[0].rows).toBe(result.findings.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['问题清单', '问题统计']);
    const text = (ws: ExcelJS.Worksheet) => {
      const out: string[] = [];
      ws.eachRow((row) =>
        out.push((row.values as unknown[]).map((v) => (v === undefined || v === null ? '' : String(v))).join('|')),
      );
      // wrapped cells are broken into lines between items
      return out.join('\n').replace(/\n(?!\|)/g, '');
    };
    const list = text(wb.getWorksheet('问题清单')!);
    expect(list).not.toContain('{{');
    expect(list).not.toMatch(/\bQ\d{2,3}\b/); // no rule numbers on paper
    expect(list).toContain('在校生状况为空且未填义务教育阶段未上学原因');
    expect(text(wb.getWorksheet('问题统计')!)).toContain('义务教育适龄儿童不在校且未填未上学原因');
    const byVillage = check(['--out', path.join(dir, '按村'), '--by', 'village', '--json']).json!.result.report;
    const villages = new Set(result.findings.map((f: any) => `${f.乡镇}-${f.村}`));
    expect(byVillage.files).toHaveLength(villages.size);
    expect(byVillage.files.reduce((n: number, f: any) => n + f.rows, 0)).toBe(result.findings.length);
    for (const f of byVillage.files) expect(fs.existsSync(f.file)).toBe(true);
  });
});
