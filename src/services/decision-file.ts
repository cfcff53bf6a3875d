import path from 'node:path';
import { FpjcError, type RowProblem } from '../domain/errors.js';
import { formatCount, parseDate } from '../domain/normalize.js';
import { assertReadableFile } from '../io/file-errors.js';
import { cellText, headerLookup, type KeyedRow, readKeyedRows } from '../io/keyed-rows.js';
import { writeProblemReport } from '../io/problem-report.js';
import type { RawCell } from '../io/raw-row.js';
import { ChangeLog } from '../register/audit.js';
import { caseByNo, openCaseOf } from '../register/cases-repo.js';
import type { Register } from '../register/connection.js';
import type { CheckName, Decision, WorkflowDef } from '../workflow/stages.js';
import { applyDecision, type CaseRecord, caseRecords, parseDecisionValue, today, writeAll } from './case-service.js';

/**
 * `review decide --file 决定.xlsx` / `eliminate decide --file`: a township's decisions in one
 * spreadsheet (columns 案件号 or 户编号, 环节, 结论, 意见, 经办人, 日期; for the first stage also
 * 入户核实日期, 承诺授权日期, 民主评议日期). Every row is checked against the register and the
 * state machine in one transaction, rows of one case in file order; any problem rolls everything
 * back (exit 3) and lists the problems by row, as an import does.
 */

const LOOKUP = headerLookup({
  案件号: ['案件号', '案件编号', '编号'],
  户编号: ['户编号'],
  环节: ['环节', '审核环节', '办理环节'],
  结论: ['结论', '审核结论', '结果', '决定'],
  意见: ['意见', '审核意见', '理由', '说明'],
  经办人: ['经办人', '审核人', '办理人'],
  日期: ['日期', '决定日期', '审核日期', '办理日期'],
  入户核实: ['入户核实日期', '入户核实'],
  承诺授权: ['承诺授权日期', '承诺授权', '承诺授权书签署日期'],
  民主评议: ['民主评议日期', '民主评议'],
});

type FileRow = KeyedRow;
const text = cellText;

export interface BatchResult {
  file: string;
  applied: number;
  completed: number;
  dryRun: boolean;
  cases: CaseRecord[];
}

async function readDecisionRows(file: string): Promise<FileRow[]> {
  await assertReadableFile(file);
  const { rows, columns, rowsRead } = await readKeyedRows(file, LOOKUP, ['环节', '结论']);
  const header = columns ? { columns } : null;
  if (!header) {
    if (rowsRead === 0) throw new FpjcError('EMPTY_FILE', `文件「${file}」没有数据。`);
    throw new FpjcError(
      'INVALID_INPUT',
      `「${path.basename(file)}」中找不到表头：决定表须有「环节」「结论」两列，以及「案件号」或「户编号」列（另可有意见、经办人、日期、入户核实日期、承诺授权日期、民主评议日期）。`,
    );
  }
  if (!header.columns.includes('案件号') && !header.columns.includes('户编号')) {
    throw new FpjcError(
      'INVALID_INPUT',
      `「${path.basename(file)}」缺少「案件号」或「户编号」列，无法确定每行是哪个案件。`,
    );
  }
  if (rows.length === 0) throw new FpjcError('EMPTY_FILE', `文件「${file}」只有表头，没有决定行。`);
  return rows;
}

function day(v: RawCell | undefined): { ok: true; value: string | null } | { ok: false; message: string } {
  if (text(v) === '') return { ok: true, value: null };
  const r = parseDate(v);
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
}

/**
 * Run the rows of a filled-in sheet in one transaction (`run` throws INVALID_INPUT after it has
 * pushed its problems): any problem rolls everything back and becomes one INVALID_INPUT error with
 * the problem list, also written next to the file as `<file>.错误报告.xlsx`.
 */
