import { monthsBetween } from '../domain/colour.js';
import { type Assessment, assessElimination, LEFT_ALONE_MONTHS } from '../domain/elimination.js';
import { FpjcError } from '../domain/errors.js';
import { ChangeLog } from '../register/audit.js';
import { type CaseRow, caseByNo, insertCase, nextCaseNo } from '../register/cases-repo.js';
import type { Register } from '../register/connection.js';
import {
  type DueVisitRow,
  type EliminationRow,
  eliminatedForVisit,
  eliminationFacts,
  followUpOn,
  insertFollowUpVisit,
  labourOf,
  linkVisitCase,
  setHouseholdColumn,
} from '../register/elimination-repo.js';
import { applyRollback, monitoringState } from '../register/monitoring-repo.js';
import { householdFactBatches } from '../register/screening-repo.js';
import { R23, R24 } from '../screening/rules/monitored.js';
import { monthOf, monthsBefore } from '../workflow/dates.js';
import { openingRefusal } from '../workflow/engine.js';
import { ELIMINATION, IDENTIFICATION } from '../workflow/stages.js';
import {
  type CaseRecord,
  caseRecords,
  householdNotFound,
  parseDay,
  policyAt,
  refusal,
  requireMonitoringState,
  today,
  writeAll,
} from './case-service.js';
import { openIdentification, parseCategory, parseRisks } from './review-service.js';
import { resolveScopeFilter } from './screen-service.js';

/**
 * `fpjc eliminate` (SPEC §8; seeds 000, 001, 004): which unresolved 监测对象 may be marked 风险消除
 * (check), opening elimination cases (propose; the stages, decisions and 公示 are the shared
 * workflow of case-service.ts), 风险回退, the 回访 of eliminated households, and the township's
 * confirmation of 整户无劳动能力兜底保障户.
 */

export const METHODS = ['帮扶消除', '自然消除'] as const;

export interface CheckEntry {
  户编号: string;
  户主姓名: string | null;
  乡镇: string;
  村: string;
  监测对象类别: string | null;
  识别监测时间: string | null;
  风险类型: string;
  reasons: string[];
  /** 案件号 of the open elimination case. */
  在办案件: string | null;
  /** Eligible, no case open, and a quarter past the earliest day it could have been proposed (R22). */
  应消未消: boolean;
}

export interface CheckResult {
  asOf: string;
  incomeYear: number;
  incomeLine: number | null;
  minMonthsBeforeElimination: number;
  township: string | null;
  village: string | null;
  counts: { eligible: number; ineligible: number; blocked: number; 应消未消: number };
  eligible: CheckEntry[];
  ineligible: CheckEntry[];
  blocked: CheckEntry[];
}

function incomeYearOf(asOf: string, raw: number | undefined): number {
  const y = Number(asOf.slice(0, 4));
  if (raw === undefined) return y - 1;
  if (!Number.isInteger(raw) || raw < 2000 || raw > y) {
    throw new FpjcError('USAGE', `--income-year「${raw}」不对：应为 2000 年到 ${y} 年之间的年份。`);
  }
  return raw;
}

function leftAlone(r: EliminationRow, a: Assessment, minMonths: number, asOf: string): boolean {
  if (a.verdict !== 'eligible' || r.openCase || !r.identifiedMonth) return false;
  const month = monthOf(asOf);
  if (monthsBetween(r.identifiedMonth, month) < minMonths + LEFT_ALONE_MONTHS) return false;
  return !r.lastCaseOpened || monthsBetween(monthOf(r.lastCaseOpened), month) >= LEFT_ALONE_MONTHS;
}

function assessRows(
  register: Register,
  asOf: string,
  incomeYear: number,
  scope: Parameters<typeof eliminationFacts>[1],
) {
  const policy = policyAt(register.db, asOf);
  const rows = eliminationFacts(register.db, scope, { asOf, incomeYear });
  return {
    policy,
    assessed: rows.map((r) => ({ row: r, a: assessElimination(r, policy, asOf) })),
  };
}

