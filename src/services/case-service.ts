import { FpjcError } from '../domain/errors.js';
import { formatCount, parseDate } from '../domain/normalize.js';
import { type Policy, resolvePolicy } from '../domain/policy.js';
import { matchVocab } from '../domain/vocab.js';
import { ChangeLog } from '../register/audit.js';
import {
  type CaseColumn,
  type CaseFilter,
  type CaseRow,
  caseByNo,
  type DecisionRow,
  decisionsOf,
  insertDecision,
  listCases,
  openCaseOf,
  updateCase,
} from '../register/cases-repo.js';
import type { Db, Register } from '../register/connection.js';
import { applyElimination, applyIdentification, monitoringState } from '../register/monitoring-repo.js';
import { readPolicyOverrides } from '../register/settings-repo.js';
import { localToday, monthOf } from '../workflow/dates.js';
import { type DecisionRequest, decide, overdueDays, type Refusal } from '../workflow/engine.js';
import {
  type CaseKind,
  type CheckName,
  type Decision,
  stageNames,
  statusesOf,
  type WorkflowDef,
  workflowOf,
} from '../workflow/stages.js';
import { resolveScopeFilter } from './screen-service.js';

/**
 * What review (识别) and elimination (消除) share: case records for lists and `show`, one
 * decision applied through the state machine, listing with the overdue warning, and the
 * all-or-nothing write (with --dry-run as a rolled-back transaction).
 */

export interface DecisionRecord {
  stage: string;
  decision: Decision;
  opinion: string | null;
  operator: string | null;
  date: string;
}

export interface CaseRecord {
  id: string;
  案件号: string;
  户编号: string;
  户主姓名: string | null;
  乡镇: string;
  村: string;
  kind: CaseKind;
  stage: string;
  status: string;
  opened: string;
  closed: string | null;
  source: string | null;
  sourceRef: string | null;
  类别: string | null;
  风险类型: string | null;
  因自然灾害子项: string | null;
  风险消除方式: string | null;
  公示开始: string | null;
  公示结束: string | null;
  入户核实日期: string | null;
  承诺授权日期: string | null;
  民主评议日期: string | null;
  研判结果: string | null;
  说明: string | null;
  /** Open identification case past identifyMaxDays: days taken and the limit. */
  overdue: { days: number; limit: number; since: string } | null;
  decisions: DecisionRecord[];
}

export const today = (): string => localToday();

export function policyAt(db: Db, date: string): Policy {
  const year = Number(date.slice(0, 4));
  return resolvePolicy(year, readPolicyOverrides(db, year));
}

export const householdNotFound = (hhNo: string): FpjcError =>
  new FpjcError('NOT_FOUND', `登记库中没有户编号为「${hhNo}」的户。请核对户编号（按文本保存，注意前导零）。`);

/** The household's monitoring state, or NOT_FOUND saying how to check the number. */
export function requireMonitoringState(db: Db, hhNo: string): 'none' | 'unresolved' | 'eliminated' {
  const state = monitoringState(db, hhNo);
  if (state === undefined) throw householdNotFound(hhNo);
  return state;
}

export function refusal(r: Refusal): FpjcError {
  return new FpjcError('REFUSED', r.message);
}

export function toCaseRecord(c: CaseRow, decisions: readonly DecisionRow[], asOf: string, policy: Policy): CaseRecord {
  const overdue =
    c.kind === '识别' && c.status === '办理中'
      ? overdueDays(c.nominatedAt ?? c.openedAt, policy.identifyMaxDays, asOf)
      : null;
  return {
    id: c.caseNo,
    案件号: c.caseNo,
    户编号: c.hhNo,
    户主姓名: c.headName,
    乡镇: c.township,
    村: c.village,
    kind: c.kind,
    stage: c.stage,
    status: c.status,
    opened: c.openedAt,
    closed: c.closedAt,
    source: c.source,
    sourceRef: c.sourceRef,
    类别: c.category,
    风险类型: c.risks,
    因自然灾害子项: c.disasterSub,
    风险消除方式: c.method,
    公示开始: c.publicityStart,
    公示结束: c.publicityEnd,
    入户核实日期: c.verifyDate,
    承诺授权日期: c.authorizeDate,
    民主评议日期: c.deliberateDate,
    研判结果: c.result,
    说明: c.note,
    overdue,
    decisions: decisions.map((d) => ({
      stage: d.stage,
      decision: d.decision,
      opinion: d.opinion,
      operator: d.handler,
      date: d.decidedAt,
    })),
  };
}

