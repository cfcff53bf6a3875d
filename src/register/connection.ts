import fs from 'node:fs';
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
}

const defaultBusyTimeout = (): number => {
  const env = Number(process.env.FPJC_BUSY_TIMEOUT_MS);
  return Number.isFinite(env) && env >= 0 ? env : 5000;
};

/** Translate SQLite failures a user can meet into register errors (exit 4). */
export function registerError(err: unknown, file: string): unknown {
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
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return new FpjcError('REGISTER_LOCKED', `无法写入登记库「${file}」：文件只读或没有权限。请检查文件属性后重试。`, {
      cause: err,
    });
  }
  return err;
}

export class Register {
  readonly db: Db;
  readonly file: string;

  constructor(db: Db, file: string) {
    this.db = db;
    this.file = file;
  }

  /** Run `fn` in one write transaction (BEGIN IMMEDIATE takes the write lock up front). */
  write<T>(fn: () => T): T {
    this.begin();
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw registerError(err, this.file);
    }
  }

  /** For writers that must await between statements (streamed imports): begin, then commit or rollback. */
  begin(): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      throw registerError(err, this.file);
    }
  }

  commit(): void {
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      throw registerError(err, this.file);
    }
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  close(): void {
    if (this.db.open) {
      this.rollback();
      this.db.close();
    }
  }
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
  let db: Db;
  try {
    db = new Database(resolved, {
      readonly: options.readonly ?? false,
      fileMustExist: !options.create,
      timeout: options.busyTimeoutMs ?? defaultBusyTimeout(),
    });
  } catch (err) {
    throw registerError(err, resolved);
  }
  const register = new Register(db, resolved);
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(register, options.create === true);
  } catch (err) {
    db.close();
    throw registerError(err, resolved);
  }
  return register;
}

function migrate(register: Register, fresh: boolean): void {
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
  if (current > 0) takeSnapshot(register, `升级前v${current}`);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    register.write(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
  }
}