export function checkElimination(
  register: Register,
  req: {
    asOf?: string | undefined;
    township?: string | undefined;
    village?: string | undefined;
    household?: string | undefined;
    incomeYear?: number | undefined;
  },
): CheckResult {
  const asOf = req.asOf ?? today();
  const incomeYear = incomeYearOf(asOf, req.incomeYear);
  const scope = resolveScopeFilter(register, req.township, req.village);
  const { policy, assessed } = assessRows(register, asOf, incomeYear, {
    townshipId: scope.townshipId,
    villageId: scope.villageId,
    hhNo: req.household?.trim(),
  });
  const out: CheckResult = {
    asOf,
    incomeYear,
    incomeLine: policy.incomeLine ?? null,
    minMonthsBeforeElimination: policy.minMonthsBeforeElimination,
    township: scope.township,
    village: scope.village,
    counts: { eligible: 0, ineligible: 0, blocked: 0, 应消未消: 0 },
    eligible: [],
    ineligible: [],
    blocked: [],
  };
  for (const { row: r, a } of assessed) {
    const entry: CheckEntry = {
      户编号: r.hhNo,
      户主姓名: r.headName,
      乡镇: r.township,
      村: r.village,
      监测对象类别: r.category,
      识别监测时间: r.identifiedMonth,
      风险类型: r.risks.join(','),
      reasons: a.reasons,
      在办案件: r.openCase,
      应消未消: leftAlone(r, a, policy.minMonthsBeforeElimination, asOf),
    };
    out[a.verdict].push(entry);
    out.counts[a.verdict]++;
    if (entry.应消未消) out.counts.应消未消++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// propose

export interface ProposeResult {
  opened: CaseRecord[];
  skipped: { 户编号: string; reason: string }[];
  dryRun: boolean;
}

function parseMethod(raw: string | undefined): (typeof METHODS)[number] {
  const m = (raw ?? '').trim();
  if ((METHODS as readonly string[]).includes(m)) return m as (typeof METHODS)[number];
  throw new FpjcError(
    'USAGE',
    `--method「${raw ?? ''}」不对，应为 帮扶消除（落实帮扶措施后消除）或 自然消除（风险自然消失）。`,
  );
}

function openElimination(
  register: Register,
  log: ChangeLog,
  r: EliminationRow,
  method: string,
  openedAt: string,
  note: string | null,
): CaseRow {
  const { db } = register;
  const caseNo = nextCaseNo(db, ELIMINATION.prefix, Number(openedAt.slice(0, 4)));
  insertCase(db, log, {
    caseNo,
    hhNo: r.hhNo,
    kind: '消除',
    source: method,
    sourceRef: null,
    stage: ELIMINATION.stages[0]!.name,
    openedAt,
    category: r.category,
    risks: r.risks.join(','),
    disasterSub: null,
    method,
    note,
  });
  return caseByNo(db, caseNo)!;
}

/**
 * `eliminate propose --household … --method …` (or `--all-eligible [--township]`): an elimination
 * case at 村级初审 for a household that `eliminate check` finds eligible on the opening day. One
 * household that is not eligible is refused with its reasons; with --all-eligible the others are
 * simply not opened.
 */
export function proposeElimination(
  register: Register,
  req: {
    household?: string | undefined;
    allEligible?: boolean | undefined;
    township?: string | undefined;
    village?: string | undefined;
    method: string | undefined;
    date?: string | undefined;
    note?: string | undefined;
    incomeYear?: number | undefined;
    operator: string;
    dryRun?: boolean | undefined;
    now?: string | undefined;
  },
): ProposeResult {
  const now = req.now ?? today();
  const method = parseMethod(req.method);
  const openedAt = req.date ? parseDay(req.date, '--date') : now;
  if (openedAt > now) throw new FpjcError('USAGE', `--date ${openedAt} 晚于今天，请核对日期。`);
  if (!req.household && !req.allEligible) {
    throw new FpjcError(
      'USAGE',
      '请用 --household 指定户，或用 --all-eligible（可加 --township）为所有符合条件的户立案。',
    );
  }
  const incomeYear = incomeYearOf(openedAt, req.incomeYear);
  const { db } = register;
  const hhNo = req.household?.trim();
  if (hhNo) {
    const state = requireMonitoringState(db, hhNo);
    const open = db
      .prepare("SELECT case_no FROM cases WHERE hh_no = ? AND kind = '消除' AND status = '办理中'")
      .pluck()
      .get(hhNo) as string | undefined;
    const r = openingRefusal(ELIMINATION, { hhNo, openCase: open ?? null, monitoring: state });
    if (r) throw refusal(r);
  }
  const scope = hhNo ? { hhNo } : resolveScopeIds(register, req.township, req.village);
  const { assessed } = assessRows(register, openedAt, incomeYear, scope);
  const skipped: ProposeResult['skipped'] = [];
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'eliminate propose',
      reason: `${method}：风险消除立案`,
    });
    const opened: CaseRow[] = [];
    for (const { row, a } of assessed) {
      if (a.verdict !== 'eligible') {
        const what = a.verdict === 'blocked' ? '暂不标注风险消除' : '不符合风险消除条件';
        if (hhNo) {
          throw new FpjcError('REFUSED', `户 ${row.hhNo} ${what}：${a.reasons.join('；')}。`, {
            details: { 户编号: row.hhNo, verdict: a.verdict, reasons: a.reasons },
          });
        }
        skipped.push({ 户编号: row.hhNo, reason: `${what}：${a.reasons.join('；')}` });
        continue;
      }
      if (row.openCase) {
        skipped.push({ 户编号: row.hhNo, reason: `已有办理中的消除案件 ${row.openCase}` });
        continue;
      }
      opened.push(openElimination(register, log, row, method, openedAt, req.note?.trim() || null));
    }
    return { opened: caseRecords(db, opened, now), skipped, dryRun: Boolean(req.dryRun) };
  });
}