export async function applySheet<T>(
  register: Register,
  req: { file: string; dryRun?: boolean | undefined; errors?: string | undefined },
  problems: readonly RowProblem[],
  [what, verb]: readonly [string, string],
  run: () => T,
): Promise<T> {
  try {
    return writeAll(register, Boolean(req.dryRun), run);
  } catch (err) {
    if (!(err instanceof FpjcError && err.code === 'INVALID_INPUT' && problems.length > 0)) throw err;
    const { file } = req;
    const report = await writeProblemReport(req.errors ?? `${file}.错误报告.xlsx`, [...problems], file);
    throw new FpjcError(
      'INVALID_INPUT',
      `${path.basename(file)}：${formatCount(new Set(problems.map((p) => p.row)).size)} 行有问题，整个${what}没有${verb}，登记库未改动。${report ? `问题清单已写入「${report}」。` : ''}改正后重新${verb}。`,
      { details: { file, problems: problems.slice(0, 1000), problemCount: problems.length, errorReport: report } },
    );
  }
}

export async function decideFromFile(
  register: Register,
  def: WorkflowDef,
  req: { file: string; operator: string; dryRun?: boolean | undefined; errors?: string | undefined; now?: string },
): Promise<BatchResult> {
  const file = path.resolve(req.file);
  const rows = await readDecisionRows(file);
  const now = req.now ?? today();
  const problems: RowProblem[] = [];
  const touched = new Map<number, string>();
  let completed = 0;
  const problem = (r: FileRow, column: string, message: string): void => {
    problems.push({ sheet: r.sheet, row: r.row, column, value: text(r.values.get(column)), message });
  };
  const run = (): CaseRecord[] => {
    const log = new ChangeLog(register.db, {
      operator: req.operator,
      command: `${def.kind === '识别' ? 'review' : 'eliminate'} decide --file`,
      reason: `批量${def.kind}决定：${path.basename(file)}`,
      source: file,
    });
    for (const r of rows) {
      const caseNo = text(r.values.get('案件号')).toUpperCase();
      const hh = text(r.values.get('户编号'));
      const c = caseNo ? caseByNo(register.db, caseNo) : hh ? openCaseOf(register.db, hh, def.kind) : undefined;
      if (!c || c.kind !== def.kind) {
        if (caseNo) problem(r, '案件号', `没有案件号为「${caseNo}」的${def.kind}案件`);
        else if (hh) problem(r, '户编号', `户 ${hh} 没有办理中的${def.kind}案件`);
        else problem(r, '案件号', '案件号和户编号都是空的');
        continue;
      }
      if (caseNo && hh && hh !== c.hhNo) {
        problem(r, '户编号', `案件 ${c.caseNo} 是户 ${c.hhNo} 的案件，与本行户编号 ${hh} 不符`);
        continue;
      }
      const stage = text(r.values.get('环节'));
      if (!stage) {
        problem(r, '环节', '环节不能为空');
        continue;
      }
      const decision = parseDecisionValue(text(r.values.get('结论')));
      if (!decision.ok) {
        problem(r, '结论', decision.message);
        continue;
      }
      const date = day(r.values.get('日期'));
      if (!date.ok) {
        problem(r, '日期', date.message);
        continue;
      }
      const checks: Partial<Record<CheckName, string>> = {};
      let bad = false;
      for (const k of ['入户核实', '承诺授权', '民主评议'] as const) {
        const d = day(r.values.get(k));
        if (!d.ok) {
          problem(r, `${k}日期`, d.message);
          bad = true;
        } else if (d.value) checks[k] = d.value;
      }
      if (bad) continue;
      try {
        const applied = applyDecision(
          register.db,
          log,
          def,
          c,
          {
            stage,
            decision: decision.value as Decision,
            opinion: text(r.values.get('意见')) || null,
            date: date.value ?? now,
            handler: text(r.values.get('经办人')) || req.operator,
            checks,
          },
          now,
        );
        touched.set(c.id, c.caseNo);
        if (applied.completes) completed++;
      } catch (err) {
        if (err instanceof FpjcError && err.code === 'REFUSED') problem(r, '环节', err.message);
        else throw err;
      }
    }
    if (problems.length > 0) throw new FpjcError('INVALID_INPUT', '');
    return caseRecords(
      register.db,
      [...touched.values()].map((no) => caseByNo(register.db, no)).filter((c) => c !== undefined),
      now,
    );
  };
  const cases = await applySheet(
    register,
    { file, dryRun: req.dryRun, errors: req.errors },
    problems,
    ['决定表', '办理'],
    run,
  );
  return { file, applied: rows.length, completed, dryRun: Boolean(req.dryRun), cases };
}
