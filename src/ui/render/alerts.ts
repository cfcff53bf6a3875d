import { fpjcCommand } from '../../domain/command-hint.js';
import { formatCount } from '../../domain/normalize.js';
import type {
  AlertRecord,
  AlertsDispatchResult,
  AlertsListResult,
  UnmatchedGroup,
} from '../../services/alerts-service.js';
import { localTime } from '../local-time.js';
import { type Cell, renderTable } from '../table.js';

const alertRow = (a: AlertRecord): Cell[] => [
  a.乡镇,
  a.村,
  a.户编号 ?? '（未匹配）',
  a.姓名,
  a.来源部门,
  a.预警类型,
  a.指标值,
  a.预警日期,
  a.状态,
  a.核实结果,
];

function renderUnmatched(groups: readonly UnmatchedGroup[]): string[] {
  if (groups.length === 0) return [];
  const out = ['', '未匹配到登记库人员的预警（可能是尚未登记的农户，请入户核实，做到应纳尽纳）：'];
  for (const g of groups) {
    out.push(`  ${g.乡镇}：${formatCount(g.count)} 条`);
    for (const a of g.alerts) {
      out.push(`    ${a.姓名 ?? ''} ${a.证件号码} ${a.村 ?? ''} ${a.来源部门}「${a.预警类型}」${a.预警日期 ?? ''}`);
    }
  }
  return out;
}

export function renderAlertsList(r: AlertsListResult): string {
  const out: string[] = [];
  const filters = [
    r.filter.source && `来源部门 ${r.filter.source}`,
    r.filter.status && `状态 ${r.filter.status}`,
    r.filter.unmatched && '未匹配',
    r.filter.township && `乡镇 ${r.filter.township}`,
  ].filter(Boolean);
  out.push(
    `部门预警${filters.length ? `（${filters.join('，')}）` : ''}：${formatCount(r.total)} 条。全部预警：${Object.entries(
      r.byStatus,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join('，')}；未匹配到人 ${r.unmatchedTotal}。`,
  );
  if (r.alerts.length > 0) {
    out.push('');
    out.push(
      renderTable(
        ['乡镇', '村', '户编号', '姓名', '来源部门', '预警类型', '指标值', '预警日期', '状态', '核实结果'],
        r.alerts.map(alertRow),
        { align: ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'left', 'left', 'left'] },
      ),
    );
  }
  out.push(...renderUnmatched(r.unmatchedByTownship));
  return out.join('\n');
}

export function renderAlertsDispatch(r: AlertsDispatchResult): string {
  const out: string[] = [];
  const where = r.township ?? '全县';
  if (r.dryRun)
    out.push(`【试运行】${where}将交办 ${formatCount(r.dispatched)} 条部门预警（未写入登记库，未生成反馈表）。`);
  else
    out.push(
      `${where}已交办 ${formatCount(r.dispatched)} 条部门预警${r.dispatchedAt ? `（${localTime(r.dispatchedAt)}）` : ''}。`,
    );
  if (r.byTownship.length > 0) {
    out.push('');
    out.push(
      renderTable(
        ['乡镇', '交办条数'],
        r.byTownship.map((t) => [t.乡镇, t.count]),
      ),
    );
  }
  if (r.report) {
    out.push('');
    out.push(
      `预警核查反馈表已写入「${r.report.outDir}」，共 ${formatCount(r.report.files.length)} 个文件（每村一个）。`,
    );
    out.push(`村里逐条入户核实、填写核实结果后交回，用 ${fpjcCommand('import alerts --results <文件>')} 导入。`);
    for (const n of r.report.notes) out.push(n);
  }
  out.push(...renderUnmatched(r.unmatched.byTownship));
  return out.join('\n');
}
