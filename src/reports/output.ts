import fs from 'node:fs';
import path from 'node:path';
import { FpjcError } from '../domain/errors.js';
import { fileError, systemErrorCode } from '../io/file-errors.js';

/** Where reports go when --out is not given: a 报表 folder next to the register. */
export const defaultOutDir = (registerFile: string): string =>
  path.join(path.dirname(path.resolve(registerFile)), '报表');

/** Characters Windows refuses in file names, and control characters. */
const BAD = /[\\/:*?"<>|\u0000-\u001f]/g;

export function safeFileName(name: string): string {
  const cleaned = name
    .replace(BAD, '_')
    .replace(/[. ]+$/, '')
    .trim();
  return cleaned || '报表';
}

/** `东阳镇-西沟村-监测对象台账.xlsx` */
export const unitFileName = (parts: readonly string[], title: string): string =>
  `${safeFileName([...parts.filter(Boolean), title].join('-'))}.xlsx`;

/** Room a `.NAME.PID.tmp` temp name needs beyond NAME. */
const TEMP_EXTRA = 20;
/** Linux: a name is at most 255 bytes (UTF-8: a Chinese character is 3). */
const MAX_NAME_BYTES = 255 - TEMP_EXTRA;
/** Windows MAX_PATH: a full path (UTF-16 units) below 260. */
const MAX_PATH = 259;

/** Cut `text` to at most `units` UTF-16 units and `bytes` UTF-8 bytes, never inside a character. */
function cut(text: string, units: number, bytes: number): string {
  let out = '';
  let b = 0;
  for (const ch of text) {
    const cb = Buffer.byteLength(ch);
    if (out.length + ch.length > units || b + cb > bytes) break;
    out += ch;
    b += cb;
  }
  return out;
}

export interface NamedUnit {
  parts: readonly string[];
  /** The unit's 区划代码, added when two names would collide. */
  code: string | undefined;
}

/**
 * One file name per unit in `dir`: `东阳镇-西沟村-监测对象台账.xlsx`, made unique when two
 * names sanitise to the same file (`a/b村`, `a_b村`: the 区划代码 is added, then a number), and
 * short enough for Linux (255 bytes) and Windows (MAX_PATH) with the temp name's extra room:
 * long place names are cut, the title and the code never.
 */
export function unitFileNames(dir: string, units: readonly NamedUnit[], title: string): string[] {
  const roomUnits = Math.max(40, MAX_PATH - path.resolve(dir).length - 1 - TEMP_EXTRA);
  const nameFor = (parts: readonly string[], code: string, n: string): string => {
    const tail = safeFileName(`${code}-${title}${n}`);
    const ext = '.xlsx';
    const head = safeFileName(parts.filter(Boolean).join('-'));
    const units = roomUnits - tail.length - ext.length;
    const bytes = MAX_NAME_BYTES - Buffer.byteLength(tail + ext);
    const short =
      head.length <= units && Buffer.byteLength(head) <= bytes ? head : `${cut(head, units - 1, bytes - 3)}…`;
    return `${short}${tail}${ext}`;
  };
  const key = (name: string): string => name.normalize('NFC').toLowerCase(); // Windows ignores case
  const names = units.map((u) => nameFor(u.parts, '', ''));
  const counts = new Map<string, number>();
  for (const n of names) counts.set(key(n), (counts.get(key(n)) ?? 0) + 1);
  const taken = new Set<string>();
  return units.map((u, i) => {
    let name = names[i]!;
    const code = (counts.get(key(name)) ?? 0) > 1 && u.code ? `（${u.code}）` : '';
    if (code) name = nameFor(u.parts, code, '');
    for (let n = 2; taken.has(key(name)); n++) name = nameFor(u.parts, code, `-${n}`);
    taken.add(key(name));
    return name;
  });
}

export interface OutputTarget {
  /** Folder the files go to. */
  dir: string;
  /** A single file named by --out (only when one file is written). */
  file: string | undefined;
}

/** --out FILE|DIR: a name ending in .xlsx is a file, anything else a folder. */
export function resolveOutput(out: string | undefined, registerFile: string, expectMany: boolean): OutputTarget {
  if (!out) return { dir: defaultOutDir(registerFile), file: undefined };
  const resolved = path.resolve(out);
  if (/\.xlsx$/i.test(resolved)) {
    if (expectMany) {
      throw new FpjcError('USAGE', `这张报表要按乡镇或村生成多个文件，--out 应是一个文件夹，而不是「${out}」。`);
    }
    return { dir: path.dirname(resolved), file: resolved };
  }
  if (/\.(xls|csv|et|wps)$/i.test(resolved)) {
    throw new FpjcError('USAGE', `报表只能写成 .xlsx 文件，--out「${out}」的扩展名不对。`);
  }
  return { dir: resolved, file: undefined };
}

/** The error for a target that cannot be replaced: open in Excel/WPS, no permission, or a folder of that name. */
export function busyError(err: unknown, target: string): FpjcError {
  const code = systemErrorCode(err);
  if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') {
    return new FpjcError(
      'FILE_BUSY',
      `无法写入「${target}」：那里已经有一个同名的文件夹。请把该文件夹改名或移走，或用 --out 指定其他位置后重试。`,
      { cause: err, details: { file: target, errno: code } },
    );
  }
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' || code === 'ETXTBSY') {
    return new FpjcError(
      'FILE_BUSY',
      `无法写入「${target}」：该文件正在 Excel/WPS 中打开，或没有写入权限。请先关闭该文件后重新运行（其他已生成的报表不受影响）。`,
      { cause: err, details: { file: target, errno: code } },
    );
  }
  return fileError(err, target);
}

