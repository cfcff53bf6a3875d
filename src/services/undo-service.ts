/**
 * `fpjc undo <修改记录号>`: revert one change set in one transaction, itself recorded as a change
 * set (SPEC §10). Refused, with the later change sets named, when later changes depend on it.
 */
import { ENTITY_NAMES, fieldLabel, valueLabel } from '../domain/audit-labels.js';
import { FpjcError } from '../domain/errors.js';
import { recordLabel } from '../domain/record-keys.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import { changeSet, changesOf, dependentSets, laterSets, markUndone, revertChangeSet } from '../register/undo-repo.js';
import { writeAll } from './case-service.js';

export interface UndoRequest {
  changeSet: string;
  operator: string;
  reason?: string | undefined;
  dryRun?: boolean | undefined;
  /** 撤销前 snapshot, taken when the undo commits (default true; `--no-backup`). */
  backup?: boolean | undefined;
}

export interface SetSummary {
  修改记录号: number;
  时间: string;
  经办人: string;
  命令: string;
  原因: string | null;
}

export interface UndoResult {
  undone: SetSummary;
  /** The change set of the undo itself (null in a dry run). */
  changeSet: number | null;
  reverted: {
    记录: string;
    类别: string;
    操作: string;
    字段: string | null;
    撤销前: string | null;
    撤销后: string | null;
  }[];
  count: number;
  dryRun: boolean;
}

const OPS = { insert: '删除（撤销新增）', update: '恢复原值', delete: '恢复（撤销删除）' } as const;

export function summary(s: {
  id: number;
  at: string;
  operator: string;
  command: string;
  reason: string | null;
}): SetSummary {
  return { 修改记录号: s.id, 时间: s.at, 经办人: s.operator, 命令: s.command, 原因: s.reason };
}

export function undoChangeSet(register: Register, req: UndoRequest): UndoResult {
  const id = Number(req.changeSet.replace(/^#/, '').trim());
  if (!Number.isInteger(id) || id <= 0) {
    throw new FpjcError(
      'USAGE',
      `「${req.changeSet}」不是修改记录号。修改记录号是一个数字，可用 fpjc history <证件号码|户编号> 查到。`,
    );
  }
  const db = register.db;
  const set = changeSet(db, id);
  if (!set)
    throw new FpjcError(
      'NOT_FOUND',
      `登记库中没有修改记录 ${id}。请用 fpjc history <证件号码|户编号> 查看修改记录号。`,
    );
  if (set.undone_by !== null) {
    throw new FpjcError('REFUSED', `修改记录 ${id} 已经由修改记录 ${set.undone_by} 撤销过了，无需再撤销。`);
  }
  const changes = changesOf(db, id);
  const later = dependentSets(db, id, changes);
  if (later.length) {
    throw new FpjcError(
      'REFUSED',
      `修改记录 ${id}（${set.command}，${set.at.slice(0, 10)}）之后，又有 ${later.length} 次修改改动了同样的记录：${later
        .slice(0, 10)
        .map((s) => `${s.id}（${s.command}，${s.operator}，${s.at.slice(0, 10)}）`)
        .join('、')}${later.length > 10 ? ' 等' : ''}。请先撤销这些修改（从最近的开始），再撤销 ${id}。登记库未改动。`,
      { details: { dependents: later.map(summary) } },
    );
  }
  if (!req.dryRun && req.backup !== false) register.backupBeforeWrite('撤销前');
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'undo',
      reason: req.reason?.trim() || `撤销修改记录 ${id}（${set.command}）`,
    });
    let reverted: ReturnType<typeof revertChangeSet>;
    try {
      reverted = revertChangeSet(db, log, id, changes);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        const after = laterSets(db, id);
        throw new FpjcError(
          'REFUSED',
          `修改记录 ${id} 新增的记录之后又被其他记录引用（例如新增的户后来又导入了成员、收支、措施或办理了案件），不能撤销。请先撤销之后的相关修改${after.length ? `（之后的修改有：${after.map((s) => `${s.id}（${s.command}）`).join('、')}${after.length === 5 ? ' 等' : ''}）` : ''}。登记库未改动。`,
          { details: { dependents: after.map(summary) } },
        );
      }
      throw err;
    }
    const undoSet = log.id();
    markUndone(db, id, undoSet);
    return {
      undone: summary(set),
      changeSet: req.dryRun ? null : undoSet,
      count: reverted.length,
      reverted: reverted.slice(0, 1000).map((r) => ({
        记录: recordLabel(r.entity, r.key),
        类别: ENTITY_NAMES[r.entity] ?? r.entity,
        操作: OPS[r.op],
        字段: fieldLabel(r.entity, r.field),
        撤销前: valueLabel(r.entity, r.field, r.from),
        撤销后: valueLabel(r.entity, r.field, r.to),
      })),
      dryRun: Boolean(req.dryRun),
    };
  });
}
