import { addDays, daysBetween } from './dates.js';
import {
  type CaseKind,
  type CaseStatus,
  type CheckName,
  type Decision,
  finalStage,
  firstStage,
  stageIndex,
  stageNames,
  type WorkflowDef,
} from './stages.js';

/**
 * The case state machine, pure: given a case's state and a decision (or a publicity start, or a
 * new case), it says what the case becomes or why it is refused. Every refusal is a Chinese
 * sentence that says what to do; the services turn it into exit 3 (`REFUSED`) and write nothing.
 */

export interface CaseState {
  kind: CaseKind;
  caseNo: string;
  /** The stage waiting for a decision, or the one where the case ended. */
  stage: string;
  status: CaseStatus;
  openedAt: string;
  publicityStart: string | null;
  publicityEnd: string | null;
  /** Date of the latest decision; null before the first. */
  lastDecisionAt: string | null;
}

export interface DecisionRequest {
  stage: string;
  decision: Decision;
  /** YYYY-MM-DD */
  date: string;
  opinion: string | null;
  /** Dates of the village checks (入户核实, 承诺授权, 民主评议) given with the decision. */
  checks: Partial<Record<CheckName, string>>;
}

export interface Limits {
  /** Days the 公示 must run (policy publicityDaysIdentify / publicityDaysEliminate). */
  publicityDays: number;
  /** YYYY-MM-DD: no decision may be dated later. */
  today: string;
}

export interface Refusal {
  ok: false;
  message: string;
}

export interface Transition {
  ok: true;
  /** The stage the case waits at next (unchanged when it closes). */
  stage: string;
  status: CaseStatus;
  closedAt: string | null;
  /** 县级审定 通过: the household's monitoring state changes (identified / eliminated). */
  completes: boolean;
  opinion: string;
  /** The checks recorded (only at the first stage). */
  checks: Partial<Record<CheckName, string>>;
}

const refuse = (message: string): Refusal => ({ ok: false, message });

const COMMAND: Record<CaseKind, { add: string; publicize: string }> = {
  识别: { add: 'fpjc review add', publicize: 'fpjc review publicize' },
  消除: { add: 'fpjc eliminate propose', publicize: 'fpjc eliminate publicize' },
};

/** Last day of a 公示 that starts on `start` and runs `days` days (start counted). */
export const publicityEndOf = (start: string, days: number): string => addDays(start, Math.max(days, 1) - 1);

/** First day a decision may rely on a 公示 that ran its days. */
export const publicityDoneOn = (start: string, days: number): string => addDays(start, days);

function checkDates(
  def: WorkflowDef,
  stage: string,
  req: DecisionRequest,
): { ok: true; checks: DecisionRequest['checks'] } | Refusal {
  const needed = def.stages[stageIndex(def, stage)]?.checks ?? [];
  if (needed.length === 0 || req.decision === '不通过') return { ok: true, checks: {} };
  const missing = needed.filter((c) => !req.checks[c]);
  if (missing.length > 0) {
    return refuse(
      `「${stage}」通过须记录${needed.join('、')}各自的日期，缺少：${missing.map((m) => `${m}日期`).join('、')}。请补填后再办理。`,
    );
  }
  for (const c of needed) {
    const d = req.checks[c]!;
    if (d > req.date) return refuse(`${c}日期 ${d} 晚于「${stage}」的决定日期 ${req.date}，请核对日期。`);
  }
  return { ok: true, checks: Object.fromEntries(needed.map((c) => [c, req.checks[c]!])) };
}

function publicityGuard(def: WorkflowDef, state: CaseState, req: DecisionRequest, days: number): Refusal | null {
  const pub = def.stages[stageIndex(def, state.stage)]?.publicity === true;
  const final = state.stage === finalStage(def).name;
  if (!pub && !final) return null;
  if (!state.publicityStart) {
    return refuse(
      `案件 ${state.caseNo} 还没有开始公示。请先用 ${COMMAND[def.kind].publicize} --village <村> 开始公示，公示满 ${days} 天后再办理「${state.stage}」。`,
    );
  }
  if (pub && req.decision === '不通过') return null; // 公示有异议: any day of the 公示
  const done = publicityDoneOn(state.publicityStart, days);
  if (req.date < done) {
    return refuse(
      `案件 ${state.caseNo} 的公示从 ${state.publicityStart} 开始，须满 ${days} 天，${done} 起才能办理「${state.stage}」（决定日期 ${req.date}）。请到期后再办理。`,
    );
  }
  return null;
}