/**
 * Write `target` through a temporary file in the same folder, renamed into place at the end, so
 * an interrupted run never leaves a half-written report under the real name, and a report open
 * in Excel is detected before anything of it is replaced.
 */
/**
 * Temp files being written now. They hold full ID numbers and phones: when the process ends
 * before they are renamed (Ctrl-C goes through process.exit), they are removed.
 */
const inFlight = new Set<string>();
let exitHook = false;

function tempFor(target: string): string {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  inFlight.add(tmp);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', removeTempFiles);
  }
  return tmp;
}

/** Remove every temp file of this process that was not renamed into place. */
export function removeTempFiles(): void {
  for (const t of inFlight) fs.rmSync(t, { force: true });
  inFlight.clear();
}

const settled = (tmp: string): void => {
  inFlight.delete(tmp);
};

export async function writeAtomically<T>(target: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const dir = path.dirname(target);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw busyError(err, dir);
  }
  const tmp = tempFor(target);
  let result: T;
  try {
    result = await write(tmp);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    settled(tmp);
    if (err instanceof FpjcError) throw err;
    if (systemErrorCode(err)) throw fileError(err, dir);
    throw err;
  }
  try {
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw busyError(err, target);
  } finally {
    settled(tmp);
  }
  return result;
}

/**
 * Like writeAtomically for a writer that finishes in the background (startRender): resolves
 * when the writer has its data, with `finished` settling once the file is complete and renamed
 * into place (or rejecting with the FILE_BUSY/… error, the temp file removed).
 */
export async function startAtomicWrite<T>(
  target: string,
  start: (tmp: string) => Promise<{ result: T; finished: Promise<void> }>,
): Promise<{ result: T; finished: Promise<void> }> {
  const dir = path.dirname(target);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw busyError(err, dir);
  }
  const tmp = tempFor(target);
  const fail = (err: unknown): never => {
    fs.rmSync(tmp, { force: true });
    settled(tmp);
    if (err instanceof FpjcError) throw err;
    if (systemErrorCode(err)) throw fileError(err, dir);
    throw err;
  };
  let started: { result: T; finished: Promise<void> };
  try {
    started = await start(tmp);
  } catch (err) {
    return fail(err);
  }
  const finished = started.finished.then(
    () => {
      try {
        fs.renameSync(tmp, target);
      } catch (err) {
        fs.rmSync(tmp, { force: true });
        throw busyError(err, target);
      } finally {
        settled(tmp);
      }
    },
    (err: unknown) => fail(err),
  );
  return { result: started.result, finished };
}
