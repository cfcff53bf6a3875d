import type { Db } from './connection.js';

/** Reads for opening identification cases from a campaign's visit results. */

export interface ProposedVisit {
  hhNo: string;
  visitDate: string | null;
  category: string | null;
  risks: string | null;
  note: string | null;
  /** The household is an unresolved 监测对象 now. */
  unresolved: boolean;
}

/** Every 建议纳入监测 visit result of a campaign (of a township, or all), in 户编号 order. */
export function proposedVisits(db: Db, campaignId: string, townshipId: number | undefined): ProposedVisit[] {
  const rows = db
    .prepare(
      `SELECT vs.hh_no AS hhNo, vs.visit_date AS visitDate, vs.category, vs.risks, vs.note,
         (h.mon_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0) AS unresolved
       FROM visits vs JOIN households h ON h.hh_no = vs.hh_no JOIN villages v ON v.id = h.village_id
       WHERE vs.purpose = '排查' AND vs.campaign_id = ? AND vs.result = '建议纳入监测' AND (? IS NULL OR v.township_id = ?)
       ORDER BY vs.hh_no`,
    )
    .all(campaignId, townshipId ?? null, townshipId ?? null) as (Omit<ProposedVisit, 'unresolved'> & {
    unresolved: number;
  })[];
  return rows.map((r) => ({ ...r, unresolved: r.unresolved === 1 }));
}
