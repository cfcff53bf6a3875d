/**
 * `fpjc history <证件号码|户编号>`: every change set touching a person or a household — when, who,
 * which command, each field old → new, why — in the canonical Chinese field names.
 */
import { ENTITY_NAMES, fieldLabel, valueLabel } from '../domain/audit-labels.js';
import { FpjcError } from '../domain/errors.js';
import { normalizeIdText } from '../domain/id-number.js';
import { parseDate } from '../domain/normalize.js';
import { recordLabel } from '../domain/record-keys.js';
import type { Register } from '../register/connection.js';
import {
  type HistoryRow,
  householdExists,
  householdHistory,
  idAliases,
  memberExists,
  personHistory,
} from '../register/history-repo.js';

export interface HistoryChange {
  类别: string;
  记录: string;
  操作: '新增' | '修改' | '删除';
  字段: string | null;
  原值: string | null;
  新值: string | null;
}

export interface HistorySet {
  修改记录号: number;
  时间: string;
  经办人: string;
  命令: string;
  原因: string | null;
  来源: string | null;
  /** Undone by this change set. */
  已撤销: number | null;
  /** This set is the undo of that one. */
  撤销了: number | null;
  changes: HistoryChange[];
  changeCount: number;
}

export interface HistoryResult {
  subject: { kind: 'member' | 'household'; key: string; 证件号码历史?: string[] };
  since: string | null;
  sets: HistorySet[];
}

const OPS = { insert: '新增', update: '修改', delete: '删除' } as const;
/** Changes listed per set (an import touching a household lists all its records; the count is exact). */
const CHANGES_SHOWN = 200;

function group(rows: readonly HistoryRow[]): HistorySet[] {
  const sets = new Map<number, HistorySet>();
  for (const r of rows) {
    let s = sets.get(r.setId);
    if (!s) {
      s = {
        修改记录号: r.setId,
        时间: r.at,
        经办人: r.operator,
        命令: r.command,
        原因: r.reason,
        来源: r.source,
        已撤销: r.undoneBy,
        撤销了: r.undoes,
        changes: [],
        changeCount: 0,
      };
      sets.set(r.setId, s);
    }
    s.changeCount++;
    if (s.changes.length >= CHANGES_SHOWN) continue;
    // a deleted row is kept whole in the log; the history names the record, not every column
    s.changes.push({
      类别: ENTITY_NAMES[r.entity] ?? r.entity,
      记录: recordLabel(r.entity, r.recordKey),
      操作: OPS[r.op],
      字段: fieldLabel(r.entity, r.field),
      原值: r.op === 'update' ? valueLabel(r.entity, r.field, r.oldValue) : null,
      新值: r.op === 'update' || r.field !== null ? valueLabel(r.entity, r.field, r.newValue) : null,
    });
  }
  return [...sets.values()];
}

export function history(register: Register, req: { key: string; since?: string | undefined }): HistoryResult {
  const db = register.db;
  let since: string | null = null;
  if (req.since) {
    const d = parseDate(req.since);
    if (!d.ok) throw new FpjcError('USAGE', `--since「${req.since}」：${d.message}。例如 --since 2024-05-01。`);
    since = d.value;
  }
  const key = req.key.trim();
  const asId = normalizeIdText(key);
  if (householdExists(db, key)) {
    return { subject: { kind: 'household', key }, since, sets: group(householdHistory(db, key, since ?? undefined)) };
  }
  const aliases = idAliases(db, asId);
  if (memberExists(db, asId) || aliases.length > 1) {
    return {
      subject: { kind: 'member', key: asId, 证件号码历史: aliases },
      since,
      sets: group(personHistory(db, asId, since ?? undefined)),
    };
  }
  throw new FpjcError(
    'NOT_FOUND',
    `登记库中没有证件号码或户编号为「${key}」的记录。请核对号码（户编号按文本保存，注意前导零）。`,
  );
}
