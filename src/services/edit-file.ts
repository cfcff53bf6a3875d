/**
 * `fpjc edit --file 更正清单.xlsx`: a batch of corrections, one per row (columns 证件号码 or 户编号,
 * optional 年度 for a 收支 correction, 字段, 原值, 新值, 原因). All rows in one transaction, all or
 * nothing: a row refused — a value import would refuse, or a 原值 the register no longer holds —
 * rolls everything back (exit 3) and the problems are listed by row. Each row is a change set of
 * its own, so each keeps its 原因 and can be undone alone.
 */
import path from 'node:path';
import { FpjcError, type RowProblem } from '../domain/errors.js';
import type { ParseContext } from '../domain/field-values.js';
import { normalizeIdText } from '../domain/id-number.js';
import { parseYear } from '../domain/normalize.js';
import { assertReadableFile } from '../io/file-errors.js';
import { normalizeHeader } from '../io/headers.js';
import { writeProblemReport } from '../io/problem-report.js';
import type { RawCell, RawRow } from '../io/raw-row.js';
import { readTableRows } from '../io/table-reader.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import { readVocabExtensions } from '../register/settings-repo.js';
import { writeAll } from './case-service.js';
import { applyEdit, type EditTarget } from './edit-service.js';

const COLUMNS: readonly { key: string; names: readonly string[] }[] = [
  { key: '证件号码', names: ['证件号码', '身份证号', '身份证号码'] },
  { key: '户编号', names: ['户编号'] },
  { key: '年度', names: ['年度', '收入年度'] },
  { key: '字段', names: ['字段', '更正字段', '项目'] },
  { key: '原值', names: ['原值', '原内容', '更正前'] },
  { key: '新值', names: ['新值', '新内容', '更正后', '改为'] },
  { key: '原因', names: ['原因', '更正原因', '说明'] },
];
const LOOKUP = new Map(COLUMNS.flatMap((c) => c.names.map((n) => [normalizeHeader(n), c.key] as const)));

interface FileRow {
  sheet: string;
  row: number;
  values: Map<string, RawCell>;
}

