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

const CHANGE_COLUMNS = '(set_id, entity, record_key, op, field, old_value, new_value)';
const CHANGE_VALUES = '(?, ?, ?, ?, ?, ?, ?)';

/**
 * The one write path of the audit log. A change set is opened lazily on the first change, so a
 * command that changes nothing leaves no trace (re-importing the same file writes no records).
 * Must be used inside the caller's transaction.
 *
 * `buffered` (bulk writers such as an import: a million insert records) keeps changes and writes
 * them many rows to a statement — about twice as fast; the owner must call `flush()` before it
 * commits or reads the `changes` table.
 */
export class ChangeLog {
  /** Changes per INSERT statement in buffered mode. */
  static readonly ROWS = 32;
  private setId: number | null = null;
  private count = 0;
  private readonly insertSet;
  private readonly insertChange;
  private insertMany: ReturnType<Db['prepare']> | null = null;
  private readonly pending: (string | number | null)[] = [];

  constructor(
    readonly db: Db,
    private readonly context: ChangeContext,
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly options: { buffered?: boolean } = {},
  ) {
    this.insertSet = db.prepare(
      'INSERT INTO change_sets (at, operator, command, reason, source) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertChange = db.prepare(`INSERT INTO changes ${CHANGE_COLUMNS} VALUES ${CHANGE_VALUES}`);
  }

  private add(
    entity: string,
    key: string,
    op: string,
    field: string | null,
    oldValue: string | null,
    newValue: string | null,
  ): void {
    this.count++;
    const set = this.id();
    if (!this.options.buffered) {
      this.insertChange.run(set, entity, key, op, field, oldValue, newValue);
      return;
    }
    this.pending.push(set, entity, key, op, field, oldValue, newValue);
    if (this.pending.length === ChangeLog.ROWS * 7) {
      this.insertMany ??= this.db.prepare(
        `INSERT INTO changes ${CHANGE_COLUMNS} VALUES ${Array(ChangeLog.ROWS).fill(CHANGE_VALUES).join(', ')}`,
      );
      this.insertMany.run(this.pending);
      this.pending.length = 0;
    }
  }

  /** Write the buffered changes (buffered mode; a no-op otherwise). */
  flush(): void {
    for (let i = 0; i < this.pending.length; i += 7) this.insertChange.run(this.pending.slice(i, i + 7));
    this.pending.length = 0;
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
    this.add(entity, key, 'insert', null, null, values ? JSON.stringify(values) : null);
  }

  updated(entity: string, key: string, field: string, oldValue: AuditValue, newValue: AuditValue): void {
    this.add(entity, key, 'update', field, text(oldValue), text(newValue));
  }

  deleted(entity: string, key: string, oldRow: Record<string, AuditValue>): void {
    this.add(entity, key, 'delete', null, JSON.stringify(oldRow), null);
  }
}
