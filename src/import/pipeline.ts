/**
 * The import pipeline (docs/design.md "Import"): rows from a source (xlsx/csv) → the header found
 * and the kind decided → each row parsed and checked (parse-row) → a mapper per kind turns it into
 * records (mappers, national-mapper) → each record completed and checked (records) → writers of
 * the register layer, in batches, inside the session's one transaction.
 *
 * Atomic by default: every row is still read, checked and written (so every problem is reported
 * in one run, register-dependent ones included), and the session is rolled back when any row was
 * refused. `--skip-invalid` keeps the valid rows; `--dry-run` rolls back whatever happened.
 */
import path from 'node:path';
import { FpjcError, type RowProblem } from '../domain/errors.js';
import type { ParseContext } from '../domain/field-values.js';
import { ALERT_RESULTS, IMPORT_ORDER, type ImportKind, KIND_NAMES_CN, KINDS, type KindDef } from '../domain/fields.js';
import type { RecordTarget } from '../domain/row-rules.js';
import { assertReadableFile, fileError } from '../io/file-errors.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import {
  AlertResultWriter,
  AlertWriter,
  EliminationSnapshotWriter,
  HouseholdWriter,
  type IdCorrection,
  IncomeWriter,
  type KindWriter,
  MeasureWriter,
  MemberWriter,
  RegionWriter,
  VillageStatsWriter,
  WorkPeriodWriter,
  WorkPlanWriter,
  WriterContext,
} from '../register/import-writers.js';
import type { MonitoringChange } from '../register/monitoring-writer.js';
import { MonitoringWriter } from '../register/monitoring-writer.js';
import { readPolicyOverrides } from '../register/settings-repo.js';
import type { UpsertOutcome } from '../register/upsert.js';
import { type Detection, detectKind, type KindFit } from './detect.js';
import { exportDateOf, type IncomeYear, incomeYearOf } from './export-info.js';
import { KeyLines } from './key-lines.js';
import { type MapResult, TARGET_ORDER } from './mappers.js';
import type { Column } from './parse-row.js';
import { type ImportRecord, prepareRecord } from './records.js';
import {
  HEADER_SCAN_ROWS,
  kindDefOf,
  type RowBatch,
  type SheetDecision,
  type SheetHead,
  sheetColumns,
} from './row-source.js';
import type { ImportSession } from './session.js';
import { runSource, useWorkerFor } from './source-runner.js';

export { HEADER_SCAN_ROWS };

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
  /** 年度 of the income and 风险消除后 columns of a per-person national export. */
  year?: number | undefined;
  operator: string;
  command?: string | undefined;
  reason?: string | undefined;
  /** Data rows read so far and, when the file declares its size, about how many there are. */
  onProgress?: ((rows: number, total: number | undefined, estimated: boolean) => void) | undefined;
  /** Apply ID corrections (a registered person under a corrected 证件号码) instead of refusing them. */
  allowIdChange?: boolean | undefined;
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

export type RecordCounts = Partial<Record<string, { inserted: number; updated: number; unchanged: number }>>;

export interface ImportSummary {
  kind: ImportKind;
  kindName: string;
  file: string;
  sheets: string[];
  /** Why the kind was chosen (kind detected from the header), or null when it was given. */
  detected: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  moved: number;
  /** Rows whose result columns are all empty (a 排查清单 row not visited yet): skipped. */
  notVisited: number;
  /** Records written, by what they are (户、成员、收支 …): several per row in a per-person export. */
  records: RecordCounts;
  /** Monitoring state the file changed (identified, eliminated, rolled back …), per household. */
  monitoringChanges: MonitoringChange[];
  monitoringChangeCount: number;
  /** 年度 of the income columns of a per-person export and how it was found. */
  incomeYear: IncomeYear | null;
  problems: RowProblem[];
  problemCount: number;
  unknownColumns: string[];
  errorReport: string | null;
  dryRun: boolean;
  changeSet: number | null;
  snapshot: string | null;
  unmatchedAlerts?: UnmatchedAlert[];
  /** Rows that are a registered person under a corrected 证件号码 (applied with --allow-id-change). */
  idCorrections: IdCorrection[];
}

