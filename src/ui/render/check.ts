import { qualityRuleById } from '../../quality/rules/index.js';
import type { CheckResult, RuleInfo } from '../../services/check-service.js';
import { type Cell, renderTable } from '../table.js';

/** Findings printed on the terminal before pointing to --out / --json for the rest. */
const SHOWN = 20;

export function renderCheck(r: CheckResult): string {
  const out: string[] = [];
  const scope = [r.township, r.village].filter(Boolean).join('') || '全县';
  out.push(`数据质量检查：${scope}，检查日 ${r.asOf}，${r.rules.length} 条规则`);
  out.push(
    r.total === 0
      ? '未发现问题。'
      : `发现问题 ${r.total.toLocaleString('en-US')} 条（错误 ${r.bySeverity.错误.toLocaleString('en-US')}、疑点 ${r.bySeverity.疑点.toLocaleString('en-US')}），涉及 ${r.households.toLocaleString('en-US')} 户`,
  );
  out.push('');
  out.push(
    renderTable(
      ['类别', '名称', '问题数'],
      r.byFamily.map((f) => [f.family, f.name, f.findings]),
      { align: ['left', 'left', 'right'] },
    ),
  );
  const ruleRows: Cell[][] = r.rules
    .filter((id) => (r.byRule[id] ?? 0) > 0)
    .map((id) => {
      const rule = qualityRuleById(id)!;
      return [id, rule.family, rule.severity, rule.name, r.byRule[id] ?? 0];
    });
  if (ruleRows.length > 0) {
    out.push('');
    out.push(
      renderTable(['规则', '类别', '性质', '名称', '问题数'], ruleRows, {
        align: ['left', 'left', 'left', 'left', 'right'],
      }),
    );
  }
  if (r.byTownship.length > 0) {
    out.push('');
    out.push(
      renderTable(
        ['乡镇', '问题数', '错误', '疑点', '涉及户数'],
        r.byTownship.map((t) => [t.乡镇, t.findings, t.错误, t.疑点, t.households]),
        { align: ['left', 'right', 'right', 'right', 'right'] },
      ),
    );
  }
  if (r.findings.length > 0) {
    out.push('');
    out.push(r.findings.length > SHOWN ? `前 ${SHOWN} 条问题：` : '问题：');
    for (const f of r.findings.slice(0, SHOWN)) {
      const where = f.户编号 ? `户 ${f.户编号}${f.证件号码 ? ` ${f.证件号码}` : ''}` : `${f.乡镇}${f.村}`;
      out.push(`  ${f.rule} ${f.severity} ${where}：${f.message}`);
    }
  }
  out.push('');
  if (r.report) {
    out.push(`问题清单已写入：${r.report.files.map((f) => f.file).join('、') || r.report.outDir}`);
  } else if (r.total > 0) {
    out.push('用 --out 问题清单.xlsx 生成按村、户逐条列出的问题清单，或用 --json 取得全部问题。');
  }
  return out.join('\n');
}

export function renderRuleList(rules: readonly RuleInfo[]): string {
  const out: string[] = [`数据质量规则 ${rules.length} 条（错误 = 信息自相矛盾或不符合规定；疑点 = 值得核实）：`, ''];
  let family = '';
  for (const r of rules) {
    if (r.family !== family) {
      family = r.family;
      if (out.length > 2) out.push('');
      out.push(`【${r.family} ${r.familyName}】`);
    }
    out.push(`${r.id} ${r.severity} ${r.name}`);
    out.push(`    ${r.reading}`);
  }
  return out.join('\n');
}
