import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FpjcError } from '../domain/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { takeSnapshot } from './snapshots.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create a new register; refuses an existing file. */
  create?: boolean;
  readonly?: boolean;
  /** Milliseconds to wait for another process's lock before giving up (exit 4). */
  busyTimeoutMs?: number;
  /** Snapshot before a schema upgrade (default true; `--no-backup`). */
  backup?: boolean;
}

/** Why a register can only be read: its file, or its folder (where SQLite keeps the WAL), is not writable. */
export type ReadOnlyReason = 'file' | 'folder' | 'asked';

const defaultBusyTimeout = (): number => {
  const env = Number(process.env.FPJC_BUSY_TIMEOUT_MS);
  return Number.isFinite(env) && env >= 0 ? env : 5000;
};

const READ_ONLY_HINT = '查看类命令（status、show、report、export 等）仍可使用。';

/** The error for a write to a register that can only be read. */
export function readOnlyError(file: string, reason: ReadOnlyReason, cause?: unknown): FpjcError {
  const message =
    reason === 'folder'
      ? `登记库所在的文件夹「${path.dirname(file)}」没有写入权限（修改登记库时要在同一文件夹里写日志文件），本命令没有执行，登记库未改动。请把登记库复制到可以写入的文件夹，或请管理员给予该文件夹写入权限后重试。${READ_ONLY_HINT}`
      : `登记库「${file}」是只读的，本命令没有执行，登记库未改动。请在文件属性中取消“只读”（或请管理员给予写入权限）后重试。${READ_ONLY_HINT}`;
  return new FpjcError('REGISTER_READONLY', message, { cause, details: { file, readOnly: reason } });
}

/** Translate SQLite failures a user can meet into register errors (exit 4). */
export function registerError(err: unknown, file: string): unknown {
  if (err instanceof FpjcError) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    return new FpjcError(
      'REGISTER_LOCKED',
      `登记库「${file}」正被另一个 fpjc 程序使用（已等待后仍被占用）。请等另一个程序结束后重试。`,
      { cause: err },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new FpjcError(
      'REGISTER_CORRUPT',
      `「${file}」不是有效的 fpjc 登记库或已损坏。请用 fpjc restore 从备份恢复。`,
      {
        cause: err,
      },
    );
  }
  if (code === 'SQLITE_READONLY_DIRECTORY') return readOnlyError(file, 'folder', err);
  if (code.startsWith('SQLITE_READONLY')) return readOnlyError(file, 'file', err);
  if (code === 'SQLITE_CANTOPEN') {
    return new FpjcError(
      'REGISTER_READONLY',
      `无法打开登记库「${file}」：文件或所在文件夹没有权限。请检查权限（或换一个可以写入的文件夹）后重试。`,
      { cause: err },
    );
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC') {
    return new FpjcError(
      'DISK_FULL',
      `磁盘空间不足（或磁盘写入出错），登记库「${file}」写不进去：本次修改已全部撤回，登记库未改动。请清理登记库所在的磁盘后重试。`,
      { cause: err, details: { file } },
    );
  }
  return err;
}

export class Register {
  readonly db: Db;
  readonly file: string;
  /** Why this register was opened read-only, or null when it can be written. */
  readonly readOnly: ReadOnlyReason | null;
  /** The snapshot this command took before its first change, if any. */
  snapshot: string | null = null;
  private pendingBackup: string | null = null;
  private changesAtBegin = 0;
  private readonly cleanup: (() => void) | undefined;

  constructor(db: Db, file: string, readOnly: ReadOnlyReason | null = null, cleanup?: () => void) {
    this.db = db;
    this.file = file;
    this.readOnly = readOnly;
    this.cleanup = cleanup;
  }

  /**
   * Snapshot the register (labelled `label`, e.g. 导入前) when this command's first transaction
   * that changes something commits: only a command that writes leaves a snapshot, and it is
   * taken with the write lock held, so it is exactly the register the command changed.
   */
  backupBeforeWrite(label: string): void {
    if (this.snapshot === null) this.pendingBackup = label;
  }

  /** Run `fn` in one write transaction (BEGIN IMMEDIATE takes the write lock up front). */
  write<T>(fn: () => T): T {
    this.begin();
    try {
      const result = fn();
      this.commit();
      return result;
    } catch (err) {
      this.rollback();
      throw registerError(err, this.file);
    }
  }

  /** For writers that must await between statements (streamed imports): begin, then commit or rollback. */
  begin(): void {
    if (this.readOnly) throw readOnlyError(this.file, this.readOnly);
    try {
      this.db.exec('BEGIN IMMEDIATE');
      this.changesAtBegin = this.totalChanges();
    } catch (err) {
      throw registerError(err, this.file);
    }
  }

