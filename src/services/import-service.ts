/**
 * `fpjc import`: one file, or a folder of files in dependency order, through the import pipeline
 * (src/import/). A file is all-or-nothing unless `--skip-invalid`; a folder is one transaction:
 * every file or none (docs/design.md "Import").
 */
import fs from 'node:fs';
import path from 'node:path';
import { FpjcError } from '../domain/errors.js';
import { IMPORT_ORDER, type ImportKind, KIND_NAMES_CN, kindFromName } from '../domain/fields.js';
import { formatCount } from '../domain/normalize.js';
import { detectKind as decideKind } from '../import/detect.js';
import {
  autoKinds,
  HEADER_SCAN_ROWS,
  type ImportRequest,
  type ImportSummary,
  readFileInto,
} from '../import/pipeline.js';
import { ImportSession } from '../import/session.js';
import { fileError } from '../io/file-errors.js';
import { writeProblemReport } from '../io/problem-report.js';
import type { RawRow } from '../io/raw-row.js';
import { readTableRows } from '../io/table-reader.js';
import { type Register, registerError } from '../register/connection.js';
import { recordImport } from '../register/imports-repo.js';
import { visitWriterFor } from '../register/visits-repo.js';

export type { CsvEncoding, ImportRequest, ImportSummary, UnmatchedAlert } from '../import/pipeline.js';

export interface FolderImportSummary {
  folder: string;
  files: ImportSummary[];
  skipped: { file: string; reason: string }[];
  dryRun: boolean;
  snapshot: string | null;
}

/** `import visits`: the campaign is checked before any row is read (unknown or missing → usage error). */
function withVisitWriter(register: Register, req: ImportRequest): ImportRequest {
  if (req.visitWriter || (req.kind !== 'visits' && !req.campaign)) return req;
  return { ...req, visitWriter: visitWriterFor(register, req.campaign, req.kind === 'visits') };
}

async function withErrorReport(summary: ImportSummary, req: Pick<ImportRequest, 'errorsPath'>): Promise<void> {
  if (summary.problemCount === 0) return;
  summary.errorReport = await writeProblemReport(
    req.errorsPath ?? `${summary.file}.错误报告.xlsx`,
    summary.problems,
    summary.file,
  );
}

function record(register: Register, s: ImportSummary): void {
  if (s.dryRun || s.changeSet === null) return;
  recordImport(register.db, {
    setId: s.changeSet,
    kind: s.kind,
    file: s.file,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    rejected: s.rejected,
    moved: s.moved,
  });
}

const shown = (s: ImportSummary): ImportSummary => ({ ...s, problems: s.problems.slice(0, 1000) });

/** Import one file (SPEC §5): detect or check the kind, validate every row, write all or nothing. */
/** What `fpjc import [类型] <文件或文件夹>` names: the kind (if given), the path, and whether it is a folder. */
export interface ImportTarget {
  kind: ImportKind | undefined;
  path: string;
  folder: boolean;
}

/**
 * The command's two arguments read: `import 家庭成员.xlsx`, `import members 家庭成员.xlsx`,
 * `import 家庭成员 成员.xlsx`, or a folder. A wrong kind name is refused, with a quoting hint when
 * the two arguments look like one path split at a space.
 */
export function importTarget(kindOrFile: string, file: string | undefined): ImportTarget {
  if (file === undefined) return { kind: undefined, path: kindOrFile, folder: isDirectory(kindOrFile) };
  const kind = kindFromName(kindOrFile);
  if (!kind) {
    throw new FpjcError(
      'USAGE',
      `数据类型「${kindOrFile}」不对，应为：${IMPORT_ORDER.map((k) => KIND_NAMES_CN[k]).join('、')}（数据类型也可以省略，程序按表头识别）。` +
        (/[\\/.]/.test(kindOrFile)
          ? `「${kindOrFile} ${file}」如果是一个含空格的路径，请用英文双引号把整个路径括起来，如 "${kindOrFile} ${file}"。`
          : ''),
    );
  }
  return { kind, path: file, folder: false };
}