function resolveScopeIds(register: Register, township?: string, village?: string) {
  const s = resolveScopeFilter(register, township, village);
  return { townshipId: s.townshipId, villageId: s.villageId };
}

// ---------------------------------------------------------------------------------------------
// rollback

export interface RollbackResult {
  户编号: string;
  回退月份: string;
  原风险消除时间: string | null;
  原风险消除方式: string | null;
  监测对象类别: string | null;
  识别监测时间: string | null;
  reason: string;
  dryRun: boolean;
}

/** `eliminate rollback --household --reason` (风险回退): back to unresolved, the identification kept. */
export function rollback(
  register: Register,
  req: {
    household: string;
    reason: string | undefined;
    date?: string | undefined;
    operator: string;
    dryRun?: boolean | undefined;
    now?: string | undefined;
  },
): RollbackResult {
  const now = req.now ?? today();
  const hhNo = req.household.trim();
  const reason = req.reason?.trim();
  if (!reason) {
    throw new FpjcError(
      'USAGE',
      '风险回退须用 --reason 写明理由，如「收入下降至监测范围以下」「整户无劳动能力，收入主要靠兜底保障」。',
    );
  }
  const date = req.date ? parseDay(req.date, '--date') : now;
  if (date > now) throw new FpjcError('USAGE', `--date ${date} 晚于今天，请核对日期。`);
  const { db } = register;
  const state = requireMonitoringState(db, hhNo);
  if (state !== 'eliminated') {
    throw new FpjcError(
      'REFUSED',
      state === 'none'
        ? `户 ${hhNo} 不是监测对象，没有可回退的风险消除。`
        : `户 ${hhNo} 的风险尚未消除（仍是风险未消除的监测对象），不需要风险回退。`,
    );
  }
  const h = db
    .prepare(
      'SELECT mon_category AS category, identified_month AS identified, eliminated_month AS eliminated, elimination_method AS method FROM households WHERE hh_no = ?',
    )
    .get(hhNo) as {
    category: string | null;
    identified: string | null;
    eliminated: string | null;
    method: string | null;
  };
  const month = monthOf(date);
  if (h.eliminated && month < h.eliminated.slice(0, 7)) {
    throw new FpjcError('USAGE', `回退日期 ${date} 早于风险消除时间 ${h.eliminated}，请核对 --date。`);
  }
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'eliminate rollback',
      reason: `风险回退：${reason}`,
    });
    applyRollback(db, log, hhNo, { month, reason }, { source: '风险回退', note: reason });
    return {
      户编号: hhNo,
      回退月份: month,
      原风险消除时间: h.eliminated,
      原风险消除方式: h.method,
      监测对象类别: h.category,
      识别监测时间: h.identified,
      reason,
      dryRun: Boolean(req.dryRun),
    };
  });
}

