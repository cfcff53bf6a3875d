import fs from 'node:fs';
import path from 'node:path';
import { FpjcError, type RowProblem } from '../domain/errors.js';
import { type ParseContext, parseFieldValue } from '../domain/field-values.js';
import {
  ALERT_RESULTS,
  type FieldDef,
  IMPORT_ORDER,
  type ImportKind,
  KIND_NAMES_CN,
  KINDS,
  type KindDef,
} from '../domain/fields.js';
import { checkRow, type ParsedRow } from '../domain/row-rules.js';
import { assertReadableFile, fileError } from '../io/file-errors.js';
import { findHeader, type HeaderMapping, mapHeader } from '../io/headers.js';
import { writeProblemReport } from '../io/problem-report.js';
import type { RawRow } from '../io/raw-row.js';
import { readTableRows } from '../io/table-reader.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import {
  AlertResultWriter,
  AlertWriter,
  HouseholdWriter,
  IncomeWriter,
  type KindWriter,
  MeasureWriter,
  MemberWriter,
  RegionWriter,
} from '../register/import-writers.js';
import { recordImport } from '../register/imports-repo.js';
import { readVocabExtensions } from '../register/settings-repo.js';
import { takeSnapshot } from '../register/snapshots.js';
import { visitWriterFor } from '../register/visits-repo.js';

export type CsvEncoding = 'auto' | 'utf8' | 'gbk' | 'gb18030';

export interface ImportRequest {
  file: string;
  kind?: ImportKind | undefined;
  sheet?: string | undefined;
  encoding?: CsvEncoding | undefined;
  dryRun?: boolean | undefined;
  skipInvalid?: boolean | undefined;
  /** Where the problem report goes (default `<file>.错误报告.xlsx`). */
  errorsPath?: string | undefined;
  backup?: boolean | undefined;
  /** `import alerts --results`: verification results of dispatched alerts. */
  alertResults?: boolean | undefined;
  operator: string;
  command?: string | undefined;
  reason?: string | undefined;
  onProgress?: ((rows: number) => void) | undefined;
  /** Campaign of `import visits`. */
  campaign?: string | undefined;
  /** Rows of the visits kind are written by the screening layer. */
  visitWriter?: ((register: Register, log: ChangeLog) => KindWriter) | undefined;
  today?: Date | undefined;
}

export interface UnmatchedAlert {
  来源部门: string;
  证件号码: string;
  姓名: string | null;
  预警类型: string;
  乡镇: string | null;
  村: string | null;
}

export interface ImportSummary {
  kind: ImportKind;
  kindName: string;
  file: string;
  sheets: string[];
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  moved: number;
  problems: RowProblem[];
  problemCount: number;
  unknownColumns: string[];
  errorReport: string | null;
  dryRun: boolean;
  changeSet: number | null;
  snapshot: string | null;
  unmatchedAlerts?: UnmatchedAlert[];
}

/** Rows looked at to find the header (national exports put it on row 3). */
const HEADER_SCAN_ROWS = 15;
/** Valid rows written together (one lookup query per batch). */
const WRITE_BATCH = 500;
/** Problems kept in memory and in --json; the report file has them all up to this many. */
const PROBLEMS_KEPT = 100_000;

interface SheetState {
  name: string;
  buffered: RawRow[];
  mapping: HeaderMapping | null;
  /** The mapped columns: cell index, field, header as written in the file. */
  columns: { index: number; field: FieldDef; header: string }[];
  kind: KindDef | null;
  skipped: boolean;
}

const keyColumns: Record<ImportKind, string[]> = {
  regions: ['township', 'village', 'grid'],
  households: ['hh_no'],
  members: ['id_no'],
  incomes: ['hh_no', 'year'],
  measures: ['hh_no', 'member_id_no', 'category', 'content', 'start_date'],
  alerts: ['source_dept', 'id_no', 'alert_type', 'alert_date'],
  visits: ['hh_no'],
};

