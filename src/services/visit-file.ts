import path from 'node:path';
import { FpjcError, type RowProblem } from '../domain/errors.js';
import { parseDate } from '../domain/normalize.js';
import { assertReadableFile } from '../io/file-errors.js';
import { cellText, headerLookup, readKeyedRows } from '../io/keyed-rows.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import { type CaseRecord, caseRecords, today } from './case-service.js';
import { applySheet } from './decision-file.js';
import { recordVisit } from './elimination-service.js';

/**
 * `eliminate visit-record --file 回访结果.xlsx`: a township's 回访 results in one sheet (the
 * filled-in 回访名单), all or nothing like a decision file: every row checked in one transaction,
 * any problem rolls back and is listed by row. A row already recorded (same household, day and
 * result) counts as unchanged, so re-running the file is harmless.
 */

const LOOKUP = headerLookup({
  户编号: ['户编号'],
  回访日期: ['回访日期', '日期', '回访时间'],
  回访人: ['回访人', '回访人员', '走访人'],
  回访结果: ['回访结果', '结果', '回访结论'],
  说明: ['说明', '备注', '情况说明'],
  类别: ['类别', '监测对象类别', '拟认定类别'],
  风险类型: ['风险类型', '新风险类型', '致贫返贫风险'],
});

const text = cellText;

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
  const { rows, columns } = await readKeyedRows(file, LOOKUP, ['户编号', '回访结果']);
  if (!columns) {
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
  const cases = await applySheet(
    register,
    { file, dryRun: req.dryRun, errors: req.errors },
    problems,
    ['回访结果表', '登记'],
    run,
  );
  return { file, ...counts, cases, dryRun: Boolean(req.dryRun) };
}