/** Valid rows written together (one lookup query per batch). */
const WRITE_BATCH = 500;
/** Problems kept in memory and in --json; the report file has them all up to this many. */
const PROBLEMS_KEPT = 100_000;
/** Monitoring changes listed one by one (the count is always exact). */
const CHANGES_KEPT = 100_000;

export const TARGET_NAMES_CN: Record<RecordTarget, string> = {
  region: '区划',
  villageStats: '行政村信息',
  household: '户',
  monitoring: '监测状态',
  member: '成员',
  income: '收支',
  measure: '帮扶措施',
  elimination: '风险消除后指标',
  workPeriod: '务工记录',
  workPlan: '务工计划',
  alert: '预警',
  alertResult: '预警核实结果',
  visit: '排查结果',
};

/** Keys of a row-level record that may appear once per file. */
const KEY_COLUMNS: Partial<Record<RecordTarget, readonly string[]>> = {
  region: ['township', 'village', 'grid'],
  villageStats: ['township', 'village'],
  household: ['hh_no'],
  member: ['id_no'],
  income: ['hh_no', 'year'],
  measure: ['hh_no', 'member_id_no', 'category', 'content', 'start_date'],
  alert: ['source_dept', 'id_no', 'alert_type', 'alert_date'],
  alertResult: ['source_dept', 'id_no', 'alert_type', 'alert_date'],
  visit: ['hh_no'],
  workPeriod: ['id_no', 'start_month'],
  workPlan: ['id_no'],
};

