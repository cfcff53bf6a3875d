import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';

/**
 * 帮扶措施 one at a time (`fpjc measure add|list|end`); `import measures` writes the same table
 * through the import writers. Audit entity `measure`, keyed like the import
 * (户编号|证件号码|类别|内容|开始时间) so the history of a measure reads the same from both.
 */

export interface MeasureRow {
  id: number;
  hhNo: string;
  memberIdNo: string;
  category: string;
  developmental: number;
  content: string;
  amount: number | null;
  startDate: string;
  endDate: string | null;
  township: string;
  village: string;
  headName: string | null;
}

const SELECT = `SELECT ms.id, ms.hh_no AS hhNo, ms.member_id_no AS memberIdNo, ms.category, ms.developmental,
    ms.content, ms.amount, ms.start_date AS startDate, ms.end_date AS endDate,
    t.name AS township, v.name AS village, h.head_name AS headName
  FROM measures ms JOIN households h ON h.hh_no = ms.hh_no JOIN villages v ON v.id = h.village_id
  JOIN townships t ON t.id = v.township_id`;

export const measureKey = (m: {
  hhNo: string;
  memberIdNo: string;
  category: string;
  content: string;
  startDate: string;
}): string => [m.hhNo, m.memberIdNo, m.category, m.content, m.startDate].join('|');

export interface MeasureFilter {
  townshipId?: number | undefined;
  villageId?: number | undefined;
  hhNo?: string | undefined;
  category?: string | undefined;
  /** Only measures not ended on this day. */
  activeOn?: string | undefined;
  /** Only the measures of unresolved 监测对象. */
  unresolvedOnly?: boolean | undefined;
}

export function listMeasures(db: Db, f: MeasureFilter): MeasureRow[] {
  return db
    .prepare(
      `${SELECT} WHERE (@tw IS NULL OR v.township_id = @tw) AND (@vi IS NULL OR v.id = @vi)
         AND (@hh IS NULL OR ms.hh_no = @hh) AND (@cat IS NULL OR ms.category = @cat)
         AND (@on IS NULL OR ((ms.start_date = '' OR ms.start_date <= @on) AND (ms.end_date IS NULL OR ms.end_date = '' OR ms.end_date >= @on)))
         AND (@unresolved = 0 OR (h.mon_category IS NOT NULL AND coalesce(h.risk_eliminated, 0) = 0))
       ORDER BY t.code IS NULL, t.code, t.name, v.code IS NULL, v.code, v.name, ms.hh_no, ms.start_date, ms.id`,
    )
    .all({
      tw: f.townshipId ?? null,
      vi: f.villageId ?? null,
      hh: f.hhNo ?? null,
      cat: f.category ?? null,
      on: f.activeOn ?? null,
      unresolved: f.unresolvedOnly ? 1 : 0,
    }) as MeasureRow[];
}

export function measureById(db: Db, id: number): MeasureRow | undefined {
  return db.prepare(`${SELECT} WHERE ms.id = ?`).get(id) as MeasureRow | undefined;
}

export interface NewMeasure {
  hhNo: string;
  memberIdNo: string;
  category: string;
  developmental: boolean;
  content: string;
  amount: number | null;
  startDate: string;
  endDate: string | null;
}

/** The same measure (household, member, 类别, 内容, 开始时间) already recorded, if any. */
export function sameMeasure(db: Db, m: NewMeasure): MeasureRow | undefined {
  return db
    .prepare(
      `${SELECT} WHERE ms.hh_no = ? AND ms.member_id_no = ? AND ms.category = ? AND ms.content = ? AND ms.start_date = ?`,
    )
    .get(m.hhNo, m.memberIdNo, m.category, m.content, m.startDate) as MeasureRow | undefined;
}

export function insertMeasure(db: Db, log: ChangeLog, m: NewMeasure): number {
  const r = db
    .prepare(
      `INSERT INTO measures (hh_no, member_id_no, category, developmental, content, amount, start_date, end_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(m.hhNo, m.memberIdNo, m.category, m.developmental ? 1 : 0, m.content, m.amount, m.startDate, m.endDate);
  log.inserted('measure', measureKey(m), {
    证件号码: m.memberIdNo || null,
    帮扶措施类别: m.category,
    开发式: m.developmental ? '是' : '否',
    措施内容: m.content,
    金额: m.amount,
    开始时间: m.startDate,
    结束时间: m.endDate,
  });
  return Number(r.lastInsertRowid);
}

export function endMeasure(db: Db, log: ChangeLog, m: MeasureRow, endDate: string): void {
  db.prepare('UPDATE measures SET end_date = ? WHERE id = ?').run(endDate, m.id);
  log.updated('measure', measureKey(m), 'end_date', m.endDate, endDate);
}

/** 开发式 measures of the household running on the day. */
export function activeDevelopmental(db: Db, hhNo: string, on: string): number {
  return db
    .prepare(
      `SELECT count(*) FROM measures WHERE hh_no = ? AND developmental = 1 AND (start_date = '' OR start_date <= ?)
         AND (end_date IS NULL OR end_date = '' OR end_date >= ?)`,
    )
    .pluck()
    .get(hhNo, on, on) as number;
}