export interface RollbackCandidate {
  户编号: string;
  乡镇: string;
  村: string;
  rule: string;
  evidence: string;
}

/** R23/R24 over the eliminated households of the scope: the 风险回退 candidates (seed 004). */
export function rollbackCandidates(
  register: Register,
  req: { asOf?: string | undefined; township?: string | undefined; incomeYear?: number | undefined },
): { asOf: string; incomeYear: number; candidates: RollbackCandidate[] } {
  const asOf = req.asOf ?? today();
  const incomeYear = incomeYearOf(asOf, req.incomeYear);
  const scope = resolveScopeFilter(register, req.township);
  const policy = policyAt(register.db, asOf);
  const ctx = { asOf, asOfYear: Number(asOf.slice(0, 4)), incomeYear, policy, bottom: null };
  const candidates: RollbackCandidate[] = [];
  const batches = householdFactBatches(register.db, {
    incomeYear,
    asOf,
    townshipId: scope.townshipId ?? null,
    unstableWorkMonths: policy.unstableWorkMonths,
    bigIllnessSelfPay: policy.bigIllnessSelfPay,
  });
  for (const batch of batches) {
    for (const f of batch) {
      if (!f.eliminated) continue;
      for (const rule of [R23, R24]) {
        const found = rule.evaluate(f, ctx);
        if (found?.kind === 'flag') {
          candidates.push({ 户编号: f.hhNo, 乡镇: f.township, 村: f.village, rule: rule.id, evidence: found.evidence });
        }
      }
    }
  }
  return { asOf, incomeYear, candidates };
}

// ---------------------------------------------------------------------------------------------
// 回访

export interface VisitDue {
  户编号: string;
  户主姓名: string | null;
  乡镇: string;
  村: string;
  家庭人口数: number;
  监测对象类别: string | null;
  风险类型: string | null;
  识别监测时间: string | null;
  风险消除时间: string;
  风险消除方式: string | null;
  消除后月数: number;
  监测联系人: string | null;
  监测联系人电话: string | null;
  上次回访: string | null;
  上次回访结果: string | null;
}

export interface VisitsResult {
  asOf: string;
  visitAfterMonths: number;
  /** Households eliminated in or before this month are due. */
  eliminatedBy: string;
  township: string | null;
  village: string | null;
  total: number;
  households: VisitDue[];
}

export const visitDueRecord = (r: DueVisitRow, asOf: string): VisitDue => ({
  户编号: r.hhNo,
  户主姓名: r.headName,
  乡镇: r.township,
  村: r.village,
  家庭人口数: r.size,
  监测对象类别: r.category,
  风险类型: r.risks,
  识别监测时间: r.identifiedMonth,
  风险消除时间: r.eliminatedMonth,
  风险消除方式: r.method,
  消除后月数: monthsBetween(r.eliminatedMonth.slice(0, 7), monthOf(asOf)),
  监测联系人: r.contactPerson,
  监测联系人电话: r.contactPhone,
  上次回访: r.lastVisit,
  上次回访结果: r.lastResult,
});

