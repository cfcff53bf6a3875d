/**
 * `fpjc backup`, `fpjc backup list` and `fpjc restore` (SPEC §10): consistent copies of a
 * register that may be in use, and a checked restore that keeps the current register as a
 * snapshot first (docs/design.md "Safety").
 */
import fs from 'node:fs';
import path from 'node:path';
import { FpjcError } from '../domain/errors.js';
import { fileError } from '../io/file-errors.js';
import { removeStaleTemps, tempNameFor } from '../io/temp-files.js';
import { ChangeLog } from '../register/audit.js';
import {
  attachRestored,
  type BackupFacts,
  readBackupFacts,
  replaceContents,
  tableColumns,
} from '../register/backup-repo.js';
import { openRegister, type Register, readOnlyError } from '../register/connection.js';
import { SCHEMA_VERSION } from '../register/schema.js';
import { readSettings } from '../register/settings-repo.js';
import {
  copyRegisterFile,
  listSnapshots,
  MANUAL_LABEL,
  type SnapshotInfo,
  snapshotDir,
  snapshotTarget,
} from '../register/snapshots.js';

export interface BackupEntry {
  file: string;
  name: string;
  label: string;
  manual: boolean;
  at: string;
  bytes: number;
}

export interface BackupResult extends BackupEntry {
  register: string;
}

const entry = (s: SnapshotInfo): BackupEntry => ({
  file: s.file,
  name: s.name,
  label: s.label,
  manual: s.manual,
  at: s.at.toISOString(),
  bytes: s.bytes,
});

/**
 * A consistent copy of the register while it may be in use: VACUUM INTO through a read
 * connection of its own (one read transaction), written under a temp name and renamed.
 * Without --out it goes to the register's backup folder as 手动备份 (never pruned).
 */
export function backupRegister(register: Register, input: { out?: string | undefined; now?: Date } = {}): BackupResult {
  const now = input.now ?? new Date();
  let target = snapshotTarget(register.file, MANUAL_LABEL, now);
  if (input.out) {
    const out = path.resolve(input.out);
    const isDir = fs.existsSync(out) && fs.statSync(out).isDirectory();
    target = isDir || !/\.db$/i.test(out) ? path.join(out, path.basename(target)) : out;
    if (fs.existsSync(target)) {
      throw new FpjcError('USAGE', `「${target}」已经存在，fpjc backup 不会覆盖已有文件。请用 --out 换一个文件名。`);
    }
  }
  copyRegisterFile(register.db.name, target);
  const stat = fs.statSync(target);
  return {
    register: register.file,
    file: target,
    name: path.basename(target),
    label: MANUAL_LABEL,
    manual: true,
    at: stat.mtime.toISOString(),
    bytes: stat.size,
  };
}

export interface BackupList {
  register: string;
  folder: string;
  backups: BackupEntry[];
}

/** The automatic snapshots and manual backups in the register's backup folder, newest first. */
export function listBackups(registerFile: string): BackupList {
  const file = path.resolve(registerFile);
  return { register: file, folder: snapshotDir(file), backups: listSnapshots(file).map(entry) };
}

export interface RestoreRequest {
  file: string;
  operator: string;
  reason?: string | undefined;
  dryRun?: boolean | undefined;
}

export interface RestoreResult {
  file: string;
  register: string;
  county: string | null;
  version: number;
  households: number;
  members: number;
  changeSets: number;
  lastChange: string | null;
  /** The register as it was, kept as a snapshot (null on a dry run). */
  snapshot: string | null;
  changeSet: number | null;
  dryRun: boolean;
}

const REQUIRED_TABLES = ['settings', 'change_sets', 'households', 'members'];

function refused(file: string, why: string, cause?: unknown): FpjcError {
  return new FpjcError('INVALID_INPUT', `不能从「${file}」恢复：${why}登记库未改动。`, {
    cause,
    details: { file },
  });
}