function writerFor(kind: ImportKind, register: Register, log: ChangeLog, req: ImportRequest): KindWriter {
  const db = register.db;
  switch (kind) {
    case 'regions':
      return new RegionWriter(db, log);
    case 'households':
      return new HouseholdWriter(db, log);
    case 'members':
      return new MemberWriter(db, log);
    case 'incomes':
      return new IncomeWriter(db, log);
    case 'measures':
      return new MeasureWriter(db, log);
    case 'alerts':
      return req.alertResults ? new AlertResultWriter(db, log) : new AlertWriter(db, log);
    case 'visits':
      if (!req.visitWriter) throw new FpjcError('USAGE', '导入入户排查结果需要指定 --campaign 批次。');
      return req.visitWriter(register, log);
  }
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** A cell's value for a problem report: long pastes are cut so reports stay readable. */
const shortValue = (v: unknown): string => {
  const t = cellText(v);
  return t.length > 200 ? `${t.slice(0, 200)}…（共 ${t.length.toLocaleString('en-US')} 个字符）` : t;
};

/** Import one file (SPEC §5): detect or check the kind, validate every row, write all or nothing. */
export async function importFile(register: Register, input: ImportRequest): Promise<ImportSummary> {
  // visits: the campaign is checked before any row is read (unknown or missing → usage error)
  const req: ImportRequest =
    input.visitWriter || (input.kind !== 'visits' && !input.campaign)
      ? input
      : { ...input, visitWriter: visitWriterFor(register, input.campaign, input.kind === 'visits') };
  const file = path.resolve(req.file);
  await assertReadableFile(file);
  const explicitKind = req.kind ? (req.alertResults && req.kind === 'alerts' ? ALERT_RESULTS : KINDS[req.kind]) : null;
  const candidates = explicitKind
    ? [explicitKind]
    : IMPORT_ORDER.filter((k) => k !== 'visits' || req.visitWriter).map((k) => KINDS[k]);
  const ctx: ParseContext = {
    vocabExtensions: readVocabExtensions(register.db),
    ...(req.today ? { today: req.today } : {}),
  };

  const problems: RowProblem[] = [];
  let problemCount = 0;
  const addProblem = (p: RowProblem): void => {
    problemCount++;
    if (problems.length < PROBLEMS_KEPT) problems.push(p);
  };
  const unknownColumns = new Set<string>();
  const sheetsSeen: string[] = [];
  const counts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, moved: 0 };
  const unmatched: UnmatchedAlert[] = [];
  const seenKeys = new Map<string, number>();

  let kind: KindDef | null = explicitKind;
  let writer: KindWriter | null = null;
  let log: ChangeLog | null = null;
  let snapshot: string | null = null;
  let began = false;
  let writing = true; // atomic mode stops writing at the first problem but keeps validating
  let state: SheetState | null = null;
  let pending: { row: ParsedRow; sheet: string; line: number }[] = [];

  const start = (k: KindDef): void => {
    if (began) return;
    if (!req.dryRun && req.backup !== false && hasData(register)) snapshot = takeSnapshot(register, '导入前');
    register.begin();
    began = true;
    log = new ChangeLog(register.db, {
      operator: req.operator,
      command: req.command ?? `import ${k.kind}`,
      reason: req.reason ?? `导入${KIND_NAMES_CN[k.kind]}：${path.basename(file)}`,
      source: file,
    });
    writer = writerFor(k.kind, register, log, req);
  };

  const processRow = (s: SheetState, raw: RawRow): void => {
    const k = s.kind!;
    const cells = raw.cells;
    let blank = true;
    for (const c of cells) {
      if (c !== null && !(typeof c === 'string' && c.trim() === '')) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    counts.rows++;
    if (req.onProgress && counts.rows % 1000 === 0) req.onProgress(counts.rows);
    const row: ParsedRow = {};
    const rowProblems: RowProblem[] = [];
    for (const { index, field, header } of s.columns) {
      const cell = cells[index] ?? null;
      const r = parseCell(field, cell, row, ctx);
      if (r.ok) {
        if (r.value === null && field.required) {
          rowProblems.push({
            sheet: s.name,
            row: raw.row,
            column: header,
            value: '',
            message: `「${field.header}」不能为空`,
          });
        }
        row[field.column] = r.value;
      } else {
        rowProblems.push({ sheet: s.name, row: raw.row, column: header, value: shortValue(cell), message: r.message });
      }
    }
    if (rowProblems.length === 0) {
      for (const issue of checkRow(k.kind, row)) {
        const header = s.columns.find((c) => c.field.column === issue.column)?.header ?? issue.column;
        rowProblems.push({
          sheet: s.name,
          row: raw.row,
          column: header,
          value: cellText(row[issue.column]),
          message: issue.message,
        });
      }
    }
    if (rowProblems.length === 0) {
      const key = keyColumns[k.kind].map((c) => cellText(row[c])).join('|');
      const first = seenKeys.get(key);
      if (first !== undefined) {
        rowProblems.push({
          sheet: s.name,
          row: raw.row,
          column: k.fields.find((f) => f.column === keyColumns[k.kind][0])?.header ?? '',
          value: key.replace(/\|+$/, ''),
          message: duplicateMessage(k.kind, first),
        });
      } else {
        seenKeys.set(key, raw.row);
      }
    }
    if (rowProblems.length === 0) {
      if (writing || req.skipInvalid) {
        pending.push({ row, sheet: s.name, line: raw.row });
        if (pending.length >= WRITE_BATCH) flush(k);
      }
    } else {
      reject(rowProblems);
    }
  };

  const reject = (rowProblems: RowProblem[]): void => {
    counts.rejected++;
    for (const p of rowProblems) addProblem(p);
    if (!req.skipInvalid) writing = false;
  };

  /** Write the pending valid rows: their existing records are looked up in one query. */
  const flush = (k: KindDef): void => {
    if (pending.length === 0) return;
    start(k);
    const batch = pending;
    pending = [];
    writer!.prefetch?.(batch.map((p) => p.row));
    for (const { row, sheet, line } of batch) {
      if (!writing && !req.skipInvalid) break;
      const out = writer!.write(row);
      if (out.problem) {
        reject([{ sheet, row: line, ...out.problem }]);
        continue;
      }
      if (out.outcome) counts[out.outcome]++;
      if (out.moved) counts.moved++;
      if (out.unmatched && unmatched.length < PROBLEMS_KEPT) {
        unmatched.push({
          来源部门: cellText(row.source_dept),
          证件号码: cellText(row.id_no),
          姓名: (row.name as string | null) ?? null,
          预警类型: cellText(row.alert_type),
          乡镇: (row.township_text as string | null) ?? null,
          村: (row.village_text as string | null) ?? null,
        });
      }
    }
  };

  const settleHeader = (s: SheetState, final: boolean): void => {
    if (s.mapping || s.skipped) return;
    if (!final && s.buffered.length < HEADER_SCAN_ROWS) return;
    const guess = findHeader(
      s.buffered.map((r) => r.cells),
      kind ? [kind] : candidates,
    );
    if (!guess?.complete) {
      const k = guess?.kind ?? kind;
      if (k && guess) {
        const m = mapHeader(s.buffered[guess.index]!.cells, k);
        throw new FpjcError(
          'INVALID_INPUT',
          `${sheetLabel(file, s.name)}的表头缺少必需的列：${m.missing.map((f) => `「${f.header}」`).join('、')}。请补上这些列（列名见 docs/import-formats.md）后重新导入。`,
          { details: { problems: [], missingColumns: m.missing.map((f) => f.header), sheet: s.name } },
        );
      }
      if (s.buffered.length === 0) {
        s.skipped = true;
        return;
      }
      if (req.sheet || sheetsSeen.length === 0 || kind === null) {
        throw new FpjcError(
          'INVALID_INPUT',
          `${sheetLabel(file, s.name)}前 ${HEADER_SCAN_ROWS} 行中找不到${kind ? `「${KIND_NAMES_CN[kind.kind]}」` : '可识别'}的表头。请检查列名（见 docs/import-formats.md），${kind ? '' : '或用 fpjc import <类型> <文件> 指明数据类型，'}表头之上只能有标题行。`,
          { details: { problems: [], sheet: s.name } },
        );
      }
      s.skipped = true; // another sheet of the workbook (说明 etc.)
      return;
    }
    kind ??= guess.kind;
    if (guess.kind !== kind) {
      s.skipped = true;
      return;
    }
    s.kind = kind;
    s.mapping = mapHeader(s.buffered[guess.index]!.cells, kind);
    // 证件类型 is read before 证件号码: other ID types are not checked as 居民身份证 numbers.
    s.columns = s.mapping.columns
      .flatMap((field, index) =>
        field ? [{ index, field, header: s.mapping!.headerText[index] || field.header }] : [],
      )
      .sort((a, b) => Number(a.field.type === 'idNo') - Number(b.field.type === 'idNo') || a.index - b.index);
    for (const u of s.mapping.unknown) unknownColumns.add(u);
    if (s.mapping.duplicates.length) {
      throw new FpjcError(
        'INVALID_INPUT',
        `${sheetLabel(file, s.name)}有重复的列：${s.mapping.duplicates.map((d) => `「${d}」`).join('、')}。请删除重复的列后重新导入。`,
      );
    }
    sheetsSeen.push(s.name);
    const rest = s.buffered.slice(guess.index + 1);
    s.buffered = [];
    for (const r of rest) processRow(s, r);
  };

  try {
    for await (const raw of readTableRows(file, { sheet: req.sheet, encoding: req.encoding })) {
      if (!state || state.name !== raw.sheet) {
        if (state) settleHeader(state, true);
        state = { name: raw.sheet, buffered: [], mapping: null, columns: [], kind: null, skipped: false };
      }
      if (state.skipped) continue;
      if (state.mapping) processRow(state, raw);
      else {
        state.buffered.push(raw);
        settleHeader(state, false);
      }
    }
    if (state) settleHeader(state, true);
    if (kind) flush(kind);

    if (!kind || sheetsSeen.length === 0) {
      throw new FpjcError('EMPTY_FILE', `文件「${file}」中没有数据。请确认选对了文件和工作表。`);
    }
    if (counts.rows === 0) {
      throw new FpjcError('EMPTY_FILE', `文件「${file}」只有表头，没有数据行。`);
    }
    const finalKind: KindDef = kind;
    let errorReport: string | null = null;
    if (problemCount > 0)
      errorReport = await writeProblemReport(req.errorsPath ?? `${file}.错误报告.xlsx`, problems, file);

    if (problemCount > 0 && !req.skipInvalid) {
      register.rollback();
      const shown = problems.slice(0, 1000);
      throw new FpjcError(
        'INVALID_INPUT',
        `${path.basename(file)}：${counts.rejected} 行有问题（共 ${problemCount} 处），整个文件没有导入，登记库未改动。${errorReport ? `问题清单已写入「${errorReport}」。` : ''}改正后重新导入，或加 --skip-invalid 只导入没有问题的行。`,
        {
          details: {
            problems: shown,
            problemCount,
            rejected: counts.rejected,
            rows: counts.rows,
            errorReport,
            kind: finalKind.kind,
            file,
          },
        },
      );
    }
    if (began) (writer as KindWriter | null)?.finish?.();
    const changeSet = (log as ChangeLog | null)?.openedId ?? null;
    if (began) {
      if (req.dryRun) register.rollback();
      else {
        recordImport(register.db, {
          setId: changeSet,
          kind: finalKind.kind,
          file,
          ...counts,
        });
        register.commit();
      }
    }
    const summary: ImportSummary = {
      kind: finalKind.kind,
      kindName: KIND_NAMES_CN[finalKind.kind],
      file,
      sheets: sheetsSeen,
      ...counts,
      problems: problems.slice(0, 1000),
      problemCount,
      unknownColumns: [...unknownColumns],
      errorReport,
      dryRun: Boolean(req.dryRun),
      changeSet: req.dryRun ? null : changeSet,
      snapshot,
    };
    if (finalKind.kind === 'alerts' && !req.alertResults) summary.unmatchedAlerts = unmatched;
    return summary;
  } catch (err) {
    register.rollback();
    if (err instanceof FpjcError) throw err;
    const code = (err as { code?: string }).code;
    if (code && /^E[A-Z]+$/.test(code)) throw fileError(err, file);
    throw err;
  }
}

function parseCell(field: FieldDef, cell: RawRow['cells'][number], row: ParsedRow, ctx: ParseContext) {
  // Other 证件类型 (残疾军人证, 户口簿 …) are not GB 11643 numbers.
  if (field.type === 'idNo' && row.id_type && row.id_type !== '居民身份证') {
    return parseFieldValue({ ...field, type: 'code' }, cell, ctx);
  }
  return parseFieldValue(field, cell, ctx);
}

function duplicateMessage(kind: ImportKind, firstRow: number): string {
  switch (kind) {
    case 'members':
      return `同一个证件号码在本文件中出现两次（第 ${firstRow} 行已有），一个人只能在一户中，请核对`;
    case 'households':
      return `户编号重复（第 ${firstRow} 行已有），请核对`;
    case 'incomes':
      return `同一户同一年度的收入出现两次（第 ${firstRow} 行已有），请合并为一行`;
    default:
      return `与第 ${firstRow} 行重复`;
  }
}

function sheetLabel(file: string, sheet: string): string {
  const base = path.basename(file);
  return sheet && sheet !== base ? `「${base}」工作表「${sheet}」` : `「${base}」`;
}

function hasData(register: Register): boolean {
  return register.db.prepare('SELECT 1 FROM households LIMIT 1').get() !== undefined;
}

export interface FolderImportSummary {
  folder: string;
  files: ImportSummary[];
  skipped: { file: string; reason: string }[];
}

/** Import every data file of a folder in dependency order (regions → households → members → …). */
export async function importFolder(
  register: Register,
  dir: string,
  req: Omit<ImportRequest, 'file' | 'kind'>,
): Promise<FolderImportSummary> {
  const folder = path.resolve(dir);
  let names: string[];
  try {
    names = fs
      .readdirSync(folder)
      .filter((f) => /\.(xlsx|csv)$/i.test(f) && !f.includes('错误报告') && !f.startsWith('~$'));
  } catch (err) {
    throw fileError(err, folder);
  }
  if (names.length === 0) throw new FpjcError('EMPTY_FILE', `文件夹「${folder}」中没有 .xlsx 或 .csv 文件。`);
  const detected: { file: string; kind: ImportKind }[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    const kind = await detectKind(file, req);
    if (kind) detected.push({ file, kind });
    else skipped.push({ file, reason: '无法识别数据类型' });
  }
  detected.sort((a, b) => IMPORT_ORDER.indexOf(a.kind) - IMPORT_ORDER.indexOf(b.kind) || a.file.localeCompare(b.file));
  const files: ImportSummary[] = [];
  for (const d of detected) files.push(await importFile(register, { ...req, file: d.file, kind: d.kind }));
  return { folder, files, skipped };
}

/** The kind a file holds, judged from its header, or null. */
export async function detectKind(
  file: string,
  req: Pick<ImportRequest, 'sheet' | 'encoding'> = {},
): Promise<ImportKind | null> {
  const rows: RawRow[] = [];
  let sheet: string | null = null;
  for await (const raw of readTableRows(file, { sheet: req.sheet, encoding: req.encoding })) {
    if (sheet !== null && raw.sheet !== sheet) break;
    sheet = raw.sheet;
    rows.push(raw);
    if (rows.length >= HEADER_SCAN_ROWS) break;
  }
  const guess = findHeader(
    rows.map((r) => r.cells),
    IMPORT_ORDER.filter((k) => k !== 'visits').map((k) => KINDS[k]),
  );
  return guess?.complete ? guess.kind.kind : null;
}
