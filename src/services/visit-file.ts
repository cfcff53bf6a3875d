import path from 'node:path';
import { FpjcError, type RowProblem } from '../domain/errors.js';
import { parseDate } from '../domain/normalize.js';
import { assertReadableFile } from '../io/file-errors.js';
import { normalizeHeader } from '../io/headers.js';
import { writeProblemReport } from '../io/problem-report.js';
import type { RawCell } from '../io/raw-row.js';
import { readTableRows } from '../io/table-reader.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import { type CaseRecord, caseRecords, today, writeAll } from './case-service.js';
import { recordVisit } from './elimination-service.js';

/**
 * `eliminate visit-record --file 回访结果.xlsx`: a township's 回访 results in one sheet (the
 * filled-in 回访名单), all or nothing like a decision file: every row checked in one transaction,
 * any problem rolls back and is listed by row. A row already recorded (same household, day and
 * result) counts as unchanged, so re-running the file is harmless.
 */

const COLUMNS: Record<string, readonly string[]> = {
  户编号: ['户编号'],
  回访日期: ['回访日期', '日期', '回访时间'],
  回访人: ['回访人', '回访人员', '走访人'],
  回访结果: ['回访结果', '结果', '回访结论'],
  说明: ['说明', '备注', '情况说明'],
  类别: ['类别', '监测对象类别', '拟认定类别'],
  风险类型: ['风险类型', '新风险类型', '致贫返贫风险'],
};

const LOOKUP = new Map(
  Object.entries(COLUMNS).flatMap(([key, names]) => names.map((n) => [normalizeHeader(n), key] as const)),
);

const text = (v: RawCell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

export interface VisitBatchResult {
  file: string;
  recorded: number;
  unchanged: number;
  stable: number;
  newRisk: number;
  cases: CaseRecord[];
  dryRun: boolean;
}

export async function visitsFromFile(
  register: Register,
  req: { file: string; operator: string; dryRun?: boolean | undefined; errors?: string | undefined; now?: string },
): Promise<VisitBatchResult> {
  const file = path.resolve(req.file);
  await assertReadableFile(file);
  const now = req.now ?? today();
  const rows: { sheet: string; row: number; values: Map<string, RawCell> }[] = [];
  let header: { sheet: string; columns: (string | null)[] } | null = null;
  for await (const r of readTableRows(file)) {
    if (!header || header.sheet !== r.sheet) {
      const columns = r.cells.map((c) => LOOKUP.get(normalizeHeader(c)) ?? null);
      if (columns.includes('户编号') && columns.includes('回访结果')) header = { sheet: r.sheet, columns };
      continue;
    }
    const values = new Map<string, RawCell>();
    header.columns.forEach((k, i) => {
      if (k) values.set(k, r.cells[i] ?? null);
    });
    if ([...values.values()].every((v) => text(v) === '')) continue;
    rows.push({ sheet: r.sheet, row: r.row, values });
  }
  if (!header) {
    throw new FpjcError(
      'INVALID_INPUT',
      `「${path.basename(file)}」中找不到表头：回访结果表须有「户编号」「回访结果」两列（另可有回访日期、回访人、说明、类别、风险类型）。`,
    );
  }
  if (rows.length === 0) throw new FpjcError('EMPTY_FILE', `文件「${file}」只有表头，没有回访结果行。`);
  const problems: RowProblem[] = [];
  const counts = { recorded: 0, unchanged: 0, stable: 0, newRisk: 0 };
  const run = (): CaseRecord[] => {
    const log = new ChangeLog(register.db, {
      operator: req.operator,
      command: 'eliminate visit-record --file',
      reason: `风险消除后回访：${path.basename(file)}`,
      source: file,
    });
    const opened = [];
    for (const r of rows) {
      const raw = r.values.get('回访日期');
      let date: string | null = null;
      if (text(raw) !== '') {
        const d = parseDate(raw);
        if (!d.ok) {
          problems.push({ sheet: r.sheet, row: r.row, column: '回访日期', value: text(raw), message: d.message });
          continue;
        }
        date = d.value;
      }
      try {
        const v = recordVisit(
          register,
          log,
          {
            household: text(r.values.get('户编号')),
            date,
            result: text(r.values.get('回访结果')),
            visitor: text(r.values.get('回访人')) || null,
            note: text(r.values.get('说明')) || null,
            category: text(r.values.get('类别')) || null,
            risks: text(r.values.get('风险类型')) || null,
          },
          req.operator,
          now,
        );
        if (v.unchanged) counts.unchanged++;
        else {
          counts.recorded++;
          if (v.result === '稳定') counts.stable++;
          else counts.newRisk++;
        }
        if (v.caseRow) opened.push(v.caseRow);
      } catch (err) {
        if (!(err instanceof FpjcError) || !['USAGE', 'REFUSED', 'NOT_FOUND'].includes(err.code)) throw err;
        const column = /风险类型/.test(err.message)
          ? '风险类型'
          : /回访结果/.test(err.message)
            ? '回访结果'
            : /日期/.test(err.message)
              ? '回访日期'
              : '户编号';
        problems.push({
          sheet: r.sheet,
          row: r.row,
          column,
          value: text(r.values.get(column)),
          message: err.message,
        });
      }
    }
    if (problems.length > 0) throw new FpjcError('INVALID_INPUT', '');
    return caseRecords(register.db, opened, now);
  };
  let cases: CaseRecord[];
  try {
    cases = writeAll(register, Boolean(req.dryRun), run);
  } catch (err) {
    if (!(err instanceof FpjcError && err.code === 'INVALID_INPUT' && problems.length > 0)) throw err;
    const report = await writeProblemReport(req.errors ?? `${file}.错误报告.xlsx`, problems, file);
    throw new FpjcError(
      'INVALID_INPUT',
      `${path.basename(file)}：${new Set(problems.map((p) => p.row)).size} 行有问题，整个回访结果表没有登记，登记库未改动。${report ? `问题清单已写入「${report}」。` : ''}改正后重新登记。`,
      { details: { file, problems: problems.slice(0, 1000), problemCount: problems.length, errorReport: report } },
    );
  }
  return { file, ...counts, cases, dryRun: Boolean(req.dryRun) };
}
