import { FpjcError } from '../domain/errors.js';
import { matchVocab } from '../domain/vocab.js';
import {
  type AlertRow,
  alertCounts,
  listAlerts,
  markDispatched,
  pendingAlerts,
  unmatchedOpenAlerts,
} from '../register/alerts-repo.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import type { ReportResult } from './report-service.js';
import { resolveTownship } from './screen-service.js';

/**
 * `fpjc alerts list|dispatch`: 部门筛查、集中交办、入户核查、结果反馈、跟踪盯办 (seed 000). The
 * results come back through `fpjc import alerts --results`.
 */

export interface AlertRecord {
  来源部门: string;
  证件号码: string;
  姓名: string | null;
  预警类型: string;
  指标值: number | null;
  预警日期: string | null;
  预警内容: string | null;
  户编号: string | null;
  户主姓名: string | null;
  乡镇: string | null;
  村: string | null;
  状态: string;
  交办时间: string | null;
  核实结果: string | null;
  核实说明: string | null;
  核实人: string | null;
  核实日期: string | null;
  matched: boolean;
}

export interface UnmatchedGroup {
  乡镇: string;
  count: number;
  alerts: AlertRecord[];
}

export interface AlertsListResult {
  filter: { source: string | null; status: string | null; unmatched: boolean; township: string | null };
  total: number;
  byStatus: Record<string, number>;
  unmatchedTotal: number;
  alerts: AlertRecord[];
  /** Unresolved unmatched alerts per 乡镇 (应纳尽纳 leads), of the listed ones. */
  unmatchedByTownship: UnmatchedGroup[];
}

export interface AlertsDispatchResult {
  township: string | null;
  dispatched: number;
  byTownship: { 乡镇: string; count: number }[];
  unmatched: { total: number; byTownship: UnmatchedGroup[] };
  dryRun: boolean;
  dispatchedAt: string | null;
  changeSet: number | null;
  report: ReportResult | null;
}

export const ALERT_STATUSES = ['未交办', '已交办', '已核实'] as const;
const NO_TOWNSHIP = '（未注明乡镇）';

export function toRecord(a: AlertRow): AlertRecord {
  return {
    来源部门: a.sourceDept,
    证件号码: a.idNo,
    姓名: a.name,
    预警类型: a.alertType,
    指标值: a.value,
    预警日期: a.alertDate || null,
    预警内容: a.detail,
    户编号: a.hhNo,
    户主姓名: a.headName,
    乡镇: a.township,
    村: a.village,
    状态: a.status,
    交办时间: a.dispatchedAt,
    核实结果: a.verifyResult,
    核实说明: a.verifyNote,
    核实人: a.verifier,
    核实日期: a.verifyDate,
    matched: a.hhNo !== null,
  };
}

function groupUnmatched(rows: readonly AlertRow[]): UnmatchedGroup[] {
  const groups = new Map<string, AlertRecord[]>();
  for (const a of rows) {
    if (a.hhNo !== null || a.status === '已核实') continue;
    const k = a.township ?? NO_TOWNSHIP;
    groups.set(k, [...(groups.get(k) ?? []), toRecord(a)]);
  }
  return [...groups.entries()].map(([乡镇, alerts]) => ({ 乡镇, count: alerts.length, alerts }));
}

function normalizeSource(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const m = matchVocab('alertSource', raw);
  if (!m.ok) throw new FpjcError('USAGE', `--source「${raw}」不对：${m.message}`);
  return m.value;
}

export function listDepartmentAlerts(
  register: Register,
  req: {
    source?: string | undefined;
    status?: string | undefined;
    unmatched?: boolean | undefined;
    township?: string | undefined;
  },
): AlertsListResult {
  const source = normalizeSource(req.source);
  if (req.status !== undefined && !(ALERT_STATUSES as readonly string[]).includes(req.status)) {
    throw new FpjcError('USAGE', `--status「${req.status}」不对，应为：${ALERT_STATUSES.join('、')}。`);
  }
  const township = req.township?.trim() || null;
  const rows = listAlerts(register.db, {
    source: source ?? undefined,
    status: req.status,
    unmatched: req.unmatched,
    township: township ?? undefined,
  });
  const byStatus: Record<string, number> = Object.fromEntries(ALERT_STATUSES.map((s) => [s, 0]));
  let unmatchedTotal = 0;
  for (const c of alertCounts(register.db)) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n;
    if (!c.matched) unmatchedTotal += c.n;
  }
  return {
    filter: { source, status: req.status ?? null, unmatched: Boolean(req.unmatched), township },
    total: rows.length,
    byStatus,
    unmatchedTotal,
    alerts: rows.map(toRecord),
    unmatchedByTownship: groupUnmatched(rows),
  };
}

/**
 * 集中交办: write the 预警核查反馈表 per 村 (report `alerts`), then mark the matched 未交办 alerts
 * 已交办 with the time, in one audited transaction. The report comes first so that a failure
 * to write it leaves every alert as it was; re-running is harmless.
 */
export async function dispatchAlerts(
  register: Register,
  req: {
    township?: string | undefined;
    out?: string | undefined;
    dryRun?: boolean | undefined;
    operator: string;
    now?: Date;
  },
): Promise<AlertsDispatchResult> {
  const township = req.township ? resolveTownship(register, req.township) : null;
  const { db } = register;
  const pending = pendingAlerts(db, township?.id ?? null);
  const unmatched = groupUnmatched(unmatchedOpenAlerts(db, township?.name ?? null));
  const byTownship = new Map<string, number>();
  for (const a of pending)
    byTownship.set(a.township ?? NO_TOWNSHIP, (byTownship.get(a.township ?? NO_TOWNSHIP) ?? 0) + 1);
  const result: AlertsDispatchResult = {
    township: township?.name ?? null,
    dispatched: pending.length,
    byTownship: [...byTownship.entries()].map(([乡镇, count]) => ({ 乡镇, count })),
    unmatched: { total: unmatched.reduce((n, g) => n + g.count, 0), byTownship: unmatched },
    dryRun: Boolean(req.dryRun),
    dispatchedAt: null,
    changeSet: null,
    report: null,
  };
  if (req.dryRun) return result;
  result.report = await (await import('./report-service.js')).runReport(register, {
    id: 'alerts',
    township: township?.name,
    out: req.out,
    by: 'village',
    operator: req.operator,
  });
  if (pending.length === 0) return result;
  const at = (req.now ?? new Date()).toISOString();
  register.write(() => {
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'alerts dispatch',
      reason: `集中交办部门预警${township ? `（${township.name}）` : ''}`,
    });
    result.dispatched = markDispatched(db, log, pending, at);
    result.changeSet = log.openedId;
  });
  result.dispatchedAt = at;
  return result;
}
