import type { Db } from './connection.js';

/** What the demo's field visits need to know of each household of a campaign's scope. */
export interface VisitCandidate {
  hhNo: string;
  townshipId: number;
  hhType: string;
  /** 'none' | 'unresolved' | 'eliminated' */
  monitoring: string;
  /** Rules that flagged it (not 数据缺失), comma-separated, or null. */
  rules: string | null;
}

export function visitCandidates(db: Db, campaignId: string): VisitCandidate[] {
  return db
    .prepare(
      `SELECT h.hh_no AS hhNo, v.township_id AS townshipId, h.hh_type AS hhType,
         CASE WHEN h.mon_category IS NULL THEN 'none' WHEN h.risk_eliminated = 1 THEN 'eliminated' ELSE 'unresolved' END AS monitoring,
         (SELECT group_concat(f.rule_id, ',') FROM campaign_flags f
           WHERE f.campaign_id = s.campaign_id AND f.hh_no = s.hh_no AND f.category <> '数据缺失') AS rules
       FROM campaign_scope s JOIN households h ON h.hh_no = s.hh_no JOIN villages v ON v.id = h.village_id
       WHERE s.campaign_id = ? ORDER BY h.hh_no`,
    )
    .all(campaignId) as VisitCandidate[];
}