/** Records of the given case rows, decisions fetched in one query. */
export function caseRecords(db: Db, rows: readonly CaseRow[], asOf: string): CaseRecord[] {
  const decisions = decisionsOf(
    db,
    rows.map((r) => r.id),
  );
  const policy = policyAt(db, asOf);
  return rows.map((r) => toCaseRecord(r, decisions.get(r.id) ?? [], asOf, policy));
}

export function caseRecordByNo(db: Db, caseNo: string, asOf = today()): CaseRecord | undefined {
  const row = caseByNo(db, caseNo);
  return row ? caseRecords(db, [row], asOf)[0] : undefined;
}

/** The case by 案件号, or a usage error that says how to find one. */
export function requireCase(db: Db, def: WorkflowDef, caseNo: string): CaseRow {
  const c = caseByNo(db, caseNo.trim().toUpperCase());
  if (c && c.kind === def.kind) return c;
  const cmd = def.kind === '识别' ? 'review' : 'eliminate';
  if (c)
    throw new FpjcError(
      'USAGE',
      `案件 ${c.caseNo} 是${c.kind}案件，请用 fpjc ${c.kind === '识别' ? 'review' : 'eliminate'} 办理。`,
    );
  throw new FpjcError('NOT_FOUND', `没有案件号为「${caseNo}」的${def.kind}案件。用 fpjc ${cmd} list 查看案件。`);
}

/** Run `fn` in one write transaction; with `dryRun` everything is rolled back at the end. */
export function writeAll<T>(register: Register, dryRun: boolean, fn: () => T): T {
  register.begin();
  try {
    const result = fn();
    if (dryRun) register.rollback();
    else register.commit();
    return result;
  } catch (err) {
    register.rollback();
    throw err;
  }
}

export interface ListRequest {
  stage?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
  household?: string | undefined;
  asOf?: string | undefined;
}

export interface ListResult {
  kind: CaseKind;
  asOf: string;
  filter: {
    stage: string | null;
    township: string | null;
    village: string | null;
    status: string | null;
    overdue: boolean;
  };
  total: number;
  byStage: Record<string, number>;
  overdueCount: number;
  cases: CaseRecord[];
}

export function listCaseRecords(register: Register, def: WorkflowDef, req: ListRequest): ListResult {
  const asOf = req.asOf ?? today();
  if (req.stage !== undefined && !stageNames(def).includes(req.stage)) {
    throw new FpjcError('USAGE', `--stage「${req.stage}」不对，应为：${stageNames(def).join('、')}。`);
  }
  const statuses = statusesOf(def);
  if (req.status !== undefined && !(statuses as string[]).includes(req.status)) {
    throw new FpjcError('USAGE', `--status「${req.status}」不对，应为：${statuses.join('、')}。`);
  }
  const scope = resolveScopeFilter(register, req.township, req.village);
  const filter: CaseFilter = {
    kind: def.kind,
    stage: req.stage,
    status: req.status,
    townshipId: scope.townshipId,
    villageId: scope.villageId,
    hhNo: req.household?.trim(),
  };
  let cases = caseRecords(register.db, listCases(register.db, filter), asOf);
  const overdueCount = cases.filter((c) => c.overdue).length;
  if (req.overdue) cases = cases.filter((c) => c.overdue);
  const byStage: Record<string, number> = Object.fromEntries(stageNames(def).map((s) => [s, 0]));
  for (const c of cases) if (c.status === '办理中') byStage[c.stage] = (byStage[c.stage] ?? 0) + 1;
  return {
    kind: def.kind,
    asOf,
    filter: {
      stage: req.stage ?? null,
      township: scope.township,
      village: scope.village,
      status: req.status ?? null,
      overdue: Boolean(req.overdue),
    },
    total: cases.length,
    byStage,
    overdueCount,
    cases,
  };
}

/** A decision as typed (flags, a file row, a prompt): parsed values, or the message of the first bad one. */
export interface DecisionInput {
  stage: string;
  decision: string;
  opinion?: string | null | undefined;
  date?: string | null | undefined;
  handler: string;
  checks?: Partial<Record<CheckName, string | null | undefined>> | undefined;
}

export function parseDecisionValue(raw: string): { ok: true; value: Decision } | { ok: false; message: string } {
  const m = matchVocab('reviewDecision', raw);
  return m.ok
    ? { ok: true, value: m.value as Decision }
    : { ok: false, message: `结论「${raw}」不对：应为 通过 或 不通过` };
}

