import type { Db } from './connection.js';

export interface PersonMatch {
  hh_no: string;
  township: string;
  village: string;
  head_name: string | null;
  name: string;
  id_no: string;
  relation: string | null;
  status: string;
  /** What matched: 姓名, 证件号码, 电话 or 户编号. */
  matched: string;
}

const SELECT = `SELECT m.hh_no, t.name AS township, v.name AS village, h.head_name, m.name, m.id_no, m.relation,
  m.status, ? AS matched
  FROM members m JOIN households h ON h.hh_no = m.hh_no JOIN villages v ON v.id = h.village_id
  JOIN townships t ON t.id = v.township_id`;
const ORDER = `ORDER BY t.name, v.name, m.hh_no, CASE m.relation WHEN '户主' THEN 0 ELSE 1 END, m.name LIMIT ?`;

/** People by name (exact), by a fragment of 证件号码 / 户编号 / phone; at most `limit` rows. */
export function findPeople(db: Db, text: string, limit: number): PersonMatch[] {
  const t = text.trim();
  if (/^\d{3,}[\dXx]*$/.test(t)) {
    const like = `%${t.toUpperCase()}%`;
    return db
      .prepare(
        `${SELECT} WHERE m.id_no LIKE ? OR m.hh_no LIKE ? OR m.phone LIKE ? OR (m.relation = '户主' AND
         (h.phone LIKE ? OR h.contact_phone LIKE ?)) ${ORDER}`,
      )
      .all('证件号码、户编号或电话', like, like, like, like, like, limit) as PersonMatch[];
  }
  const exact = db.prepare(`${SELECT} WHERE m.name = ? ${ORDER}`).all('姓名', t, limit) as PersonMatch[];
  if (exact.length) return exact;
  return db.prepare(`${SELECT} WHERE m.name LIKE ? ${ORDER}`).all('姓名（部分）', `%${t}%`, limit) as PersonMatch[];
}
