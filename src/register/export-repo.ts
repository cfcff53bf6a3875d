import type { ImportKind } from '../domain/fields.js';
import type { Db } from './connection.js';
import type { Row } from './upsert.js';

export interface Scope {
  township?: string | undefined;
  village?: string | undefined;
}

/** Households of a scope, as a SQL condition on alias h (with the join to v/t present). */
function scopeWhere(scope: Scope, params: unknown[]): string {
  const parts: string[] = [];
  if (scope.township) {
    parts.push('t.name = ?');
    params.push(scope.township);
  }
  if (scope.village) {
    parts.push('v.name = ?');
    params.push(scope.village);
  }
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

const hhJoin = 'JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id';

/** Rows of a kind in the columns of the import format, in a stable order. */
export function iterateForExport(db: Db, kind: ImportKind, scope: Scope = {}): IterableIterator<Row> {
  const params: unknown[] = [];
  const where = scopeWhere(scope, params);
  let sql: string;
  switch (kind) {
    case 'regions':
      sql = `SELECT t.name AS township, t.code AS township_code, v.name AS village, v.code AS village_code,
                    g.name AS grid, g.keeper AS grid_keeper
             FROM villages v JOIN townships t ON t.id = v.township_id LEFT JOIN grids g ON g.village_id = v.id
             ${where} ORDER BY t.name, v.name, g.name`;
      break;
    case 'households':
      sql = `SELECT h.*, t.name AS township, v.name AS village, g.name AS grid
             FROM households h ${hhJoin} LEFT JOIN grids g ON g.id = h.grid_id ${where} ORDER BY h.hh_no`;
      break;
    case 'members':
      sql = `SELECT m.* FROM members m JOIN households h ON h.hh_no = m.hh_no ${hhJoin} ${where}
             ORDER BY m.hh_no, CASE m.relation WHEN '户主' THEN 0 ELSE 1 END, m.id_no`;
      break;
    case 'incomes':
      sql = `SELECT i.* FROM incomes i JOIN households h ON h.hh_no = i.hh_no ${hhJoin} ${where} ORDER BY i.hh_no, i.year`;
      break;
    case 'measures':
      sql = `SELECT ms.* FROM measures ms JOIN households h ON h.hh_no = ms.hh_no ${hhJoin} ${where} ORDER BY ms.hh_no, ms.id`;
      break;
    case 'alerts':
      sql =
        scope.township || scope.village
          ? `SELECT a.* FROM alerts a JOIN households h ON h.hh_no = a.hh_no ${hhJoin} ${where} ORDER BY a.id`
          : 'SELECT a.* FROM alerts a ORDER BY a.id';
      break;
    case 'visits':
      sql = `SELECT vs.* FROM visits vs JOIN households h ON h.hh_no = vs.hh_no ${hhJoin} ${where} ORDER BY vs.campaign_id, vs.hh_no`;
      break;
    case 'migrant-work':
      sql = `SELECT w.* FROM work_periods w JOIN members m ON m.id_no = w.id_no JOIN households h ON h.hh_no = m.hh_no
             ${hhJoin} ${where} ORDER BY m.hh_no, w.id_no, w.start_month`;
      break;
    case 'planned-work':
      sql = `SELECT w.* FROM work_plans w JOIN members m ON m.id_no = w.id_no JOIN households h ON h.hh_no = m.hh_no
             ${hhJoin} ${where} ORDER BY m.hh_no, w.id_no`;
      break;
    case 'village-info':
      sql = `SELECT s.*, t.name AS township, v.name AS village FROM village_stats s JOIN villages v ON v.id = s.village_id
             JOIN townships t ON t.id = v.township_id ${where} ORDER BY t.name, v.name`;
      break;
    case 'national':
      throw new Error('the per-person export is written by the demo, not exported from the register');
  }
  return db.prepare(sql).iterate(...params) as IterableIterator<Row>;
}
