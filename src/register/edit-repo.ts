/**
 * One-off corrections that are more than a field update (SPEC §10): a corrected 证件号码 carried to
 * every record that names the person, a 户主 handed over. Every change through the ChangeLog, in
 * the caller's transaction.
 */
import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';
import type { Row } from './upsert.js';

const measureKey = (m: Row): string =>
  [m.hh_no, m.member_id_no, m.category, m.content, m.start_date].map((v) => String(v ?? '')).join('|');
const alertKey = (a: Row): string => [a.source_dept, a.id_no, a.alert_type, a.alert_date].join('|');

/** What else a changed 证件号码 was carried to. */
export interface IdChangeEffects {
  measures: number;
  alerts: number;
  /** Department alerts under the corrected number that had matched nobody and now match the person. */
  alertsMatched: number;
  workRecords: number;
  head: boolean;
}

/**
 * Change a member's 证件号码 keeping everything attached: the household's 户主证件号码, the measures
 * and alerts that name the person, work records. Cases, visits and monitoring belong to the
 * household and stay as they are.
 */
export function changeMemberId(db: Db, log: ChangeLog, oldId: string, newId: string): IdChangeEffects {
  const member = db.prepare('SELECT hh_no FROM members WHERE id_no = ?').get(oldId) as { hh_no: string } | undefined;
  if (!member) throw new Error(`member ${oldId} is not in the register`);
  const effects: IdChangeEffects = { measures: 0, alerts: 0, alertsMatched: 0, workRecords: 0, head: false };
  db.prepare('UPDATE members SET id_no = ? WHERE id_no = ?').run(newId, oldId);
  log.updated('member', oldId, 'id_no', oldId, newId);
  const heads = db.prepare('SELECT hh_no FROM households WHERE head_id_no = ?').all(oldId) as { hh_no: string }[];
  for (const h of heads) {
    db.prepare('UPDATE households SET head_id_no = ? WHERE hh_no = ?').run(newId, h.hh_no);
    log.updated('household', h.hh_no, 'head_id_no', oldId, newId);
    effects.head = true;
  }
  for (const m of db.prepare('SELECT * FROM measures WHERE member_id_no = ?').all(oldId) as Row[]) {
    db.prepare('UPDATE measures SET member_id_no = ? WHERE id = ?').run(newId, m.id);
    log.updated('measure', measureKey(m), 'member_id_no', oldId, newId);
    effects.measures++;
  }
  for (const a of db.prepare('SELECT * FROM alerts WHERE member_id_no = ?').all(oldId) as Row[]) {
    db.prepare('UPDATE alerts SET member_id_no = ? WHERE id = ?').run(newId, a.id);
    log.updated('alert', alertKey(a), 'member_id_no', oldId, newId);
    effects.alerts++;
  }
  // the departments may have had the right number all along
  for (const a of db.prepare('SELECT * FROM alerts WHERE id_no = ? AND member_id_no IS NULL').all(newId) as Row[]) {
    db.prepare('UPDATE alerts SET member_id_no = ?, hh_no = ? WHERE id = ?').run(newId, member.hh_no, a.id);
    log.updated('alert', alertKey(a), 'member_id_no', null, newId);
    log.updated('alert', alertKey(a), 'hh_no', a.hh_no ?? null, member.hh_no);
    effects.alertsMatched++;
  }
  for (const w of db.prepare('SELECT * FROM work_periods WHERE id_no = ?').all(oldId) as Row[]) {
    db.prepare('UPDATE work_periods SET id_no = ? WHERE id = ?').run(newId, w.id);
    log.updated('work_period', `${oldId}|${String(w.start_month ?? '')}`, 'id_no', oldId, newId);
    effects.workRecords++;
  }
  if (db.prepare('SELECT 1 FROM work_plans WHERE id_no = ?').get(oldId)) {
    db.prepare('UPDATE work_plans SET id_no = ? WHERE id_no = ?').run(newId, oldId);
    log.updated('work_plan', oldId, 'id_no', oldId, newId);
    effects.workRecords++;
  }
  return effects;
}

/** A member under another 证件号码 who looks like the person of an import row (an ID correction). */
export interface IdMatch {
  idNo: string;
  name: string;
  hhNo: string;
  /** 人口编号 or 姓名+出生日期. */
  by: 'person_no' | 'name_birth';
}

export class IdCorrectionFinder {
  private readonly byPersonNo;
  private readonly byNameBirth;

  constructor(db: Db) {
    this.byPersonNo = db.prepare(
      'SELECT id_no AS idNo, name, hh_no AS hhNo FROM members WHERE person_no = ? AND id_no <> ? LIMIT 1',
    );
    this.byNameBirth = db.prepare(
      'SELECT id_no AS idNo, name, hh_no AS hhNo FROM members WHERE hh_no = ? AND name = ? AND birth_date = ? AND id_no <> ? LIMIT 2',
    );
  }

  /** The member a new row's person already is, if exactly one matches. */
  find(row: {
    id_no: string;
    person_no?: unknown;
    hh_no: string;
    name?: unknown;
    birth_date?: unknown;
  }): IdMatch | undefined {
    if (typeof row.person_no === 'string' && row.person_no) {
      const m = this.byPersonNo.get(row.person_no, row.id_no) as Omit<IdMatch, 'by'> | undefined;
      if (m) return { ...m, by: 'person_no' };
    }
    if (typeof row.name === 'string' && typeof row.birth_date === 'string') {
      const ms = this.byNameBirth.all(row.hh_no, row.name, row.birth_date, row.id_no) as Omit<IdMatch, 'by'>[];
      if (ms.length === 1) return { ...ms[0]!, by: 'name_birth' };
    }
    return undefined;
  }
}

export function memberById(db: Db, idNo: string): Row | undefined {
  return db.prepare('SELECT * FROM members WHERE id_no = ?').get(idNo) as Row | undefined;
}

export function membersOf(db: Db, hhNo: string): Row[] {
  return db.prepare("SELECT * FROM members WHERE hh_no = ? AND status = '在册' ORDER BY id_no").all(hhNo) as Row[];
}

export function incomeRow(db: Db, hhNo: string, year: number): Row | undefined {
  return db.prepare('SELECT * FROM incomes WHERE hh_no = ? AND year = ?').get(hhNo, year) as Row | undefined;
}