/** The checks before anything is touched: a readable fpjc register, intact, not newer, same county. */
function checkBackup(register: Register, file: string): BackupFacts {
  if (!fs.existsSync(file)) throw fileError(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }), file);
  let facts: BackupFacts;
  try {
    facts = readBackupFacts(file);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT') throw refused(file, '这个备份已损坏（完整性检查未通过）。请换一个备份。', err);
    if (code.startsWith('SQLITE_')) throw refused(file, '它不是 fpjc 登记库或备份文件，或已损坏。', err);
    throw fileError(err, file);
  }
  if (facts.integrity !== 'ok') {
    throw refused(file, `这个备份已损坏（完整性检查未通过：${facts.integrity.slice(0, 200)}）。请换一个备份。`);
  }
  if (facts.version === 0 || REQUIRED_TABLES.some((t) => !facts.tables.has(t))) {
    throw refused(file, '它不是 fpjc 登记库或备份文件。');
  }
  if (facts.version > SCHEMA_VERSION) {
    throw refused(
      file,
      `它由更新版本的 fpjc 生成（结构版本 ${facts.version}，本程序支持到 ${SCHEMA_VERSION}）。请先升级 fpjc。`,
    );
  }
  const current = readSettings(register.db);
  if (current.countyCode && facts.countyCode && current.countyCode !== facts.countyCode) {
    throw refused(
      file,
      `它是「${facts.countyName ?? ''}」（${facts.countyCode}）的登记库，而当前登记库是「${current.countyName}」（${current.countyCode}）。如确要使用它，请直接用 --db 指向该文件。`,
    );
  }
  return facts;
}

/**
 * Restore the register from a backup or snapshot: check it, bring a private copy up to this
 * version's schema, then replace every row in one write transaction, the current register
 * kept as a 恢复前 snapshot at commit and the restore itself recorded as a change set.
 */
export function restoreRegister(register: Register, req: RestoreRequest): RestoreResult {
  const file = path.resolve(req.file);
  if (file === register.file) throw new FpjcError('USAGE', '要恢复的文件就是当前登记库本身，请指定一个备份文件。');
  const facts = checkBackup(register, file);
  const result: RestoreResult = {
    file,
    register: register.file,
    county: facts.countyName,
    version: facts.version,
    households: facts.households ?? 0,
    members: facts.members ?? 0,
    changeSets: facts.changeSets ?? 0,
    lastChange: facts.lastChange,
    snapshot: null,
    changeSet: null,
    dryRun: Boolean(req.dryRun),
  };
  if (req.dryRun) return result;
  if (register.readOnly) throw readOnlyError(register.file, register.readOnly);

  const dir = path.dirname(register.file);
  const stem = `${path.basename(register.file)}.恢复`;
  removeStaleTemps(dir, (name) => name.includes(stem)); // its copy, and the copy's own temp name
  const copy = tempNameFor(path.join(dir, stem));
  try {
    copyRegisterFile(file, copy);
    openRegister(copy, { backup: false }).close(); // runs the schema migrations on the copy
    const { db } = register;
    const detach = attachRestored(db, copy);
    try {
      const mine = tableColumns(db);
      const theirs = tableColumns(db, 'restored');
      const differs = [...mine].filter(
        ([t, cols]) => theirs.get(t)?.slice().sort().join() !== cols.slice().sort().join(),
      );
      if (differs.length) {
        throw refused(file, `它的结构与本程序不符（表 ${differs.map(([t]) => t).join('、')}）。`);
      }
      register.backupBeforeWrite('恢复前');
      register.write(() => {
        replaceContents(db);
        const log = new ChangeLog(db, {
          operator: req.operator,
          command: 'restore',
          reason: req.reason ?? `从备份恢复：${path.basename(file)}`,
          source: file,
        });
        log.inserted('register', path.basename(file), {
          备份文件: file,
          户数: result.households,
          人数: result.members,
        });
        result.changeSet = log.openedId;
      });
    } finally {
      detach();
    }
  } finally {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
  result.snapshot = register.snapshot;
  return result;
}
