import type { CaseKind, CaseStatus } from '../workflow/stages.js';
import type { AuditValue, ChangeLog } from './audit.js';
import type { Db } from './connection.js';

/**
 * Cases (识别 and 消除) and their stage decisions: the SQL of the workflow. Every write goes
 * through the caller's ChangeLog (entity `case` keyed by 案件号, `case_decision` keyed by
 * 案件号|环节). Listings are set-based: one query for the cases of a scope, one for their decisions.
 */

export interface CaseRow {
  id: number;
  caseNo: string;
  hhNo: string;
  kind: CaseKind;
  source: string | null;
  sourceRef: string | null;
  stage: string;
  status: CaseStatus;
  openedAt: string;
  closedAt: string | null;
  category: string | null;
  risks: string | null;
  disasterSub: string | null;
  method: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  nominatedAt: string | null;
  verifyDate: string | null;
  authorizeDate: string | null;
  deliberateDate: string | null;
  result: string | null;
  note: string | null;
  lastDecisionAt: string | null;
  // the household
  headName: string | null;
  township: string;
  townshipId: number;
  village: string;
  villageId: number;
}

export interface DecisionRow {
  caseId: number;
  stage: string;
  decision: '通过' | '不通过';
  opinion: string | null;
  handler: string | null;
  decidedAt: string;
}

const SELECT = `SELECT c.id, c.case_no AS caseNo, c.hh_no AS hhNo, c.kind, c.source, c.source_ref AS sourceRef, c.stage,
    c.status, c.opened_at AS openedAt, c.closed_at AS closedAt, c.category, c.risks, c.disaster_sub AS disasterSub,
    c.method, c.publicity_start AS publicityStart, c.publicity_end AS publicityEnd, c.nominated_at AS nominatedAt,
    c.verify_date AS verifyDate, c.authorize_date AS authorizeDate, c.deliberate_date AS deliberateDate, c.result,
    c.note, (SELECT max(d.decided_at) FROM case_decisions d WHERE d.case_id = c.id) AS lastDecisionAt,
    h.head_name AS headName, t.name AS township, t.id AS townshipId, v.name AS village, v.id AS villageId
  FROM cases c JOIN households h ON h.hh_no = c.hh_no JOIN villages v ON v.id = h.village_id
  JOIN townships t ON t.id = v.township_id`;

const ORDER = 'ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, c.hh_no, c.id';

export interface CaseFilter {
  kind?: CaseKind | undefined;
  stage?: string | undefined;
  status?: string | undefined;
  townshipId?: number | undefined;
  villageId?: number | undefined;
  hhNo?: string | undefined;
  /** Only open cases waiting at the 公示 stage whose 公示 has not started. */
  awaitingPublicity?: boolean | undefined;
}

const WHERE = `WHERE (@kind IS NULL OR c.kind = @kind) AND (@stage IS NULL OR (c.stage = @stage AND c.status = '办理中'))
  AND (@status IS NULL OR c.status = @status) AND (@tw IS NULL OR v.township_id = @tw)
  AND (@vi IS NULL OR v.id = @vi) AND (@hh IS NULL OR c.hh_no = @hh)
  AND (@await = 0 OR (c.status = '办理中' AND c.stage = '公示' AND c.publicity_start IS NULL))`;

const params = (f: CaseFilter) => ({
  kind: f.kind ?? null,
  stage: f.stage ?? null,
  status: f.status ?? null,
  tw: f.townshipId ?? null,
  vi: f.villageId ?? null,
  hh: f.hhNo ?? null,
  await: f.awaitingPublicity ? 1 : 0,
});

export function listCases(db: Db, f: CaseFilter): CaseRow[] {
  return db.prepare(`${SELECT} ${WHERE} ${ORDER}`).all(params(f)) as CaseRow[];
}

