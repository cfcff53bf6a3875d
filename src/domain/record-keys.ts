/**
 * The audit log names a record by its key columns joined with 「|」 (the upserter's record key).
 * Their layout is here once: undo reads a key back into its columns, the history and undo lists
 * show it in a clerk's words (「户 1407… 2024 年度」, not 「1407…|2024」).
 */

export interface RecordKeyShape {
  keys: readonly string[];
  /** The one part that may itself contain 「|」 (free text), counted from 0; default the last. */
  free?: number;
}

export const RECORD_KEYS = {
  household: { keys: ['hh_no'] },
  member: { keys: ['id_no'] },
  income: { keys: ['hh_no', 'year'] },
  measure: { keys: ['hh_no', 'member_id_no', 'category', 'content', 'start_date'], free: 3 },
  alert: { keys: ['source_dept', 'id_no', 'alert_type', 'alert_date'], free: 2 },
  elimination_snapshot: { keys: ['hh_no', 'eliminated_month'] },
  work_period: { keys: ['id_no', 'start_month'] },
  work_plan: { keys: ['id_no'] },
  visit: { keys: ['purpose', 'campaign_id', 'hh_no'] },
  monitoring_event: { keys: ['hh_no', 'id'] },
} as const satisfies Record<string, RecordKeyShape>;

/** A record key's parts, one per key column (the free part keeps any 「|」 it had). */
export function splitRecordKey(shape: RecordKeyShape, key: string): string[] {
  const parts = key.split('|');
  const n = shape.keys.length;
  if (parts.length <= n) return parts;
  const free = shape.free ?? n - 1;
  const tail = n - free - 1;
  return [
    ...parts.slice(0, free),
    parts.slice(free, parts.length - tail).join('|'),
    ...parts.slice(parts.length - tail),
  ];
}

/** A logged record key as a clerk reads it; a one-column key (户编号, 证件号码 …) is itself. */
export function recordLabel(entity: string, key: string): string {
  const shape: RecordKeyShape | undefined = (RECORD_KEYS as Record<string, RecordKeyShape>)[entity];
  if (!shape || shape.keys.length === 1 || !key.includes('|')) return key;
  const p = splitRecordKey(shape, key);
  const join = (...xs: (string | false | undefined)[]): string => xs.filter(Boolean).join('，');
  switch (entity) {
    case 'income':
      return join(`户 ${p[0]}`, `${p[1]} 年度`);
    case 'measure':
      return join(`户 ${p[0]}`, p[1] !== '' && `成员 ${p[1]}`, `${p[2]}「${p[3]}」`, p[4] !== '' && `${p[4]} 开始`);
    case 'alert':
      return join(p[1], `${p[0]}「${p[2]}」`, p[3] !== '' && `${p[3]} 预警`);
    case 'elimination_snapshot':
      return join(`户 ${p[0]}`, `${p[1]} 风险消除`);
    case 'work_period':
      return join(p[0], `${p[1]} 起务工`);
    case 'visit':
      // a 回访 is logged as 回访|户编号|row id (it has no 排查 batch)
      return p[0] === '回访' ? join(`户 ${p[1]}`, `回访 ${p[2]}`) : join(`户 ${p[2]}`, `排查批次 ${p[1]}`);
    case 'monitoring_event':
      return join(`户 ${p[0]}`, `监测记录 ${p[1]}`);
    default:
      return key;
  }
}
