import os from 'node:os';
import type { Db } from './connection.js';

/** Who and what a change set belongs to (SPEC §3 changes). */
export interface ChangeContext {
  operator: string;
  command: string;
  reason?: string | undefined;
  source?: string | undefined;
}

export type AuditValue = string | number | null | undefined;

/** 经办人: --operator, else FPJC_OPERATOR, else the county's configured clerk, else the OS user. */
export function defaultOperator(flag?: string, clerk?: string | null): string {
  if (flag?.trim()) return flag.trim();
  const env = process.env.FPJC_OPERATOR?.trim();
  if (env) return env;
  if (clerk?.trim()) return clerk.trim();
  try {
    return os.userInfo().username || '未知';
  } catch {
    return '未知';
  }
}

const text = (v: AuditValue): string | null => (v === null || v === undefined ? null : String(v));

/**
 * The one write path of the audit log. A change set is opened lazily on the first change, so a
 * command that changes nothing leaves no trace (re-importing the same file writes no records).
 * Must be used inside the caller's transaction.
 */
export class ChangeLog {
  private setId: number | null = null;
  private count = 0;
  private readonly insertSet;
  private readonly insertChange;

  constructor(
    readonly db: Db,
    private readonly context: ChangeContext,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.insertSet = db.prepare(
      'INSERT INTO change_sets (at, operator, command, reason, source) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertChange = db.prepare(
      'INSERT INTO changes (set_id, entity, record_key, op, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** The change-set id, opening the set if nothing was recorded yet. */
  id(): number {
    if (this.setId === null) {
      const r = this.insertSet.run(
        this.now(),
        this.context.operator,
        this.context.command,
        this.context.reason ?? null,
        this.context.source ?? null,
      );
      this.setId = Number(r.lastInsertRowid);
    }
    return this.setId;
  }

  /** The id if a set was opened, else null. */
  get openedId(): number | null {
    return this.setId;
  }

  get changes(): number {
    return this.count;
  }

  inserted(entity: string, key: string, values?: Record<string, AuditValue>): void {
    this.count++;
    this.insertChange.run(this.id(), entity, key, 'insert', null, null, values ? JSON.stringify(values) : null);
  }

  updated(entity: string, key: string, field: string, oldValue: AuditValue, newValue: AuditValue): void {
    this.count++;
    this.insertChange.run(this.id(), entity, key, 'update', field, text(oldValue), text(newValue));
  }

  deleted(entity: string, key: string, oldRow: Record<string, AuditValue>): void {
    this.count++;
    this.insertChange.run(this.id(), entity, key, 'delete', null, JSON.stringify(oldRow), null);
  }
}
