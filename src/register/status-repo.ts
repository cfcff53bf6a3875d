import type { Db } from './connection.js';

export interface RegisterCounts {
  households: number;
  members: number;
  membersByStatus: Record<string, number>;
  householdsByType: Record<string, number>;
  townships: number;
  villages: number;
  monitoredByCategoryState: { category: string; eliminated: number; n: number }[];
  openCases: number;
  openCasesByKind: Record<string, number>;
  openAlerts: number;
  unmatchedAlerts: number;
  alertsByStatus: Record<string, number>;
}

const toRecord = (rows: { k: string | null; n: number }[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.k ?? '（空）', r.n]));

export function registerCounts(db: Db): RegisterCounts {
  const one = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  return {
    households: one('SELECT count(*) AS n FROM households'),
    members: one("SELECT count(*) AS n FROM members WHERE status = '在册'"),
    membersByStatus: toRecord(
      db.prepare('SELECT status AS k, count(*) AS n FROM members GROUP BY status').all() as never,
    ),
    householdsByType: toRecord(
      db.prepare('SELECT hh_type AS k, count(*) AS n FROM households GROUP BY hh_type').all() as never,
    ),
    townships: one('SELECT count(*) AS n FROM townships'),
    villages: one('SELECT count(*) AS n FROM villages'),
    monitoredByCategoryState: db
      .prepare(
        `SELECT mon_category AS category, coalesce(risk_eliminated, 0) AS eliminated, count(*) AS n
         FROM households WHERE mon_category IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as { category: string; eliminated: number; n: number }[],
    openCases: one("SELECT count(*) AS n FROM cases WHERE status = '办理中'"),
    openCasesByKind: toRecord(
      db.prepare("SELECT kind AS k, count(*) AS n FROM cases WHERE status = '办理中' GROUP BY kind").all() as never,
    ),
    openAlerts: one("SELECT count(*) AS n FROM alerts WHERE hh_no IS NOT NULL AND status <> '已核实'"),
    unmatchedAlerts: one('SELECT count(*) AS n FROM alerts WHERE hh_no IS NULL'),
    alertsByStatus: toRecord(
      db.prepare('SELECT status AS k, count(*) AS n FROM alerts GROUP BY status').all() as never,
    ),
  };
}

/** Unresolved 监测对象 with what colouring needs. */
export function unresolvedMonitored(
  db: Db,
  incomeYear: number,
): { identifiedMonth: string | null; perCapita: number | null }[] {
  return db
    .prepare(
      `SELECT h.identified_month AS identifiedMonth, t.per_capita AS perCapita
       FROM households h LEFT JOIN income_totals t ON t.hh_no = h.hh_no AND t.year = ?
       WHERE h.mon_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0`,
    )
    .all(incomeYear) as { identifiedMonth: string | null; perCapita: number | null }[];
}

export interface CampaignBrief {
  id: string;
  name: string | null;
  asOf: string;
  lastRunAt: string | null;
}

export function lastCampaign(db: Db): CampaignBrief | null {
  return (
    (db
      .prepare(
        'SELECT id, name, as_of AS asOf, last_run_at AS lastRunAt FROM campaigns ORDER BY coalesce(last_run_at, created_at) DESC LIMIT 1',
      )
      .get() as CampaignBrief | undefined) ?? null
  );
}