/** What Ctrl-C during an import leaves: nothing written, said for the kind of import. */
export function importInterruptMessage(target: ImportTarget, dryRun: boolean): string {
  if (dryRun) return '已中断试导入，登记库没有任何改动。';
  return target.folder
    ? '已中断，文件夹中的文件都未导入（文件夹作为一次导入：全部或全不），登记库保持导入前状态。'
    : '已中断，本文件未导入，登记库保持导入前状态。';
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function importFile(register: Register, input: ImportRequest): Promise<ImportSummary> {
  const req = withVisitWriter(register, input);
  const session = new ImportSession(register, { dryRun: Boolean(req.dryRun), backup: req.backup !== false });
  try {
    const summary = await readFileInto(session, req);
    await withErrorReport(summary, req);
    if (summary.problemCount > 0 && !req.skipInvalid) {
      session.rollback();
      throw new FpjcError(
        'INVALID_INPUT',
        `${path.basename(summary.file)}：${formatCount(summary.rejected)} 行有问题（共 ${formatCount(summary.problemCount)} 处），整个文件没有导入，登记库未改动。${summary.errorReport ? `问题清单已写入「${summary.errorReport}」。` : ''}改正后重新导入，或加 --skip-invalid 只导入没有问题的行。`,
        {
          details: {
            problems: summary.problems.slice(0, 1000),
            problemCount: summary.problemCount,
            rejected: summary.rejected,
            rows: summary.rows,
            errorReport: summary.errorReport,
            kind: summary.kind,
            file: summary.file,
          },
        },
      );
    }
    record(register, summary);
    session.commit();
    return { ...shown(summary), snapshot: session.snapshot, changeSet: summary.dryRun ? null : summary.changeSet };
  } catch (err) {
    session.rollback();
    throw registerError(err, register.file); // SQLITE_FULL and the like, in Chinese
  }
}

/** Import every data file of a folder in dependency order, in one transaction: all files or none. */
export async function importFolder(
  register: Register,
  dir: string,
  input: Omit<ImportRequest, 'file' | 'kind'> & {
    /** Called before each file is read: its path, its place (1-based) and how many files there are. */
    onFile?: ((file: string, index: number, count: number) => void) | undefined;
  },
): Promise<FolderImportSummary> {
  const folder = path.resolve(dir);
  let names: string[];
  try {
    names = fs
      .readdirSync(folder)
      .filter((f) => /\.(xlsx|csv)$/i.test(f) && !f.includes('错误报告') && !f.startsWith('~$') && !f.startsWith('.'));
  } catch (err) {
    throw fileError(err, folder);
  }
  if (names.length === 0) throw new FpjcError('EMPTY_FILE', `文件夹「${folder}」中没有 .xlsx 或 .csv 文件。`);
  const detected: { file: string; kind: ImportKind }[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const broken: { file: string; error: FpjcError }[] = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    const d = await detectFileKind(file, input);
    if (d.kind) detected.push({ file, kind: d.kind });
    else if (d.broken) broken.push({ file, error: new FpjcError('INVALID_INPUT', d.reason) });
    else skipped.push({ file, reason: d.reason });
  }
  detected.sort((a, b) => IMPORT_ORDER.indexOf(a.kind) - IMPORT_ORDER.indexOf(b.kind) || a.file.localeCompare(b.file));
  const session = new ImportSession(register, { dryRun: Boolean(input.dryRun), backup: input.backup !== false });
  const files: ImportSummary[] = [];
  const failed: { file: string; error: FpjcError }[] = [...broken];
  try {
    for (const [i, d] of detected.entries()) {
      input.onFile?.(d.file, i + 1, detected.length);
      const req = withVisitWriter(register, { ...input, file: d.file, kind: d.kind, errorsPath: undefined });
      try {
        const s = await readFileInto(session, req);
        await withErrorReport(s, req);
        files.push(s);
      } catch (err) {
        if (!(err instanceof FpjcError) || err.exitCode !== 3) throw err;
        failed.push({ file: d.file, error: err });
      }
    }
    const bad = files.filter((f) => f.problemCount > 0 && !input.skipInvalid);
    if (failed.length || bad.length) {
      session.rollback();
      const parts = [
        ...failed.map((f) => `${path.basename(f.file)}：${f.error.message}`),
        ...bad.map(
          (f) =>
            `${path.basename(f.file)}：${formatCount(f.rejected)} 行有问题（共 ${formatCount(f.problemCount)} 处）${f.errorReport ? `，问题清单见「${f.errorReport}」` : ''}`,
        ),
      ];
      throw new FpjcError(
        'INVALID_INPUT',
        `文件夹「${folder}」中有 ${formatCount(failed.length + bad.length)} 个文件有问题，所有文件都没有导入，登记库未改动：\n${parts.map((p) => `  ${p}`).join('\n')}\n改正后重新导入整个文件夹，或加 --skip-invalid 只导入没有问题的行。`,
        {
          details: {
            problems: bad.flatMap((f) => f.problems.slice(0, 100)),
            problemCount: bad.reduce((n, f) => n + f.problemCount, 0),
            files: [
              ...failed.map((f) => ({ file: f.file, code: f.error.code, message: f.error.message })),
              ...bad.map((f) => ({
                file: f.file,
                kind: f.kind,
                rejected: f.rejected,
                problemCount: f.problemCount,
                errorReport: f.errorReport,
              })),
            ],
            committed: [],
          },
        },
      );
    }
    for (const f of files) record(register, f);
    session.commit();
    return {
      folder,
      files: files.map((f) => ({ ...shown(f), snapshot: session.snapshot, changeSet: f.dryRun ? null : f.changeSet })),
      skipped,
      dryRun: Boolean(input.dryRun),
      snapshot: session.snapshot,
    };
  } catch (err) {
    session.rollback();
    throw registerError(err, register.file); // SQLITE_FULL and the like, in Chinese
  }
}

/** The kind a file holds, judged from its header, or why it cannot be told. */
export async function detectFileKind(
  file: string,
  req: Pick<ImportRequest, 'sheet' | 'encoding'> = {},
): Promise<{ kind: ImportKind | null; reason: string; broken?: boolean }> {
  const rows: RawRow[] = [];
  let sheet: string | null = null;
  try {
    for await (const raw of readTableRows(file, { sheet: req.sheet, encoding: req.encoding })) {
      if (sheet !== null && raw.sheet !== sheet) break;
      sheet = raw.sheet;
      rows.push(raw);
      if (rows.length >= HEADER_SCAN_ROWS) break;
    }
  } catch (err) {
    if (err instanceof FpjcError) return { kind: null, reason: err.message };
    throw err;
  }
  const d = decideKind(
    rows.map((r) => r.cells),
    autoKinds(false),
    null,
  );
  if (d.ok) return { kind: d.fit.kind.kind, reason: d.reason };
  switch (d.why) {
    case 'ambiguous':
      return {
        kind: null,
        reason: `表头同样符合 ${d.fits.map((f) => `「${KIND_NAMES_CN[f.kind.kind]}」`).join('、')}，请单独用 fpjc import <类型> <文件> 导入`,
      };
    case 'missing':
      return {
        kind: null,
        reason: `像「${KIND_NAMES_CN[d.fit.kind.kind]}」，但缺少必需的列：${d.fit.mapping.missing.map((f) => `「${f.header}」`).join('、')}`,
        broken: true,
      };
    default:
      return { kind: null, reason: '无法识别数据类型' };
  }
}
