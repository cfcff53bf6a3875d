import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';

/**
 * Department alerts (部门预警线索): listing, dispatch (集中交办) with an audit of every status
 * change, and the unmatched ones (people not in the register: possible new households, 应纳尽纳).
 */

export interface AlertRow {
  id: number;
  sourceDept: string;
  idNo: string;
  name: string | null;
  alertType: string;
  value: number | null;
  alertDate: string;
  detail: string | null;
  hhNo: string | null;
  headName: string | null;
  /** The household's 乡镇/村, or the ones written in the alert when it is unmatched. */
  township: string | null;
  village: string | null;
  status: string;
  dispatchedAt: string | null;
  verifyResult: string | null;
  verifyNote: string | null;
  verifier: string | null;
  verifyDate: string | null;
}

export interface AlertFilter {
  source?: string | undefined;
  status?: string | undefined;
  unmatched?: boolean | undefined;
  township?: string | undefined;
}

const SELECT = `SELECT a.id, a.source_dept AS sourceDept, a.id_no AS idNo, a.name, a.alert_type AS alertType, a.value,
    a.alert_date AS alertDate, a.detail, a.hh_no AS hhNo, h.head_name AS headName,
    coalesce(t.name, a.township_text) AS township, coalesce(v.name, a.village_text) AS village,
    a.status, a.dispatched_at AS dispatchedAt, a.verify_result AS verifyResult, a.verify_note AS verifyNote,
    a.verifier, a.verify_date AS verifyDate
  FROM alerts a
  LEFT JOIN households h ON h.hh_no = a.hh_no
  LEFT JOIN villages v ON v.id = h.village_id
  LEFT JOIN townships t ON t.id = v.township_id`;

const ORDER = `ORDER BY coalesce(t.name, a.township_text) IS NULL, coalesce(t.name, a.township_text),
  coalesce(v.name, a.village_text), a.hh_no, a.alert_date, a.id`;

export function listAlerts(db: Db, f: AlertFilter): AlertRow[] {
  return db
    .prepare(
      `${SELECT}
       WHERE (@source IS NULL OR a.source_dept = @source) AND (@status IS NULL OR a.status = @status)
         AND (@unmatched = 0 OR a.hh_no IS NULL)
         AND (@township IS NULL OR coalesce(t.name, a.township_text) = @township)
       ${ORDER}`,
    )
    .all({
      source: f.source ?? null,
      status: f.status ?? null,
      unmatched: f.unmatched ? 1 : 0,
      township: f.township ?? null,
    }) as AlertRow[];
}

export function alertCounts(db: Db): { status: string; matched: number; n: number }[] {
  return db
    .prepare('SELECT status, hh_no IS NOT NULL AS matched, count(*) AS n FROM alerts GROUP BY 1, 2 ORDER BY 1, 2')
    .all() as { status: string; matched: number; n: number }[];
}

/** Matched 未交办 alerts of a township (or all), the ones dispatch marks. */
export function pendingAlerts(db: Db, townshipId: number | null): AlertRow[] {
  return db
    .prepare(
      `${SELECT}
       WHERE a.status = '未交办' AND a.hh_no IS NOT NULL AND (@tw IS NULL OR v.township_id = @tw)
       ${ORDER}`,
    )
    .all({ tw: townshipId }) as AlertRow[];
}

/** Unresolved alerts not matched to anyone in the register (possible new households), of a township or all. */
export function unmatchedOpenAlerts(db: Db, township: string | null): AlertRow[] {
  return db
    .prepare(
      `${SELECT}
       WHERE a.hh_no IS NULL AND a.status <> '已核实' AND (@township IS NULL OR a.township_text = @township)
       ${ORDER}`,
    )
    .all({ township }) as AlertRow[];
}

/** Mark alerts 已交办 with the dispatch time, each change audited. */
export function markDispatched(db: Db, log: ChangeLog, alerts: readonly AlertRow[], at: string): number {
  const update = db.prepare(
    "UPDATE alerts SET status = '已交办', dispatched_at = ? WHERE id = ? AND status = '未交办'",
  );
  let n = 0;
  for (const a of alerts) {
    if (update.run(at, a.id).changes === 0) continue;
    const key = [a.sourceDept, a.idNo, a.alertType, a.alertDate].join('|');
    log.updated('alert', key, 'status', a.status, '已交办');
    log.updated('alert', key, 'dispatched_at', a.dispatchedAt, at);
    n++;
  }
  return n;
}