/** `eliminate visits [--as-of]`: households eliminated ≥ visitAfterMonths ago with no 回访 since. */
export function dueVisits(
  register: Register,
  req: {
    asOf?: string | undefined;
    township?: string | undefined;
    village?: string | undefined;
    all?: boolean | undefined;
  },
): VisitsResult {
  const asOf = req.asOf ?? today();
  const scope = resolveScopeFilter(register, req.township, req.village);
  const months = policyAt(register.db, asOf).visitAfterMonths;
  const eliminatedBy = monthsBefore(asOf, months);
  const rows = eliminatedForVisit(
    register.db,
    { townshipId: scope.townshipId, villageId: scope.villageId },
    eliminatedBy,
    !req.all,
  );
  return {
    asOf,
    visitAfterMonths: months,
    eliminatedBy,
    township: scope.township,
    village: scope.village,
    total: rows.length,
    households: rows.map((r) => visitDueRecord(r, asOf)),
  };
}

export const VISIT_RESULTS = ['稳定', '出现新风险'] as const;

export interface VisitInput {
  household: string;
  date?: string | null | undefined;
  result: string;
  visitor?: string | null | undefined;
  note?: string | null | undefined;
  category?: string | null | undefined;
  risks?: string | null | undefined;
}

export interface VisitRecordResult {
  户编号: string;
  回访日期: string;
  回访结果: string;
  /** The identification case opened for a new risk. */
  case: CaseRecord | null;
  unchanged: boolean;
  dryRun: boolean;
}

function parseVisitResult(raw: string): (typeof VISIT_RESULTS)[number] {
  const v = raw.trim().replace(/^风险/, '');
  if (v === '稳定' || v === '稳定消除' || v === '风险稳定') return '稳定';
  if (v === '出现新风险' || v === '新增风险' || v === '有新风险' || v === '出现新增风险') return '出现新风险';
  throw new FpjcError('USAGE', `回访结果「${raw}」不对，应为 稳定 或 出现新风险。`);
}

/**
 * One 回访 inside the caller's transaction. 出现新风险 opens an identification case (source 回访)
 * with the new risk types, the earlier identification and elimination kept in the history.
 */
function recordVisit(register: Register, log: ChangeLog, v: VisitInput, operator: string, now: string) {
  const { db } = register;
  const hhNo = v.household.trim();
  const result = parseVisitResult(v.result);
  const date = v.date ? parseDay(v.date, '回访日期') : now;
  if (date > now) throw new FpjcError('USAGE', `回访日期 ${date} 晚于今天，请核对日期。`);
  const state = requireMonitoringState(db, hhNo);
  if (state !== 'eliminated') {
    throw new FpjcError(
      'REFUSED',
      `户 ${hhNo} ${state === 'none' ? '不是监测对象' : '的风险尚未消除'}，回访只对已标注风险消除的户。`,
    );
  }
  const h = db.prepare('SELECT eliminated_month AS m, mon_category AS c FROM households WHERE hh_no = ?').get(hhNo) as {
    m: string | null;
    c: string | null;
  };
  if (h.m && date.slice(0, 7) < h.m.slice(0, 7)) {
    throw new FpjcError('USAGE', `回访日期 ${date} 早于风险消除时间 ${h.m}，请核对日期。`);
  }
  const same = followUpOn(db, hhNo, date);
  if (same && same.result === result) return { hhNo, date, result, caseRow: null, unchanged: true };
  if (same) {
    throw new FpjcError(
      'REFUSED',
      `户 ${hhNo} ${date} 已记录回访结果「${same.result}」，与本次「${result}」不同。请核对回访日期和结果；同一天只能有一个回访结果。`,
    );
  }
  let category: string | null = null;
  let risks: string | null = null;
  if (result === '出现新风险') {
    if (!v.risks?.trim()) {
      throw new FpjcError(
        'USAGE',
        `户 ${hhNo} 回访出现新风险，须给出新的风险类型（--risk，如 因病,因学），以便重新识别。`,
      );
    }
    risks = parseRisks(v.risks, '风险类型');
    category = v.category?.trim() ? parseCategory(v.category, '类别') : h.c;
  }
  const visitId = insertFollowUpVisit(db, log, {
    hhNo,
    date,
    visitor: v.visitor?.trim() || operator,
    result,
    note: v.note?.trim() || null,
    category,
    risks,
  });
  let caseRow: CaseRow | null = null;
  if (result === '出现新风险') {
    caseRow = openIdentification(register, log, IDENTIFICATION, {
      hhNo,
      category: category ?? '',
      risks: risks!,
      disasterSub: null,
      source: '回访',
      sourceRef: String(visitId),
      openedAt: date,
      note: v.note?.trim() || '风险消除后回访出现新风险',
    });
    linkVisitCase(db, log, visitId, hhNo, caseRow.id);
  }
  return { hhNo, date, result, caseRow, unchanged: false };
}

