/**
 * Stage 2 of an import: one raw row → typed values keyed by register column, with a problem per
 * bad cell (SPEC §5 "Values"). Pure: no register, no file.
 */
import { type ParseContext, parseFieldValue, type StoredValue } from '../domain/field-values.js';
import type { FieldDef } from '../domain/fields.js';
import { checkDisabilityCard, normalizeIdText } from '../domain/id-number.js';
import { type ParsedRow, rowTemplate } from '../domain/row-rules.js';
import type { HeaderMapping } from '../io/headers.js';
import type { RawCell } from '../io/raw-row.js';

export interface Column {
  /** Cell index in the row. */
  index: number;
  field: FieldDef;
  /** Header as written in the file (for messages). */
  header: string;
}

export interface CellProblem {
  /** Header as written in the file. */
  column: string;
  value: string;
  message: string;
}

/** Transient keys a 残疾人证 number leaves beside its 证件号码 (read by the member record). */
export const CARD_TYPE = '_card_type';
export const CARD_GRADE = '_card_grade';

/**
 * The mapped columns of a header in the order they are parsed: 证件类型 before 证件号码 (other ID
 * types are not checked as 居民身份证 numbers), then as in the file.
 */
export function columnsOf(mapping: HeaderMapping): Column[] {
  return mapping.columns
    .flatMap((field, index) => (field ? [{ index, field, header: mapping.headerText[index] || field.header }] : []))
    .sort((a, b) => Number(a.field.type === 'idNo') - Number(b.field.type === 'idNo') || a.index - b.index);
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** A cell's value for a problem report: long pastes are cut so reports stay readable. */
export function shortValue(v: unknown): string {
  const t = cellText(v);
  return t.length > 200 ? `${t.slice(0, 200)}…（共 ${t.length.toLocaleString('en-US')} 个字符）` : t;
}

/** `member.id_no` → `member.`; `id_no` → ''. */
const scopeOf = (column: string): string => column.slice(0, column.lastIndexOf('.') + 1);

/** An 证件号码 cell, read by the 证件类型 beside it (if the kind has one). */
function parseIdCell(field: FieldDef, cell: RawCell, row: ParsedRow, ctx: ParseContext): ParsedCell {
  const scope = scopeOf(field.column);
  const typeColumn = field.column.endsWith('id_no') ? `${field.column.slice(0, -5)}id_type` : null;
  const idType = typeColumn ? row[typeColumn] : undefined;
  if (typeof idType === 'string' && idType !== '居民身份证' && idType !== '残疾人证') {
    // 残疾军人证, 户口簿 … are not GB 11643 numbers
    return parseFieldValue({ ...field, type: 'code' }, cell, ctx);
  }
  const text = typeof cell === 'string' ? normalizeIdText(cell) : null;
  const cardLength = text !== null && (text.length === 20 || text.length === 22);
  if (idType === '居民身份证' || (idType !== '残疾人证' && !cardLength) || typeof cell === 'boolean' || cell === null) {
    const r = parseFieldValue(field, cell, ctx);
    if (!r.ok && cardLength) return { ok: false, message: `${r.message}（如为残疾人证号，「证件类型」应填残疾人证）` };
    return r;
  }
  const r = checkDisabilityCard(cell, ctx.today);
  if (!r.ok) return r;
  if (r.cardNo && field.column.endsWith('id_no') && typeColumn !== null) {
    row[`${scope}disability_card_no`] = r.cardNo;
    row[`${scope}${CARD_TYPE}`] = r.disabilityType;
    row[`${scope}${CARD_GRADE}`] = r.disabilityGrade;
  }
  return { ok: true, value: r.idNo };
}

type ParsedCell = { ok: true; value: StoredValue } | { ok: false; message: string };

/** What parseRow keeps per sheet (its columns): the columns two file columns fill, the last cells. */
interface SheetMemo {
  /** By column: its register column is filled by two file columns (only those need their source remembered). */
  shared: boolean[];
  /**
   * Each column's cell on the row before and its answer: a per-person export repeats the
   * household's cells on every member row, and a repeat is answered without parsing it again.
   */
  lastCell: (RawCell | undefined)[];
  lastResult: (ParsedCell | undefined)[];
  ctx: ParseContext | null;
  /** The keys a valid row has, in the order they are set (every column sets its key). */
  template: ParsedRow;
}
const memos = new WeakMap<readonly Column[], SheetMemo>();
function memoOf(columns: readonly Column[], ctx: ParseContext): SheetMemo {
  let m = memos.get(columns);
  if (!m) {
    const seen = new Set<string>();
    const shared = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.field.column)) shared.add(c.field.column);
      seen.add(c.field.column);
    }
    m = {
      shared: columns.map((c) => shared.has(c.field.column)),
      lastCell: [],
      lastResult: [],
      ctx: null,
      template: rowTemplate([...seen]),
    };
    memos.set(columns, m);
  }
  if (m.ctx !== ctx) {
    m.ctx = ctx;
    m.lastCell = new Array<RawCell | undefined>(columns.length).fill(undefined);
    m.lastResult = new Array<ParsedCell | undefined>(columns.length).fill(undefined);
  }
  return m;
}

/**
 * Parse the mapped cells of one row. Two columns that state the same fact (是否解决安全饮用水 and
 * 是否饮水出现安全问题, 风险是否已消除 and its copy 风险是否已消除0) must agree.
 */
export function parseRow(
  columns: readonly Column[],
  cells: readonly RawCell[],
  ctx: ParseContext,
): { row: ParsedRow; problems: CellProblem[] } {
  const memo = memoOf(columns, ctx);
  // a row that keeps a problem is refused, so keys of unread cells holding null do not matter
  const row: ParsedRow = { ...memo.template };
  const shared = memo.shared;
  const from: Record<string, { header: string; inverse: boolean }> = {};
  const problems: CellProblem[] = [];
  for (let k = 0; k < columns.length; k++) {
    const { index, field, header } = columns[k]!;
    const cell = cells[index] ?? null;
    let r: ParsedCell;
    if (field.type === 'idNo')
      r = parseIdCell(field, cell, row, ctx); // may add the card's facts to the row
    else if (cell !== null && memo.lastCell[k] === cell) r = memo.lastResult[k]!;
    else {
      r = parseFieldValue(field, cell, ctx);
      memo.lastCell[k] = cell;
      memo.lastResult[k] = r;
    }
    if (!r.ok) {
      problems.push({ column: header, value: shortValue(cell), message: r.message });
      continue;
    }
    let value = r.value;
    if (field.inverse && typeof value === 'number') value = value === 1 ? 0 : 1;
    if (value === null && field.required) {
      problems.push({ column: header, value: '', message: `「${field.header}」不能为空` });
    }
    if (!shared[k]) {
      row[field.column] = value;
      continue;
    }
    const earlier = from[field.column] ? row[field.column] : undefined;
    if (earlier !== undefined) {
      if (earlier !== null && value !== null && earlier !== value) {
        problems.push({
          column: header,
          value: shortValue(cell),
          message: `与「${from[field.column]!.header}」说的不一致（两列表示同一件事${field.inverse || from[field.column]!.inverse ? '，意思相反' : ''}），请核对`,
        });
      }
      if (value === null) continue;
    }
    row[field.column] = value;
    from[field.column] = { header, inverse: Boolean(field.inverse) };
  }
  return { row, problems };
}

/** True when every cell of the row is empty. */
export function isBlankRow(cells: readonly RawCell[]): boolean {
  for (const c of cells) {
    if (c !== null && !(typeof c === 'string' && c.trim() === '')) return false;
  }
  return true;
}