/** A decision on a case's stage: the next state, or why not. */
export function decide(def: WorkflowDef, state: CaseState, req: DecisionRequest, limits: Limits): Transition | Refusal {
  if (state.status !== '办理中') {
    return refuse(
      `案件 ${state.caseNo} 已办结（${state.status}），不能再作决定。如需重新办理，请用 ${COMMAND[def.kind].add} 重新立案。`,
    );
  }
  const names = stageNames(def);
  const want = stageIndex(def, req.stage);
  if (want === -1) return refuse(`「${req.stage}」不是${def.kind}案件的环节，应为：${names.join('、')}。`);
  const at = stageIndex(def, state.stage);
  if (want > at) {
    return refuse(
      `案件 ${state.caseNo} 当前待办环节是「${state.stage}」，不能跳过它办理「${req.stage}」。请先办理「${state.stage}」。`,
    );
  }
  if (want < at) {
    return refuse(`案件 ${state.caseNo} 的「${req.stage}」环节已经通过，当前待办环节是「${state.stage}」。`);
  }
  if (req.date > limits.today) return refuse(`决定日期 ${req.date} 晚于今天（${limits.today}），请核对日期。`);
  if (req.date < state.openedAt) {
    return refuse(`决定日期 ${req.date} 早于立案日期 ${state.openedAt}，请核对日期。`);
  }
  if (state.lastDecisionAt && req.date < state.lastDecisionAt) {
    return refuse(`决定日期 ${req.date} 早于上一环节的决定日期 ${state.lastDecisionAt}，请核对日期。`);
  }
  const opinion = req.opinion?.trim() ?? '';
  if (req.decision === '不通过' && opinion === '') {
    return refuse(`「不通过」须写明意见（研判结果），说明不予${def.kind === '识别' ? '纳入' : '消除'}的理由。`);
  }
  const checks = checkDates(def, req.stage, req);
  if (!checks.ok) return checks;
  const pub = publicityGuard(def, state, req, limits.publicityDays);
  if (pub) return pub;
  const opinionText = opinion || '同意';
  if (req.decision === '不通过') {
    return {
      ok: true,
      stage: state.stage,
      status: '未通过',
      closedAt: req.date,
      completes: false,
      opinion: opinionText,
      checks: {},
    };
  }
  const last = at === names.length - 1;
  return {
    ok: true,
    stage: last ? state.stage : names[at + 1]!,
    status: last ? def.doneStatus : '办理中',
    closedAt: last ? req.date : null,
    completes: last,
    opinion: opinionText,
    checks: checks.checks,
  };
}

/** Start the 公示 of a case waiting at its 公示 stage. */
export function startPublicity(
  def: WorkflowDef,
  state: CaseState,
  start: string,
  days: number,
): { ok: true; start: string; end: string } | Refusal {
  if (state.status !== '办理中') return refuse(`案件 ${state.caseNo} 已办结（${state.status}），不能公示。`);
  if (state.stage !== '公示') {
    return refuse(
      `案件 ${state.caseNo} 当前待办环节是「${state.stage}」，${stageIndex(def, state.stage) < stageIndex(def, '公示') ? `须先通过「${firstStage(def).name}」` : '已经公示过'}才能开始公示。`,
    );
  }
  if (state.publicityStart) {
    return refuse(
      `案件 ${state.caseNo} 已于 ${state.publicityStart} 开始公示（至 ${state.publicityEnd ?? ''}），不必再次公示。`,
    );
  }
  if (state.lastDecisionAt && start < state.lastDecisionAt) {
    return refuse(
      `公示开始日期 ${start} 早于「${firstStage(def).name}」的决定日期 ${state.lastDecisionAt}，请核对日期。`,
    );
  }
  return { ok: true, start, end: publicityEndOf(start, days) };
}

/** What the register says about a household when a case is to be opened. */
export interface OpeningFacts {
  hhNo: string;
  /** 案件号 of the household's open case of this kind, if any. */
  openCase: string | null;
  /** The household's monitoring state. */
  monitoring: 'none' | 'unresolved' | 'eliminated';
}

/** Why a case of this kind cannot be opened for the household, or null. */
export function openingRefusal(def: WorkflowDef, f: OpeningFacts): Refusal | null {
  if (f.openCase) {
    return refuse(
      `户 ${f.hhNo} 已有办理中的${def.kind}案件 ${f.openCase}，每户同时只能有一个。请继续办理该案件（fpjc ${def.kind === '识别' ? 'review' : 'eliminate'} show ${f.openCase}）。`,
    );
  }
  if (def.kind === '识别' && f.monitoring === 'unresolved') {
    return refuse(`户 ${f.hhNo} 已是风险未消除的监测对象，不能重复识别。如风险类型有变化，请在帮扶中更新。`);
  }
  if (def.kind === '消除' && f.monitoring === 'none') {
    return refuse(`户 ${f.hhNo} 不是监测对象，不能申请风险消除。`);
  }
  if (def.kind === '消除' && f.monitoring === 'eliminated') {
    return refuse(`户 ${f.hhNo} 的风险已经消除，不能重复申请。`);
  }
  return null;
}

/**
 * An open identification case over the limit from nomination (or, before it, from the lead) to
 * 县级审定 (policy identifyMaxDays): the days taken, or null while within the limit.
 */
export function overdueDays(
  startedOn: string,
  maxDays: number,
  asOf: string,
): { days: number; limit: number; since: string } | null {
  const days = daysBetween(startedOn, asOf);
  return days > maxDays ? { days, limit: maxDays, since: startedOn } : null;
}
