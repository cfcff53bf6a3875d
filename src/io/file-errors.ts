import fs from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, FpjcError } from '../domain/errors.js';

interface NodeErrorLike {
  code?: unknown;
  syscall?: unknown;
}

/** The errno code of a Node system error (ENOENT, EBUSY …), or undefined. */
export function systemErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as NodeErrorLike).code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** A Node system error from the file system (has an errno code and a syscall), not a zlib/parse error. */
export function isFsError(err: unknown): boolean {
  return systemErrorCode(err) !== undefined && typeof (err as NodeErrorLike).syscall === 'string';
}

/** Map a Node fs error about `file` to an FpjcError with a Chinese message that says what to do. */
export function fileError(err: unknown, file: string): FpjcError {
  if (err instanceof FpjcError) return err;
  const name = path.basename(file) || file;
  const code = systemErrorCode(err);
  const details = { file, errno: code ?? null };
  switch (code) {
    case 'ENOENT':
      return new FpjcError('FILE_NOT_FOUND', `找不到文件「${file}」，请检查路径是否正确`, { cause: err, details });
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
    case 'ETXTBSY':
      return new FpjcError(
        'FILE_BUSY',
        `文件「${file}」正被其他程序（如 Excel/WPS）占用或没有权限，请先关闭该文件后重试`,
        { cause: err, details },
      );
    case 'EISDIR':
      return new FpjcError('UNREADABLE_FILE', `「${file}」是一个文件夹，不是文件，请指定文件夹中的具体文件`, {
        cause: err,
        details,
      });
    case 'ENOTDIR':
      return new FpjcError('FILE_NOT_FOUND', `路径「${file}」中有一部分不是文件夹，请检查路径是否正确`, {
        cause: err,
        details,
      });
    case 'ENAMETOOLONG':
      return new FpjcError('UNREADABLE_FILE', `路径「${file}」太长，请把文件移到较短的路径下再试`, {
        cause: err,
        details,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new FpjcError('DISK_FULL', `磁盘空间不足，无法写入「${name}」，请清理磁盘后重试`, {
        cause: err,
        details,
        exitCode: ExitCode.other,
      });
    case 'EROFS':
      return new FpjcError('FILE_BUSY', `「${file}」所在的位置是只读的，请换一个可以写入的文件夹`, {
        cause: err,
        details,
      });
    case 'EMFILE':
    case 'ENFILE':
      return new FpjcError('FILE_BUSY', `同时打开的文件太多，无法打开「${name}」，请关闭一些程序后重试`, {
        cause: err,
        details,
      });
    case 'EIO':
      return new FpjcError('UNREADABLE_FILE', `读写「${file}」时发生磁盘错误，请检查磁盘或 U 盘后重试`, {
        cause: err,
        details,
      });
    default: {
      const msg = err instanceof Error ? err.message : String(err);
      return new FpjcError('UNREADABLE_FILE', `无法读写文件「${file}」：${msg}`, { cause: err, details });
    }
  }
}

/** Throw a clear FpjcError unless `file` exists, is a regular file, is readable and is not empty. */
export async function assertReadableFile(file: string): Promise<void> {
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    throw fileError(err, file);
  }
  if (stat.isDirectory()) throw fileError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file);
  if (!stat.isFile()) {
    throw new FpjcError('UNREADABLE_FILE', `「${file}」不是普通文件，请指定一个 .xlsx 或 .csv 文件`, {
      details: { file },
    });
  }
  // Opening (not just stat) is what fails when Excel/WPS holds a lock on Windows.
  try {
    const handle = await fs.open(file, 'r');
    await handle.close();
  } catch (err) {
    throw fileError(err, file);
  }
  if (stat.size === 0) {
    throw new FpjcError('EMPTY_FILE', `文件「${file}」是空的（0 字节），请检查是否选错了文件或文件未保存完整`, {
      details: { file },
    });
  }
}