function duplicateMessage(target: RecordTarget, firstRow: number): string {
  switch (target) {
    case 'member':
      return `同一个证件号码在本文件中出现两次（第 ${firstRow} 行已有），一个人只能在一户中，请核对`;
    case 'household':
      return `户编号重复（第 ${firstRow} 行已有），请核对`;
    case 'income':
      return `同一户同一年度的收入出现两次（第 ${firstRow} 行已有），请合并为一行`;
    case 'workPeriod':
      return `同一个人同一开始时间的务工记录出现两次（第 ${firstRow} 行已有），请合并为一行`;
    default:
      return `与第 ${firstRow} 行重复`;
  }
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const RANK: Record<UpsertOutcome, number> = { unchanged: 1, updated: 2, inserted: 3 };

function sheetLabel(file: string, sheet: string): string {
  const base = path.basename(file);
  return sheet && sheet !== base ? `「${base}」工作表「${sheet}」` : `「${base}」`;
}

/** The kinds `fpjc import <file>` chooses among, specific ones first. */
export function autoKinds(withVisits: boolean): KindDef[] {
  const order: ImportKind[] = [...IMPORT_ORDER.filter((k) => k !== 'national'), 'national'];
  return order.filter((k) => k !== 'visits' || withVisits).map((k) => KINDS[k]);
}

const kindList = (fits: readonly KindFit[]): string =>
  fits.map((f) => `「${KIND_NAMES_CN[f.kind.kind]}」（fpjc import ${f.kind.kind} <文件>）`).join('、');

function detectionError(d: Exclude<Detection, { ok: true }>, file: string, sheet: string, explicit: KindDef | null) {
  const where = sheetLabel(file, sheet);
  switch (d.why) {
    case 'none':
      return new FpjcError(
        'INVALID_INPUT',
        `${where}前 ${HEADER_SCAN_ROWS} 行中找不到${explicit ? `「${KIND_NAMES_CN[explicit.kind]}」` : '可识别'}的表头。请检查列名（见 docs/import-formats.md），${explicit ? '' : '或用 fpjc import <类型> <文件> 指明数据类型，'}表头之上只能有标题行。`,
        { details: { problems: [], sheet } },
      );
    case 'missing': {
      const missing = d.fit.mapping.missing;
      return new FpjcError(
        'INVALID_INPUT',
        `${where}看起来是「${KIND_NAMES_CN[d.fit.kind.kind]}」，但表头缺少必需的列：${missing.map((f) => `「${f.header}」`).join('、')}。请补上这些列（列名见 docs/import-formats.md）后重新导入。`,
        { details: { problems: [], missingColumns: missing.map((f) => f.header), sheet, kind: d.fit.kind.kind } },
      );
    }
    case 'ambiguous':
      return new FpjcError(
        'INVALID_INPUT',
        `${where}的表头同样符合 ${kindList(d.fits)}，无法自动判断。请用 fpjc import <类型> <文件> 指明数据类型。`,
        { details: { problems: [], sheet, candidates: d.fits.map((f) => f.kind.kind) } },
      );
    case 'mostlyUnknown':
      return new FpjcError(
        'INVALID_INPUT',
        `${where}的 ${d.fit.total} 列中只认出 ${d.fit.known.size} 列，最接近「${KIND_NAMES_CN[d.fit.kind.kind]}」，但大部分列都不认识，为免导错没有导入。请核对文件，或用 ${kindList([d.fit, ...d.others])} 指明数据类型。`,
        { details: { problems: [], sheet, candidates: [d.fit, ...d.others].map((f) => f.kind.kind) } },
      );
    case 'betterKind':
      return new FpjcError(
        'INVALID_INPUT',
        `${where}不像「${KIND_NAMES_CN[d.fit.kind.kind]}」：${d.fit.total} 列中只认出 ${d.fit.known.size} 列，而「${KIND_NAMES_CN[d.better.kind.kind]}」认出 ${d.better.known.size} 列。没有导入。如确是${KIND_NAMES_CN[d.better.kind.kind]}，请用 fpjc import ${d.better.kind.kind} <文件>。`,
        { details: { problems: [], sheet, kind: d.fit.kind.kind, better: d.better.kind.kind } },
      );
  }
}

interface SheetPlan {
  name: string;
  kind: KindDef;
  columns: Column[];
  /** Scoped column → header as written in the file. */
  headers: Map<string, string>;
}

/**
 * Read one file into the session's transaction. Row problems are returned in the summary (the
 * caller decides: atomic → roll back and refuse); a file that cannot be imported at all throws.
 */
export async function readFileInto(session: ImportSession, req: ImportRequest): Promise<ImportSummary> {
  const register = session.register;
  const file = path.resolve(req.file);
  await assertReadableFile(file);
  const explicit = req.kind ? (req.alertResults && req.kind === 'alerts' ? ALERT_RESULTS : KINDS[req.kind]) : null;
  const ctx: ParseContext = {
    vocabExtensions: session.vocabExtensions(),
    ...(req.today ? { today: req.today } : {}),
  };

  const problems: RowProblem[] = [];
  let problemCount = 0;
  const addProblem = (p: RowProblem): void => {
    problemCount++;
    if (problems.length < PROBLEMS_KEPT) problems.push(p);
  };
  const rejectedLines = new Set<number>();
  const rejectedGroups = new Set<number>();
  const unknownColumns = new Set<string>();
  const sheetsSeen: string[] = [];
  const counts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, moved: 0, notVisited: 0 };
  const records: RecordCounts = {};
  const changes: MonitoringChange[] = [];
  let changeCount = 0;
  const unmatched: UnmatchedAlert[] = [];
  const seenKeys = new Map<RecordTarget, KeyLines>();
  const keysOf = (target: RecordTarget): KeyLines => {
    let k = seenKeys.get(target);
    if (!k) seenKeys.set(target, (k = new KeyLines()));
    return k;
  };
  let kind: KindDef | null = explicit;
  let detected: string | null = null;
  let incomeYear: IncomeYear | null = null;
  let log: ChangeLog | null = null;
  let wctx: WriterContext | null = null;
  const writers = new Map<RecordTarget, KindWriter>();
  let pending: ImportRecord[] = [];
  let plan: SheetPlan | null = null;
  let sheetLastRow: number | undefined;
  let progressTotal: number | undefined;
  let progressEstimated = false;
  let progressBase = 0; // data rows before the current sheet's header
  let headerRow: number | undefined;

  const problemAt = (sheet: string, line: number, column: string, value: string, message: string): void => {
    addProblem({ sheet, row: line, column, value, message });
  };
  const headerFor = (p: SheetPlan, rec: ImportRecord | null, column: string): string => {
    if (rec?.sourceColumn) return p.headers.get(rec.sourceColumn) ?? column;
    const scoped = rec ? `${rec.scope}${column}` : column;
    return (
      p.headers.get(scoped) ??
      p.headers.get(column) ??
      p.kind.fields.find((f) => f.column === scoped || f.column === column)?.header ??
      column
    );
  };
  const rejectLine = (line: number): void => {
    rejectedLines.add(line);
  };
  const rejectRecord = (rec: ImportRecord): void => {
    if (rec.lines) {
      rejectedGroups.add(rec.line);
      for (const l of rec.lines) rejectLine(l);
    } else rejectLine(rec.line);
  };
  const isRejected = (rec: ImportRecord): boolean =>
    rec.lines ? rejectedGroups.has(rec.line) : rejectedLines.has(rec.line);

  const writerFor = (target: RecordTarget): KindWriter => {
    let w = writers.get(target);
    if (w) return w;
    const c = wctx!;
    switch (target) {
      case 'region':
        w = new RegionWriter(c);
        break;
      case 'villageStats':
        w = new VillageStatsWriter(c);
        break;
      case 'household':
        w = new HouseholdWriter(c);
        break;
      case 'monitoring':
        w = new MonitoringWriter(c);
        break;
      case 'member':
        w = new MemberWriter(c);
        break;
      case 'income':
        w = new IncomeWriter(c);
        break;
      case 'measure':
        w = new MeasureWriter(c);
        break;
      case 'elimination':
        w = new EliminationSnapshotWriter(c);
        break;
      case 'workPeriod':
        w = new WorkPeriodWriter(c);
        break;
      case 'workPlan':
        w = new WorkPlanWriter(c);
        break;
      case 'alert':
        w = new AlertWriter(c);
        break;
      case 'alertResult':
        w = new AlertResultWriter(c);
        break;
      case 'visit':
        if (!req.visitWriter) throw new FpjcError('USAGE', '导入入户排查结果需要指定 --campaign 批次。');
        w = req.visitWriter(register, c.log);
        break;
    }
    writers.set(target, w);
    return w;
  };

  const start = (k: KindDef): void => {
    if (log) return;
    session.begin();
    log = new ChangeLog(
      register.db,
      {
        operator: req.operator,
        command: req.command ?? `import ${k.kind}`,
        reason: req.reason ?? `导入${KIND_NAMES_CN[k.kind]}：${path.basename(file)}`,
        source: file,
      },
      undefined,
      { buffered: true },
    );
    wctx = new WriterContext(register.db, log, path.basename(file), Boolean(req.allowIdChange), (idNo) =>
      seenKeys.get('member')?.get(idNo),
    );
  };

  /** Write the pending records: checked, looked up in one query per kind, written in order. */
  const flush = (p: SheetPlan): void => {
    if (pending.length === 0) return;
    start(p.kind);
    const batch = pending;
    pending = [];
    const ready: ImportRecord[] = [];
    for (const rec of batch) {
      if (isRejected(rec)) continue;
      const issues = prepareRecord(rec);
      if (issues.length) {
        for (const i of issues) {
          problemAt(p.name, rec.line, headerFor(p, rec, i.column), cellText(rec.data[i.column]), i.message);
        }
        rejectRecord(rec);
        continue;
      }
      const keyCols = rec.lines ? undefined : KEY_COLUMNS[rec.target];
      if (keyCols) {
        const key =
          keyCols.length === 1 ? cellText(rec.data[keyCols[0]!]) : keyCols.map((c) => cellText(rec.data[c])).join('|');
        const first = keysOf(rec.target).firstLine(key, rec.line);
        if (first !== rec.line) {
          problemAt(
            p.name,
            rec.line,
            headerFor(p, rec, keyCols[0]!),
            keyCols
              .map((c) => cellText(rec.data[c]))
              .join('|')
              .replace(/\|+$/, ''),
            duplicateMessage(rec.target, first),
          );
          rejectRecord(rec);
          continue;
        }
      }
      ready.push(rec);
    }
    for (const target of TARGET_ORDER) {
      const w = writers.get(target) ?? (ready.some((r) => r.target === target) ? writerFor(target) : undefined);
      if (!w?.prefetch) continue;
      const rows = ready.filter((r) => r.target === target && !r.resize).map((r) => r.data);
      if (rows.length) w.prefetch(rows);
    }
    const lineOutcome = new Map<number, UpsertOutcome>();
    const monitoringOf = new Map<number, ImportRecord>();
    for (const rec of ready) if (rec.target === 'monitoring') monitoringOf.set(rec.line, rec);
    for (const rec of ready) {
      if (isRejected(rec)) continue;
      const w = writerFor(rec.target);
      if (rec.target === 'household') {
        // the monitoring state is checked before any record of the household is written
        const mon = monitoringOf.get(rec.line);
        const problem = mon ? writerFor('monitoring').check?.(mon.data) : undefined;
        if (mon && problem) {
          problemAt(p.name, mon.line, headerFor(p, mon, problem.column), problem.value, problem.message);
          rejectRecord(rec);
          continue;
        }
      }
      const out =
        rec.resize && w instanceof IncomeWriter
          ? w.resize(String(rec.data.hh_no), Number(rec.data.year), Number(rec.data.size))
          : w.write(rec.data);
      if (out.problem) {
        problemAt(p.name, rec.line, headerFor(p, rec, out.problem.column), out.problem.value, out.problem.message);
        rejectRecord(rec);
        continue;
      }
      if (out.outcome) {
        const name = TARGET_NAMES_CN[rec.target];
        const c = (records[name] ??= { inserted: 0, updated: 0, unchanged: 0 });
        c[out.outcome]++;
        const had = lineOutcome.get(rec.line);
        if (!had || RANK[out.outcome] > RANK[had]) lineOutcome.set(rec.line, out.outcome);
      }
      if (out.moved) counts.moved++;
      if (out.monitoring) {
        changeCount++;
        if (changes.length < CHANGES_KEPT) changes.push(out.monitoring);
      }
      if (out.unmatched && unmatched.length < PROBLEMS_KEPT) {
        const row = rec.data;
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
    for (const [line, outcome] of lineOutcome) if (!rejectedLines.has(line)) counts[outcome]++;
  };

  const emit = (p: SheetPlan, result: MapResult): void => {
    for (const pr of result.problems) {
      problemAt(p.name, pr.line, headerFor(p, null, pr.column), pr.value, pr.message);
      rejectLine(pr.line);
    }
    for (const r of result.records) pending.push(r);
    if (pending.length >= WRITE_BATCH) flush(p);
  };

  /** A sheet's first rows: find the header, decide the kind (or refuse the file), plan the sheet. */
  const planSheet = (h: SheetHead): SheetDecision => {
    const name = h.sheet;
    const cells = h.rows.map((r) => r.cells);
    // an explicit kind is still compared with every other (a 务工 file given as 户信息 is refused)
    const d = detectKind(cells, autoKinds(Boolean(req.visitWriter)), kind);
    if (!d.ok) {
      // a later sheet of a workbook that is not data (说明 etc.) is skipped
      if (sheetsSeen.length > 0 && !req.sheet && (d.why === 'none' || d.why === 'missing')) return 'skip';
      throw detectionError(d, file, name, explicit);
    }
    const fit = d.fit;
    if (kind === null) {
      kind = fit.kind;
      detected = d.reason;
    } else if (!explicit && !detected) detected = d.reason;
    if (fit.mapping.duplicates.length) {
      throw new FpjcError(
        'INVALID_INPUT',
        `${sheetLabel(file, name)}有重复的列：${fit.mapping.duplicates.map((x) => `「${x}」`).join('、')}。请删除重复的列后重新导入。`,
      );
    }
    const resultsColumns = fit.kind === ALERT_RESULTS;
    const sheetCols = sheetColumns(kindDefOf(fit.kind.kind, resultsColumns), cells[fit.index]!);
    const columns = sheetCols.columns;
    const headers = new Map<string, string>();
    for (const c of columns) if (!headers.has(c.field.column)) headers.set(c.field.column, c.header);
    const present = sheetCols.present;
    if (
      fit.kind.kind === 'national' &&
      [...present].some((c) => c.startsWith('income.') || c.startsWith('elimination.'))
    ) {
      incomeYear ??= incomeYearOf(req.year, exportDateOf(cells.slice(0, fit.index)), (y) => {
        const v = readPolicyOverrides(register.db, y).exportIncomeYear;
        return typeof v === 'number' ? v : undefined;
      });
      if (!incomeYear) {
        throw new FpjcError(
          'INVALID_INPUT',
          `${sheetLabel(file, name)}有收入（或风险消除后）列，但文件没有写年度：表头上方没有「导出时间」，也没有用 --year 指明。请加 --year，例如 fpjc import national ${path.basename(file)} --year 2023。`,
          { details: { problems: [], sheet: name } },
        );
      }
    }
    for (const u of fit.mapping.unknown) unknownColumns.add(u);
    sheetsSeen.push(name);
    plan = { name, kind: fit.kind, columns, headers };
    progressBase = counts.rows;
    headerRow = h.rows[fit.index]!.row;
    sheetLastRow = h.lastRow;
    progressEstimated = h.lastRowEstimated === true;
    progressTotal = sheetLastRow !== undefined ? progressBase + Math.max(0, sheetLastRow - headerRow) : undefined;
    return {
      index: fit.index,
      kind: fit.kind.kind,
      resultsColumns,
      alertResults: Boolean(req.alertResults),
      incomeYear: incomeYear?.year ?? null,
    };
  };

  /** A batch of the sheet's rows, parsed and mapped by the row source. */
  const takeBatch = (b: RowBatch): void => {
    const p = plan;
    if (!p) return;
    counts.rows += b.rows;
    counts.notVisited += b.notVisited;
    if (b.lastRow !== undefined) {
      sheetLastRow = b.lastRow;
      progressEstimated = b.lastRowEstimated === true;
      if (headerRow !== undefined) progressTotal = progressBase + Math.max(0, sheetLastRow - headerRow);
    }
    for (const item of b.items) {
      if ('problem' in item) {
        const pr = item.problem;
        problemAt(p.name, pr.line, pr.column, pr.value, pr.message);
        rejectLine(pr.line);
      } else emit(p, item.result);
    }
    if (b.end) {
      flush(p);
      plan = null;
    }
    if (req.onProgress && b.rows > 0) req.onProgress(counts.rows, progressTotal, progressEstimated);
  };

  try {
    await runSource(
      file,
      { sheet: req.sheet, encoding: req.encoding, ctx },
      { head: planSheet, batch: takeBatch },
      useWorkerFor(file),
    );

    if (!kind || sheetsSeen.length === 0) {
      throw new FpjcError('EMPTY_FILE', `文件「${file}」中没有数据。请确认选对了文件和工作表。`);
    }
    if (counts.rows === 0) throw new FpjcError('EMPTY_FILE', `文件「${file}」只有表头，没有数据行。`);
    const finalKind: KindDef = kind;
    for (const w of writers.values()) w.finish?.();
    (log as ChangeLog | null)?.flush();
    // problems found when records are written come later than cell problems of later rows
    const sheetOrder = new Map(sheetsSeen.map((name, i) => [name, i]));
    problems.sort((a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.row - b.row);
    const summary: ImportSummary = {
      kind: finalKind.kind,
      kindName: KIND_NAMES_CN[finalKind.kind],
      file,
      sheets: sheetsSeen,
      detected,
      rows: counts.rows,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: rejectedLines.size,
      moved: counts.moved,
      notVisited: counts.notVisited,
      records,
      monitoringChanges: changes,
      monitoringChangeCount: changeCount,
      incomeYear,
      problems,
      problemCount,
      unknownColumns: [...unknownColumns],
      errorReport: null,
      dryRun: Boolean(req.dryRun),
      changeSet: (log as ChangeLog | null)?.openedId ?? null,
      snapshot: null,
      idCorrections: (wctx as WriterContext | null)?.idCorrections ?? [],
    };
    if (finalKind.kind === 'alerts' && !req.alertResults) summary.unmatchedAlerts = unmatched;
    return summary;
  } catch (err) {
    if (err instanceof FpjcError) throw err;
    const code = (err as { code?: string }).code;
    if (code && /^E[A-Z]+$/.test(code)) throw fileError(err, file);
    throw err;
  }
}