export function parseDay(raw: string, what: string): string {
  const r = parseDate(raw);
  if (!r.ok) throw new FpjcError('USAGE', `${what}「${raw}」不是有效日期：${r.message}。格式如 2024-06-01。`);
  return r.value;
}

export interface Applied {
  record: CaseRow;
  completes: boolean;
}

/**
 * Apply one decision to a case inside the caller's transaction: the engine's transition, the
 * decision row, the case's new stage/status (and the village checks, the 研判结果), and at
 * 县级审定 通过 the household's monitoring change. A refusal throws `REFUSED`.
 */
export function applyDecision(
  db: Db,
  log: ChangeLog,
  def: WorkflowDef,
  c: CaseRow,
  input: {
    stage: string;
    decision: Decision;
    opinion: string | null;
    date: string;
    handler: string;
    checks: DecisionRequest['checks'];
  },
  now: string,
): Applied {
  const policy = policyAt(db, input.date);
  const t = decide(
    def,
    {
      kind: c.kind,
      caseNo: c.caseNo,
      stage: c.stage,
      status: c.status,
      openedAt: c.openedAt,
      publicityStart: c.publicityStart,
      publicityEnd: c.publicityEnd,
      lastDecisionAt: c.lastDecisionAt,
    },
    { stage: input.stage, decision: input.decision, date: input.date, opinion: input.opinion, checks: input.checks },
    { publicityDays: policy[def.publicityDaysKey], today: now },
  );
  if (!t.ok) throw refusal(t);
  insertDecision(db, log, c, { ...input, opinion: t.opinion });
  const changes: Partial<Record<CaseColumn, string | null>> = { stage: t.stage, status: t.status };
  if (t.closedAt) changes.closed_at = t.closedAt;
  if (input.decision === '不通过') changes.result = t.opinion;
  if (input.decision === '通过' && input.stage === def.stages[0]!.name) {
    changes.nominated_at = input.date;
    changes.verify_date = t.checks.入户核实 ?? null;
    if (def.stages[0]!.checks.includes('承诺授权')) changes.authorize_date = t.checks.承诺授权 ?? null;
    changes.deliberate_date = t.checks.民主评议 ?? null;
  }
  updateCase(db, log, c, changes);
  if (t.completes) complete(db, log, def, c, input.date);
  return { record: caseByNo(db, c.caseNo)!, completes: t.completes };
}

function complete(db: Db, log: ChangeLog, def: WorkflowDef, c: CaseRow, date: string): void {
  const src = { source: '县级审定', caseId: c.id, note: `案件 ${c.caseNo}` };
  if (def.kind === '识别') {
    applyIdentification(
      db,
      log,
      c.hhNo,
      {
        category: c.category ?? '',
        risks: (c.risks ?? '').split(',').filter(Boolean),
        disasterSub: c.disasterSub,
        month: monthOf(date),
      },
      src,
    );
  } else {
    applyElimination(db, log, c.hhNo, { method: c.method ?? '帮扶消除', month: monthOf(date) }, src);
  }
}

export interface DecideRequest {
  caseNo?: string | undefined;
  household?: string | undefined;
  stage: string;
  decision: string;
  opinion?: string | undefined;
  date?: string | undefined;
  checks?: Partial<Record<CheckName, string | undefined>>;
  operator: string;
  dryRun?: boolean | undefined;
  now?: string | undefined;
}

/** One decision by flags; the case after it (`review decide` / `eliminate decide`). */
export function decideOne(register: Register, def: WorkflowDef, req: DecideRequest): CaseRecord & { dryRun: boolean } {
  const now = req.now ?? today();
  const decision = parseDecisionValue(req.decision);
  if (!decision.ok) throw new FpjcError('USAGE', `--decision ${decision.message}。`);
  const date = req.date ? parseDay(req.date, '--date') : now;
  const checks: DecisionRequest['checks'] = {};
  for (const [k, v] of Object.entries(req.checks ?? {}) as [CheckName, string | undefined][]) {
    if (v) checks[k] = parseDay(v, `${k}日期`);
  }
  return writeAll(register, Boolean(req.dryRun), () => {
    const c = resolveCase(register.db, def, req.caseNo, req.household);
    const log = new ChangeLog(register.db, {
      operator: req.operator,
      command: `${def.kind === '识别' ? 'review' : 'eliminate'} decide`,
      reason: `${c.caseNo} ${req.stage}${decision.value}`,
    });
    const applied = applyDecision(
      register.db,
      log,
      def,
      c,
      { stage: req.stage, decision: decision.value, opinion: req.opinion ?? null, date, handler: req.operator, checks },
      now,
    );
    return { ...caseRecords(register.db, [applied.record], now)[0]!, dryRun: Boolean(req.dryRun) };
  });
}

