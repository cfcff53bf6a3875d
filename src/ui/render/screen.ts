import { fpjcCommand } from '../../domain/command-hint.js';
import { formatCount, formatYuan } from '../../domain/normalize.js';
import { type Coverage, coverageText, VISIT_RESULTS } from '../../screening/progress.js';
import { RULES } from '../../screening/rules/index.js';
import { CATEGORIES, type Category } from '../../screening/types.js';
import type { ScreenListResult, ScreenResult, ScreenStatusResult } from '../../services/screen-service.js';
import { type Cell, renderTable } from '../table.js';

const HOUSEHOLD_CATEGORIES = CATEGORIES.filter((c): c is Exclude<Category, '村级'> => c !== '村级');

export function renderScreen(r: ScreenResult): string {
  const out: string[] = [];
  out.push(`${r.dryRun ? '【试运行，未写入登记库】' : ''}集中排查 ${r.campaign}（${r.name}）`);
  out.push(
    `排查基准日 ${r.asOf}，收入年度 ${r.incomeYear}${r.incomeLine !== null ? `，监测范围 ${formatYuan(r.incomeLine)} 元（${r.asOf.slice(0, 4)} 年）` : ''}；排查范围：${r.township ?? '全县'} ${r.inScope.toLocaleString('en-US')} 户`,
  );
  out.push('');
  const rows: Cell[][] = r.byTownship.map((t) => [
    t.乡镇,
    t.inScope,
    t.flagged,
    ...HOUSEHOLD_CATEGORIES.map((c) => t.byCategory[c]),
    t.数据缺失,
  ]);
  if (r.byTownship.length > 1) {
    rows.push([
      '合计',
      r.inScope,
      r.flagged,
      ...HOUSEHOLD_CATEGORIES.map((c) => r.byCategory[c]),
      r.missing.households,
    ]);
  }
  out.push(renderTable(['乡镇', '排查户数', '有预警线索', ...HOUSEHOLD_CATEGORIES, '数据缺失'], rows));
  out.push('（各类别为户数，一户可属多个类别；“数据缺失”为有规则因缺少数据无法判断的户）');
  out.push('');
  const ruleRows: Cell[][] = RULES.filter((rule) => r.rules.includes(rule.id)).map((rule) => [
    rule.id,
    rule.name,
    rule.category,
    r.byRule[rule.id] ?? 0,
    rule.id === 'V01' ? null : (r.missing.byRule[rule.id as keyof typeof r.missing.byRule] ?? 0),
  ]);
  out.push(
    renderTable(['规则', '名称', '类别', '预警数', '数据缺失'], ruleRows, {
      align: ['left', 'left', 'left', 'right', 'right'],
    }),
  );
  if (r.villages.length > 0) {
    out.push('');
    out.push(
      renderTable(
        ['乡镇', '村', '村级预警（V01）'],
        r.villages.map((v) => [v.乡镇, v.村, v.evidence]),
      ),
    );
  }
  out.push('');
  if (r.changes) {
    const f = r.changes.flags;
    const again = r.created ? '' : `（上次 ${f.before.toLocaleString('en-US')} 条）`;
    out.push(
      `已保存排查批次 ${r.campaign}：排查范围 ${r.changes.scope.after.toLocaleString('en-US')} 户，预警线索和数据缺失共 ${f.after.toLocaleString('en-US')} 条${again}${r.changeSet ? `，修改记录 #${r.changeSet}` : ''}；已录入的入户排查结果保持不变。`,
    );
  }
  if (r.report) {
    out.push(`排查清单已写入「${r.report.outDir}」，共 ${formatCount(r.report.files.length)} 个文件。`);
  }
  out.push(
    `下一步：${fpjcCommand(`report screening-list --campaign ${r.campaign}`)} 生成各村排查清单；入户后用 ${fpjcCommand(`import visits <文件> --campaign ${r.campaign}`)} 导入结果；${fpjcCommand(`screen status --campaign ${r.campaign}`)} 查看进度。`,
  );
  return out.join('\n');
}

export function renderScreenList(r: ScreenListResult): string {
  const out: string[] = [];
  const scope = [r.filter.township, r.filter.village].filter(Boolean).join(' ') || '全县';
  out.push(
    `排查批次 ${r.campaign}（${r.name ?? ''}）${scope}${r.filter.rule ? ` 规则 ${r.filter.rule}` : ''}：有预警线索 ${formatCount(r.count)} 户`,
  );
  for (const h of r.households) {
    out.push('');
    out.push(
      `${h.乡镇} ${h.村}  ${h.户编号}  ${h.户主姓名 ?? ''}  ${h.户类型}，${formatCount(h.人数)} 人，${h.监测状态}  〔${h.category}〕  研判结果：${h.研判结果 ?? '未排查'}${h.说明 ? `（${h.说明}）` : ''}`,
    );
    for (const f of [...h.flags, ...h.dataMissing])
      out.push(`    ${f.rule} ${f.name}${f.category === '数据缺失' ? '（数据缺失）' : ''}：${f.evidence}`);
  }
  if (r.villages.length > 0) {
    out.push('');
    out.push(
      renderTable(
        ['乡镇', '村', '村级预警（V01）'],
        r.villages.map((v) => [v.乡镇, v.村, v.evidence]),
      ),
    );
  }
  return out.join('\n');
}

export function renderScreenStatus(s: ScreenStatusResult): string {
  const out: string[] = [];
  out.push(`排查批次 ${s.campaign}（${s.name ?? ''}）排查进度${s.township ? `：${s.township}` : ''}`);
  out.push(
    `排查范围 ${formatCount(s.inScope)} 户 ${formatCount(s.people)} 人，已排查 ${formatCount(s.visited)} 户，未排查 ${formatCount(s.notVisited)} 户，覆盖率 ${coverageText(s.coverage)}；覆盖 ${s.villagesVisited}/${formatCount(s.villages)} 个村。`,
  );
  out.push('');
  const head = ['户数', '已排查', '未排查', '覆盖率', '有预警未排查', ...VISIT_RESULTS];
  const line = (name: string, c: Coverage): Cell[] => [
    name,
    c.inScope,
    c.visited,
    c.notVisited,
    coverageText(c.coverage),
    c.flaggedNotVisited,
    ...VISIT_RESULTS.map((k) => c.results[k] ?? 0),
  ];
  const align = ['left', ...head.map(() => 'right' as const)] as ('left' | 'right')[];
  if (s.township && s.byTownship.length === 1) {
    const t = s.byTownship[0]!;
    out.push(renderTable(['村', ...head], [...t.villages.map((v) => line(v.村, v)), line('合计', t)], { align }));
  } else {
    const rows = s.byTownship.map((t) => line(t.乡镇, t));
    if (s.byTownship.length > 1) rows.push(line('合计', s));
    out.push(renderTable(['乡镇', ...head], rows, { align }));
  }
  out.push('');
  out.push(
    s.complete
      ? '排查覆盖率 100%，已实现排查全覆盖。'
      : `尚有 ${formatCount(s.notVisited)} 户未排查${s.flaggedNotVisited ? `（其中有预警线索的 ${formatCount(s.flaggedNotVisited)} 户）` : ''}。用 ${fpjcCommand(`import visits <文件> --campaign ${s.campaign}`)} 导入入户排查结果。`,
  );
  return out.join('\n');
}