/** Decisions of the given cases, in order, grouped by case id. */
export function decisionsOf(db: Db, caseIds: readonly number[]): Map<number, DecisionRow[]> {
  const out = new Map<number, DecisionRow[]>();
  if (caseIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT case_id AS caseId, stage, decision, opinion, handler, decided_at AS decidedAt FROM case_decisions
       WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, decided_at, id`,
    )
    .all(JSON.stringify(caseIds)) as DecisionRow[];
  for (const r of rows) {
    const list = out.get(r.caseId);
    if (list) list.push(r);
    else out.set(r.caseId, [r]);
  }
  return out;
}

export function caseByNo(db: Db, caseNo: string): CaseRow | undefined {
  return db.prepare(`${SELECT} WHERE c.case_no = ?`).get(caseNo) as CaseRow | undefined;
}

/** The household's open case of a kind, if any. */
export function openCaseOf(db: Db, hhNo: string, kind: CaseKind): CaseRow | undefined {
  return db.prepare(`${SELECT} WHERE c.hh_no = ? AND c.kind = ? AND c.status = '办理中'`).get(hhNo, kind) as
    | CaseRow
    | undefined;
}

/** 户编号 → 案件号 of every open case of a kind (one query for a whole batch). */
export function openCaseNumbers(db: Db, kind: CaseKind): Map<string, string> {
  const rows = db.prepare("SELECT hh_no, case_no FROM cases WHERE kind = ? AND status = '办理中'").raw().all(kind) as [
    string,
    string,
  ][];
  return new Map(rows);
}

/** 户编号 → 案件号 of the cases opened from one source reference (a campaign, an alert). */
export function casesFromSource(db: Db, source: string, ref: string): Map<string, string> {
  const rows = db
    .prepare('SELECT hh_no, case_no FROM cases WHERE source = ? AND source_ref = ? ORDER BY id')
    .raw()
    .all(source, ref) as [string, string][];
  return new Map(rows);
}

/** The next 案件号 of a prefix and year: SB2024-0001, SB2024-0002 … */
export function nextCaseNo(db: Db, prefix: string, year: number): string {
  const head = `${prefix}${year}-`;
  const max = db
    .prepare('SELECT max(CAST(substr(case_no, ?) AS INTEGER)) FROM cases WHERE case_no LIKE ?')
    .pluck()
    .get(head.length + 1, `${head}%`) as number | null;
  return `${head}${String((max ?? 0) + 1).padStart(4, '0')}`;
}

export interface NewCase {
  caseNo: string;
  hhNo: string;
  kind: CaseKind;
  source: string;
  sourceRef: string | null;
  stage: string;
  openedAt: string;
  category: string | null;
  risks: string | null;
  disasterSub: string | null;
  method: string | null;
  note: string | null;
}

export function insertCase(db: Db, log: ChangeLog, c: NewCase): number {
  const r = db
    .prepare(
      `INSERT INTO cases (case_no, hh_no, kind, source, source_ref, stage, status, opened_at, category, risks,
         disaster_sub, method, note)
       VALUES (@caseNo, @hhNo, @kind, @source, @sourceRef, @stage, '办理中', @openedAt, @category, @risks,
         @disasterSub, @method, @note)`,
    )
    .run(c);
  log.inserted('case', c.caseNo, {
    户编号: c.hhNo,
    类型: c.kind,
    来源: c.source,
    来源编号: c.sourceRef,
    环节: c.stage,
    立案日期: c.openedAt,
    类别: c.category,
    风险类型: c.risks,
    消除方式: c.method,
  });
  return Number(r.lastInsertRowid);
}

/** Register columns of a case that a transition may change. */
export type CaseColumn =
  | 'stage'
  | 'status'
  | 'closed_at'
  | 'publicity_start'
  | 'publicity_end'
  | 'publicity_village_id'
  | 'nominated_at'
  | 'verify_date'
  | 'authorize_date'
  | 'deliberate_date'
  | 'result';

const CURRENT: Record<CaseColumn, keyof CaseRow | null> = {
  stage: 'stage',
  status: 'status',
  closed_at: 'closedAt',
  publicity_start: 'publicityStart',
  publicity_end: 'publicityEnd',
  publicity_village_id: null,
  nominated_at: 'nominatedAt',
  verify_date: 'verifyDate',
  authorize_date: 'authorizeDate',
  deliberate_date: 'deliberateDate',
  result: 'result',
};

/** Update fields of a case, each change audited. */
export function updateCase(
  db: Db,
  log: ChangeLog,
  c: CaseRow,
  changes: Partial<Record<CaseColumn, string | number | null>>,
): void {
  for (const [column, value] of Object.entries(changes) as [CaseColumn, string | number | null][]) {
    const key = CURRENT[column];
    const old = (key ? c[key] : null) as AuditValue;
    if (key && old === value) continue;
    db.prepare(`UPDATE cases SET ${column} = ? WHERE id = ?`).run(value, c.id);
    log.updated('case', c.caseNo, column, old, value);
  }
}

export function insertDecision(
  db: Db,
  log: ChangeLog,
  c: CaseRow,
  d: { stage: string; decision: '通过' | '不通过'; opinion: string; handler: string; date: string },
): void {
  db.prepare(
    'INSERT INTO case_decisions (case_id, stage, decision, opinion, handler, decided_at, set_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(c.id, d.stage, d.decision, d.opinion, d.handler, d.date, log.id());
  log.inserted('case_decision', `${c.caseNo}|${d.stage}`, {
    结论: d.decision,
    意见: d.opinion,
    经办人: d.handler,
    日期: d.date,
  });
}

/** Open cases by kind and stage, for `status`. */
export function openCaseCounts(db: Db): { kind: CaseKind; stage: string; n: number }[] {
  return db
    .prepare("SELECT kind, stage, count(*) AS n FROM cases WHERE status = '办理中' GROUP BY kind, stage")
    .all() as { kind: CaseKind; stage: string; n: number }[];
}

/** Open identification cases with the day their clock starts (nomination, else the lead). */
export function openIdentificationClocks(db: Db): { caseNo: string; startedOn: string }[] {
  return db
    .prepare(
      "SELECT case_no AS caseNo, coalesce(nominated_at, opened_at) AS startedOn FROM cases WHERE kind = '识别' AND status = '办理中'",
    )
    .all() as { caseNo: string; startedOn: string }[];
}