/** `eliminate visit-record --household … --result 稳定|出现新风险`. */
export function visitRecord(
  register: Register,
  req: VisitInput & { operator: string; dryRun?: boolean | undefined; now?: string | undefined },
): VisitRecordResult {
  const now = req.now ?? today();
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(register.db, {
      operator: req.operator,
      command: 'eliminate visit-record',
      reason: `风险消除后回访：${req.result}`,
    });
    const r = recordVisit(register, log, req, req.operator, now);
    return {
      户编号: r.hhNo,
      回访日期: r.date,
      回访结果: r.result,
      case: r.caseRow ? caseRecords(register.db, [r.caseRow], now)[0]! : null,
      unchanged: r.unchanged,
      dryRun: Boolean(req.dryRun),
    };
  });
}

export { recordVisit };

// ---------------------------------------------------------------------------------------------
// 整户无劳动能力兜底保障户

export interface NoLabourResult {
  户编号: string;
  是否整户无劳动能力兜底保障户: '是' | '否';
  在册人数: number;
  确认人: string;
  确认日期: string;
  changed: boolean;
  dryRun: boolean;
}

/**
 * `eliminate mark-no-labour --household … --confirmed-by …`: the township's confirmation (seed 004:
 * 由苏木乡镇嘎查两级进行认定) of what the members say: no 在册 member has labour capacity. A
 * household with a capable member, or a member whose 劳动技能 is blank, is refused. `--clear`
 * removes the mark.
 */
export function markNoLabour(
  register: Register,
  req: {
    household: string;
    confirmedBy: string | undefined;
    date?: string | undefined;
    clear?: boolean | undefined;
    operator: string;
    dryRun?: boolean | undefined;
    now?: string | undefined;
  },
): NoLabourResult {
  const now = req.now ?? today();
  const hhNo = req.household.trim();
  const by = req.confirmedBy?.trim();
  if (!by) throw new FpjcError('USAGE', '请用 --confirmed-by 写明乡镇确认人（乡镇、村两级认定）。');
  const date = req.date ? parseDay(req.date, '--date') : now;
  const { db } = register;
  const l = labourOf(db, hhNo);
  if (!l) throw householdNotFound(hhNo);
  if (!req.clear) {
    if (monitoringState(db, hhNo) === 'none') {
      throw new FpjcError('REFUSED', `户 ${hhNo} 不是监测对象，整户无劳动能力兜底保障户只对监测对象认定。`);
    }
    if (l.members === 0) throw new FpjcError('REFUSED', `户 ${hhNo} 没有在册成员，无法认定整户无劳动能力。`);
    if (l.labour > 0) {
      throw new FpjcError(
        'REFUSED',
        `户 ${hhNo} 有 ${l.labour} 名成员有劳动能力（${l.capableText}），不符合整户无劳动能力的界定。如劳动技能登记有误，请先更正成员信息。`,
      );
    }
    if (l.labourUnknown > 0) {
      throw new FpjcError('REFUSED', `户 ${hhNo} 有成员劳动技能未填（${l.unknownText}），请先补填后再认定。`);
    }
  }
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'eliminate mark-no-labour',
      reason: `${req.clear ? '取消' : ''}整户无劳动能力兜底保障户认定：乡镇确认人 ${by}，${date}`,
    });
    const changed = setHouseholdColumn(db, log, hhNo, 'whole_no_labour', req.clear ? 0 : 1);
    return {
      户编号: hhNo,
      是否整户无劳动能力兜底保障户: req.clear ? '否' : '是',
      在册人数: l.members,
      确认人: by,
      确认日期: date,
      changed,
      dryRun: Boolean(req.dryRun),
    };
  });
}