const cellText = (v: RawCell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

export interface EditFileResult {
  file: string;
  rows: number;
  changeSets: number[];
  changes: number;
  dryRun: boolean;
}

async function readRows(file: string): Promise<FileRow[]> {
  await assertReadableFile(file);
  const rows: FileRow[] = [];
  let header: { sheet: string; columns: (string | null)[] } | null = null;
  let scanned = 0;
  for await (const r of readTableRows(file) as AsyncGenerator<RawRow>) {
    if (!header || header.sheet !== r.sheet) {
      const columns = r.cells.map((c) => LOOKUP.get(normalizeHeader(c)) ?? null);
      if (columns.includes('字段') && columns.includes('新值')) {
        header = { sheet: r.sheet, columns };
        continue;
      }
      scanned++;
      if (!header || header.sheet !== r.sheet) continue;
    }
    const values = new Map<string, RawCell>();
    header.columns.forEach((k, i) => {
      if (k) values.set(k, r.cells[i] ?? null);
    });
    if ([...values.values()].every((v) => cellText(v) === '')) continue;
    rows.push({ sheet: r.sheet, row: r.row, values });
  }
  const name = path.basename(file);
  if (!header) {
    if (scanned === 0) throw new FpjcError('EMPTY_FILE', `文件「${file}」没有数据。`);
    throw new FpjcError(
      'INVALID_INPUT',
      `「${name}」中找不到表头：更正清单须有「证件号码」或「户编号」列，以及「字段」「原值」「新值」「原因」列（改收支时另加「年度」）。`,
    );
  }
  for (const need of ['原值', '原因']) {
    if (!header.columns.includes(need)) {
      throw new FpjcError(
        'INVALID_INPUT',
        `「${name}」缺少「${need}」列。更正清单每行须写明原值（用来核对登记库没有被改过）和原因。`,
      );
    }
  }
  if (!header.columns.includes('证件号码') && !header.columns.includes('户编号')) {
    throw new FpjcError('INVALID_INPUT', `「${name}」缺少「证件号码」或「户编号」列，无法确定每行改的是谁。`);
  }
  if (rows.length === 0) throw new FpjcError('EMPTY_FILE', `文件「${file}」只有表头，没有更正行。`);
  return rows;
}

export async function editFromFile(
  register: Register,
  req: {
    file: string;
    operator: string;
    dryRun?: boolean | undefined;
    errors?: string | undefined;
    /** 更正前 snapshot, taken when the sheet's changes commit (default true; `--no-backup`). */
    backup?: boolean | undefined;
  },
): Promise<EditFileResult> {
  const file = path.resolve(req.file);
  const rows = await readRows(file);
  const db = register.db;
  const ctx: ParseContext = { vocabExtensions: readVocabExtensions(db) };
  const problems: RowProblem[] = [];
  const sets: number[] = [];
  let changes = 0;
  // a person whose 证件号码 an earlier row corrected is still named by the old number in later rows
  const renamed = new Map<string, string>();
  const problem = (r: FileRow, column: string, message: string): void => {
    problems.push({ sheet: r.sheet, row: r.row, column, value: cellText(r.values.get(column)), message });
  };
  const targetOf = (r: FileRow): EditTarget | string => {
    const id = normalizeIdText(cellText(r.values.get('证件号码')));
    const hh = cellText(r.values.get('户编号'));
    const year = cellText(r.values.get('年度'));
    if (id) return { kind: 'member', idNo: renamed.get(id) ?? id };
    if (!hh) return '证件号码和户编号都是空的：改成员填证件号码，改户或收支填户编号';
    if (!year) return { kind: 'household', hhNo: hh };
    const y = parseYear(year);
    if (!y.ok) return `年度「${year}」：${y.message}`;
    return { kind: 'income', hhNo: hh, year: y.value };
  };
  const run = (): void => {
    for (const r of rows) {
      const target = targetOf(r);
      if (typeof target === 'string') {
        problem(r, '证件号码', target);
        continue;
      }
      const field = cellText(r.values.get('字段'));
      const reason = cellText(r.values.get('原因'));
      if (!field) {
        problem(r, '字段', '「字段」不能为空：写要改的字段名，如 联系电话');
        continue;
      }
      if (!reason) {
        problem(r, '原因', '请写明更正原因');
        continue;
      }
      db.exec('SAVEPOINT edit_row');
      try {
        const log = new ChangeLog(db, { operator: req.operator, command: 'edit --file', reason, source: file });
        applyEdit(
          db,
          log,
          {
            target,
            assignments: [
              { name: field, value: cellText(r.values.get('新值')), expected: cellText(r.values.get('原值')) },
            ],
          },
          ctx,
        );
        db.exec('RELEASE edit_row');
        if (log.openedId !== null) sets.push(log.openedId);
        changes += log.changes;
        if (target.kind === 'member') {
          const id = db
            .prepare("SELECT new_value FROM changes WHERE set_id = ? AND entity = 'member' AND field = 'id_no'")
            .pluck()
            .get(log.openedId ?? -1) as string | undefined;
          if (id) renamed.set(normalizeIdText(cellText(r.values.get('证件号码'))), id);
        }
      } catch (err) {
        db.exec('ROLLBACK TO edit_row');
        db.exec('RELEASE edit_row');
        if (!(err instanceof FpjcError)) throw err;
        const column = /原值/.test(err.message) ? '原值' : err.code === 'NOT_FOUND' ? '证件号码' : '新值';
        problem(
          r,
          column === '证件号码' && target.kind !== 'member' ? '户编号' : column,
          err.message.replace(/登记库未改动。$/, ''),
        );
      }
    }
    if (problems.length > 0) throw new FpjcError('INVALID_INPUT', '');
  };
  try {
    if (!req.dryRun && req.backup !== false) register.backupBeforeWrite('更正前');
    writeAll(register, Boolean(req.dryRun), run);
  } catch (err) {
    if (!(err instanceof FpjcError && err.code === 'INVALID_INPUT' && problems.length > 0)) throw err;
    const report = await writeProblemReport(req.errors ?? `${file}.错误报告.xlsx`, problems, file);
    throw new FpjcError(
      'INVALID_INPUT',
      `${path.basename(file)}：${new Set(problems.map((p) => p.row)).size} 行有问题，整张更正清单都没有办理，登记库未改动。${report ? `问题清单已写入「${report}」。` : ''}改正后重新办理。`,
      { details: { file, problems: problems.slice(0, 1000), problemCount: problems.length, errorReport: report } },
    );
  }
  return { file, rows: rows.length, changeSets: req.dryRun ? [] : sets, changes, dryRun: Boolean(req.dryRun) };
}