  commit(): void {
    try {
      if (this.pendingBackup !== null && this.totalChanges() > this.changesAtBegin) {
        this.snapshot = takeSnapshot(this, this.pendingBackup);
        this.pendingBackup = null;
      }
      this.db.exec('COMMIT');
    } catch (err) {
      this.rollback();
      throw registerError(err, this.file);
    }
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** Write-ahead logging: another connection may read the committed register while this one writes. */
  get concurrentReads(): boolean {
    return this.readOnly === null && this.db.pragma('journal_mode', { simple: true }) === 'wal';
  }

  private totalChanges(): number {
    return this.db.prepare('SELECT total_changes()').pluck().get() as number;
  }

  close(): void {
    if (this.db.open) {
      this.rollback();
      this.db.close();
    }
    this.cleanup?.();
  }
}

function notWritable(file: string): ReadOnlyReason | null {
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
  } catch {
    return 'folder';
  }
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    return 'file';
  }
  return null;
}

/**
 * SQLite cannot read a WAL register in a folder it may not write (it needs the -shm file there),
 * so such a register is read from a private copy (with its WAL) that is removed on close.
 */
function privateCopy(file: string): { path: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc-只读-'));
  const copy = path.join(dir, path.basename(file));
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return { path: copy, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function openRegister(file: string, options: OpenOptions = {}): Register {
  const resolved = path.resolve(file);
  const exists = fs.existsSync(resolved);
  if (options.create && exists) {
    throw new FpjcError(
      'REGISTER_EXISTS',
      `文件「${resolved}」已经存在，fpjc init 不会改动已有文件。请换一个 --db 路径，或先把旧文件移走。`,
    );
  }
  if (!options.create && !exists) {
    throw new FpjcError(
      'REGISTER_MISSING',
      `找不到登记库「${resolved}」。请先运行 fpjc init 创建登记库，或用 --db 指定已有的登记库（也可设置环境变量 FPJC_DB）。`,
    );
  }
  if (options.create) fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const readOnly: ReadOnlyReason | null = options.create ? null : options.readonly ? 'asked' : notWritable(resolved);
  let source = resolved;
  let cleanup: (() => void) | undefined;
  let db: Db;
  try {
    if (readOnly === 'folder') {
      const copy = privateCopy(resolved);
      source = copy.path;
      cleanup = copy.remove;
    }
    db = new Database(source, {
      readonly: readOnly !== null,
      fileMustExist: !options.create,
      timeout: options.busyTimeoutMs ?? defaultBusyTimeout(),
    });
  } catch (err) {
    cleanup?.();
    throw registerError(err, resolved);
  }
  const register = new Register(db, resolved, readOnly, cleanup);
  try {
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(register, options.create === true, options.backup !== false);
  } catch (err) {
    register.close();
    throw registerError(err, resolved);
  }
  return register;
}

function migrate(register: Register, fresh: boolean, backup: boolean): void {
  const { db, file } = register;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new FpjcError(
      'REGISTER_NEWER',
      `登记库「${file}」由更新版本的 fpjc 创建（结构版本 ${current}，本程序支持到 ${SCHEMA_VERSION}）。请升级 fpjc 后再使用，不要用旧版本修改它。`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  if (!fresh && current === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) {
      throw new FpjcError(
        'REGISTER_CORRUPT',
        `「${file}」是一个 SQLite 文件，但不是 fpjc 登记库。请用 --db 指定正确的登记库。`,
      );
    }
  }
  if (register.readOnly) {
    throw new FpjcError(
      'REGISTER_READONLY',
      `登记库「${file}」需要升级到本版本的结构（${current} → ${SCHEMA_VERSION}），但它是只读的${register.readOnly === 'folder' ? '（所在文件夹没有写入权限）' : ''}。请给予写入权限后运行一次任意命令完成升级。`,
    );
  }
  // One transaction for every step, the snapshot taken with the write lock held (DDL does not
  // count as a change, so it is taken here rather than at commit); another process may have
  // upgraded the register while this one waited for the lock.
  register.begin();
  try {
    const now = db.pragma('user_version', { simple: true }) as number;
    if (now > 0 && now < SCHEMA_VERSION && backup) register.snapshot = takeSnapshot(register, `升级前v${now}`);
    for (const m of MIGRATIONS) {
      if (m.version <= now) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    register.commit();
  } catch (err) {
    register.rollback();
    throw registerError(err, file);
  }
}

/**
 * A read-only connection to a register another connection of this process opened (and checked,
 * migrated and locked): for a reader thread, which sees the register as last committed.
 */
export function openReader(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: defaultBusyTimeout() });
  // it reads ranges once, in order: a small page cache (memory counts twice with two threads)
  db.pragma('cache_size = -16384');
  return db;
}