/** A case by 案件号, or the household's open case of the kind. */
export function resolveCase(
  db: Db,
  def: WorkflowDef,
  caseNo: string | undefined,
  household: string | undefined,
): CaseRow {
  if (caseNo) return requireCase(db, def, caseNo);
  if (household) {
    const c = openCaseOf(db, household.trim(), def.kind);
    if (c) return c;
    throw new FpjcError('NOT_FOUND', `户 ${household} 没有办理中的${def.kind}案件。`);
  }
  throw new FpjcError('USAGE', '请给出案件号（或 --household 户编号），或用 --file 指定决定表。');
}

export { workflowOf };

/** `review show` / `eliminate show`. */
export function showCase(register: Register, def: WorkflowDef, caseNo: string): CaseRecord {
  const c = requireCase(register.db, def, caseNo);
  return caseRecords(register.db, [c], today())[0]!;
}

export interface DecideAllResult {
  stage: string;
  decision: Decision;
  township: string | null;
  village: string | null;
  applied: number;
  completed: number;
  dryRun: boolean;
  cases: CaseRecord[];
}

/**
 * `decide --all --stage 乡镇审核 [--township]`: the same decision for every case of the scope
 * waiting at the stage (a township's list approved at once), all or nothing: one refusal and
 * none is written, every refused case named.
 */
export function decideAll(
  register: Register,
  def: WorkflowDef,
  req: Omit<DecideRequest, 'caseNo' | 'household'> & { township?: string | undefined; village?: string | undefined },
): DecideAllResult {
  const now = req.now ?? today();
  const decision = parseDecisionValue(req.decision);
  if (!decision.ok) throw new FpjcError('USAGE', `--decision ${decision.message}。`);
  if (!stageNames(def).includes(req.stage)) {
    throw new FpjcError('USAGE', `--stage「${req.stage}」不对，应为：${stageNames(def).join('、')}。`);
  }
  const date = req.date ? parseDay(req.date, '--date') : now;
  const checks: DecisionRequest['checks'] = {};
  for (const [k, v] of Object.entries(req.checks ?? {}) as [CheckName, string | undefined][]) {
    if (v) checks[k] = parseDay(v, `${k}日期`);
  }
  const scope = resolveScopeFilter(register, req.township, req.village);
  const { db } = register;
  return writeAll(register, Boolean(req.dryRun), () => {
    const waiting = listCases(db, {
      kind: def.kind,
      stage: req.stage,
      townshipId: scope.townshipId,
      villageId: scope.villageId,
    });
    if (waiting.length === 0) {
      throw new FpjcError(
        'REFUSED',
        `${scope.township ?? ''}${scope.village ?? ''}没有待办「${req.stage}」的${def.kind}案件。`,
      );
    }
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: `${def.kind === '识别' ? 'review' : 'eliminate'} decide --all`,
      reason: `${scope.township ?? '全县'}${scope.village ?? ''} ${req.stage}${decision.value} ${formatCount(waiting.length)} 件`,
    });
    const refused: { 案件号: string; message: string }[] = [];
    const done: CaseRow[] = [];
    let completed = 0;
    for (const c of waiting) {
      try {
        const a = applyDecision(
          db,
          log,
          def,
          c,
          {
            stage: req.stage,
            decision: decision.value,
            opinion: req.opinion ?? null,
            date,
            handler: req.operator,
            checks,
          },
          now,
        );
        done.push(a.record);
        if (a.completes) completed++;
      } catch (err) {
        if (!(err instanceof FpjcError && err.code === 'REFUSED')) throw err;
        refused.push({ 案件号: c.caseNo, message: err.message });
      }
    }
    if (refused.length > 0) {
      throw new FpjcError(
        'REFUSED',
        `${formatCount(refused.length)} 件不能办理，全部未办理，登记库未改动：${refused
          .slice(0, 5)
          .map((r) => r.message)
          .join('；')}${refused.length > 5 ? '……' : ''}`,
        { details: { refused } },
      );
    }
    return {
      stage: req.stage,
      decision: decision.value,
      township: scope.township,
      village: scope.village,
      applied: done.length,
      completed,
      dryRun: Boolean(req.dryRun),
      cases: caseRecords(db, done, now),
    };
  });
}
