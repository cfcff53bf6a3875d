/**
 * One-off corrections (SPEC §10): `fpjc edit member|household|income`. A value is read exactly as
 * an import reads the same cell (src/import/parse-row.ts, the field dictionary) and the record is
 * checked by the import's record rules, then written by the import's writers, so a value import
 * would refuse is refused here with the same message. A corrected 证件号码 is carried to every
 * record that names the person.
 */
import { ENTITY_NAMES, fieldLabel, valueLabel } from '../domain/audit-labels.js';
import { FpjcError } from '../domain/errors.js';
import type { ParseContext, StoredValue } from '../domain/field-values.js';
import { type FieldDef, HOUSEHOLDS, INCOMES, type KindDef, MEMBERS, MONITORING_COLUMNS } from '../domain/fields.js';
import { normalizeIdText } from '../domain/id-number.js';
import { recordLabel } from '../domain/record-keys.js';
import type { RecordTarget } from '../domain/row-rules.js';
import { type Column, parseRow } from '../import/parse-row.js';
import { prepareRecord } from '../import/records.js';
import { mapHeader } from '../io/headers.js';
import { ChangeLog } from '../register/audit.js';
import type { Db, Register } from '../register/connection.js';
import { changeMemberId, incomeRow, memberById } from '../register/edit-repo.js';
import { householdRow } from '../register/household-repo.js';
import { HouseholdWriter, IncomeWriter, MemberWriter, WriterContext } from '../register/import-writers.js';
import { readVocabExtensions } from '../register/settings-repo.js';
import { changesOf } from '../register/undo-repo.js';
import type { Row } from '../register/upsert.js';
import { writeAll } from './case-service.js';

export type EditTarget =
  | { kind: 'member'; idNo: string }
  | { kind: 'household'; hhNo: string }
  | { kind: 'income'; hhNo: string; year: number };

/** One `字段=值`, with the value the register should still hold (`--file`: 原值). */
export interface Assignment {
  name: string;
  value: string;
  expected?: string | null | undefined;
}

export interface EditSpec {
  target: EditTarget;
  assignments: readonly Assignment[];
  moveTo?: string | undefined;
  status?: string | undefined;
  date?: string | undefined;
  newHead?: string | undefined;
}

export interface EditRequest extends EditSpec {
  reason?: string | undefined;
  operator: string;
  dryRun?: boolean | undefined;
  command?: string | undefined;
  today?: Date | undefined;
}

export interface EditChange {
  类别: string;
  记录: string;
  字段: string | null;
  原值: string | null;
  新值: string | null;
}

export interface EditResult {
  target: { kind: EditTarget['kind']; key: string; 年度?: number };
  changeSet: number | null;
  changes: EditChange[];
  /** A 证件号码 corrected by this edit. */
  idChange: { 原证件号码: string; 新证件号码: string } | null;
  dryRun: boolean;
}

const KIND: Record<EditTarget['kind'], { kind: KindDef; target: RecordTarget; what: string }> = {
  member: { kind: MEMBERS, target: 'member', what: '成员' },
  household: { kind: HOUSEHOLDS, target: 'household', what: '户' },
  income: { kind: INCOMES, target: 'income', what: '收支' },
};

/** Fields an edit of that kind may not set, and why. */
function refusedField(kind: EditTarget['kind'], f: FieldDef): string | null {
  if (kind === 'household' && f.column === 'hh_no')
    return '户编号是户的标识，不能修改；如户编号录错，请核对后在全国系统中处理';
  if (kind === 'household' && MONITORING_COLUMNS.includes(f.column)) {
    return `「${f.header}」是监测状态，只能按程序办理（识别用 fpjc review，风险消除用 fpjc eliminate），不能直接改`;
  }
  if (kind === 'income' && (f.column === 'hh_no' || f.column === 'year'))
    return `「${f.header}」是收支记录的标识，不能修改`;
  if (kind === 'member' && f.column === 'hh_no') return '换户请用 --move-to <户编号>';
  if (kind === 'member' && f.column === 'status') return '改状态请用 --status 死亡|迁出 --date <日期>';
  return null;
}

/** The field a name given by the clerk means (canonical name or alias, as a header would be matched). */
export function fieldNamed(kind: EditTarget['kind'], name: string): FieldDef {
  const def = KIND[kind].kind;
  const field = mapHeader([name], def).columns[0];
  if (!field) {
    const names = def.fields.filter((f) => !f.importOnly && !refusedField(kind, f)).map((f) => f.header);
    throw new FpjcError('USAGE', `「${name}」不是${KIND[kind].what}的字段。可以改的字段：${names.join('、')}。`);
  }
  const why = refusedField(kind, field);
  if (why) throw new FpjcError('USAGE', `${why}。`);
  return field;
}

/** Fields offered for a prompt: what an edit of that kind may set. */
export function editableFields(kind: EditTarget['kind']): FieldDef[] {
  return KIND[kind].kind.fields.filter((f) => !f.importOnly && !f.virtual && !refusedField(kind, f));
}

/** `字段=值` (or 字段＝值) as typed on the command line. */
export function parseAssignment(text: string): Assignment {
  const m = /^([^=＝]+)[=＝](.*)$/s.exec(text);
  if (!m) throw new FpjcError('USAGE', `--set「${text}」应写成 字段=值，例如 --set 联系电话=13812345678。`);
  return { name: m[1]!.trim(), value: m[2]!.trim() };
}

interface Current {
  key: string;
  /** The record as the import's record rules see it. */
  row: Row;
  hhNo: string;
}

function current(db: Db, t: EditTarget): Current {
  if (t.kind === 'member') {
    const m = memberById(db, t.idNo);
    if (!m)
      throw new FpjcError(
        'NOT_FOUND',
        `登记库中没有证件号码为「${t.idNo}」的人。请核对号码（可用 fpjc show household <户编号> 查看该户成员）。`,
      );
    return { key: t.idNo, row: m, hhNo: String(m.hh_no) };
  }
  const h = householdRow(db, t.hhNo);
  if (!h)
    throw new FpjcError('NOT_FOUND', `登记库中没有户编号为「${t.hhNo}」的户。请核对户编号（按文本保存，注意前导零）。`);
  if (t.kind === 'household') {
    const { village_id: _v, grid_id: _g, ...row } = h;
    return { key: t.hhNo, row, hhNo: t.hhNo };
  }
  return {
    key: `${t.hhNo}|${t.year}`,
    row: incomeRow(db, t.hhNo, t.year) ?? { hh_no: t.hhNo, year: t.year },
    hhNo: t.hhNo,
  };
}

/** A value refused: named by field and value, with the message import gives. */
function invalid(header: string, value: string, message: string): FpjcError {
  return new FpjcError(
    'INVALID_INPUT',
    `「${header}」${value ? `「${value}」` : '（空）'}：${message}。登记库未改动。`,
    {
      details: { field: header, value, reason: message },
    },
  );
}

function parseValues(
  kind: EditTarget['kind'],
  fields: readonly FieldDef[],
  values: readonly (string | null)[],
  row: Row,
  ctx: ParseContext,
): Row {
  const columns: Column[] = fields.map((field, index) => ({ index, field, header: field.header }));
  const cells: (string | null)[] = [...values];
  // a corrected 证件号码 is read by the person's 证件类型, as in a file that carries both
  if (kind === 'member' && fields.some((f) => f.column === 'id_no') && !fields.some((f) => f.column === 'id_type')) {
    columns.unshift({
      index: cells.length,
      field: MEMBERS.fields.find((f) => f.column === 'id_type')!,
      header: '证件类型',
    });
    cells.push((row.id_type as string | null) ?? null);
  }
  const parsed = parseRow(columns, cells, ctx);
  const p = parsed.problems[0];
  if (p) throw invalid(p.column, p.value, p.message);
  return parsed.row;
}

const same = (a: unknown, b: unknown): boolean =>
  (a ?? null) === (b ?? null) ||
  (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b));

/** Check one value as the edit would read it (for prompts): null when valid, else the message. */
export function checkValue(register: Register, target: EditTarget, name: string, value: string): string | null {
  try {
    const field = fieldNamed(target.kind, name);
    const cur = current(register.db, target);
    parseValues(target.kind, [field], [value], cur.row, { vocabExtensions: readVocabExtensions(register.db) });
    return null;
  } catch (err) {
    if (err instanceof FpjcError) return err.message.replace(/。登记库未改动。$/, '');
    throw err;
  }
}

/**
 * Apply one edit inside the caller's transaction, recording into `log`. Throws an FpjcError
 * (nothing of this edit should be kept) when a value, the record or a 原值 is refused.
 */
export function applyEdit(db: Db, log: ChangeLog, spec: EditSpec, ctx: ParseContext): void {
  const t = spec.target;
  const { target: recordTarget } = KIND[t.kind];
  const cur = current(db, t);
  const fields = spec.assignments.map((a) => fieldNamed(t.kind, a.name));
  const parsed = parseValues(
    t.kind,
    fields,
    spec.assignments.map((a) => a.value),
    cur.row,
    ctx,
  );
  // --file: the register must still hold the value the sheet was made from
  spec.assignments.forEach((a, i) => {
    if (a.expected === undefined) return;
    const f = fields[i]!;
    const expected = parseValues(t.kind, [f], [a.expected], cur.row, ctx)[f.column];
    const now = cur.row[f.column];
    if (!same(expected, now)) {
      throw new FpjcError(
        'INVALID_INPUT',
        `「${f.header}」原值写的是「${a.expected ?? ''}」，登记库中现在是「${valueLabel(t.kind, f.column, now === null || now === undefined ? null : String(now)) ?? '空'}」：这张表做好之后该项又被改过。请按登记库现值核对后重做这一行。`,
        { details: { field: f.header, expected: a.expected, current: now ?? null } },
      );
    }
  });
  // a number already registered belongs to someone else: said before any rule about the record
  const newId = parsed.id_no;
  if (t.kind === 'member' && typeof newId === 'string' && newId !== t.idNo) {
    const other = memberById(db, newId);
    if (other) {
      throw new FpjcError(
        'INVALID_INPUT',
        `证件号码 ${newId} 已登记为户编号 ${String(other.hh_no)} 的「${String(other.name)}」，不能再给另一个人。请核对号码。登记库未改动。`,
      );
    }
  }
  const data: Row = { ...cur.row, ...parsed };
  for (const issue of prepareRecord({ target: recordTarget, data, line: 0, scope: '' })) {
    const f = KIND[t.kind].kind.fields.find((x) => x.column === issue.column);
    throw invalid(f?.header ?? issue.column, String(data[issue.column] ?? ''), issue.message);
  }
  const changed: Row = {};
  for (const [k, v] of Object.entries(data)) if (!(k in cur.row) || !same(cur.row[k], v)) changed[k] = v;
  const wctx = new WriterContext(db, log, '更正').lookupEach();

  if (t.kind === 'member') {
    let idNo = t.idNo;
    if (typeof changed.id_no === 'string' && changed.id_no !== t.idNo) {
      changeMemberId(db, log, t.idNo, changed.id_no);
      idNo = changed.id_no;
    }
    delete changed.id_no;
    memberChanges(db, wctx, spec, idNo, cur, changed, ctx);
    return;
  }
  if (spec.moveTo || spec.status || spec.newHead) {
    throw new FpjcError('USAGE', '--move-to、--status、--new-head 只用于 fpjc edit member。');
  }
  if (t.kind === 'household') {
    if ('township' in changed || 'village' in changed || 'grid' in changed) {
      changed.township = data.township ?? null;
      changed.village = data.village ?? null;
      // an import may add villages; a correction must name one the register has (a typo is not a new 村)
      if (!wctx.regions().hasVillage(String(changed.township), String(changed.village))) {
        throw new FpjcError(
          'INVALID_INPUT',
          `登记库中没有${String(changed.township)}${String(changed.village)}。请核对乡镇和村的名称；如是新设的村，请先导入行政区划。登记库未改动。`,
        );
      }
    }
    if (Object.keys(changed).length) new HouseholdWriter(wctx).write({ hh_no: t.hhNo, ...changed });
    return;
  }
  if (Object.keys(changed).length) {
    const out = new IncomeWriter(wctx).write({ hh_no: t.hhNo, year: t.year, ...changed });
    if (out.problem) throw invalid('户编号', t.hhNo, out.problem.message);
  }
}

const MEMBER_STATUS = MEMBERS.fields.find((f) => f.column === 'status')!;
/** The day of a 死亡/迁出 (`--date`): set only by an edit, so not a column of the import formats. */
const STATUS_DATE: FieldDef = { column: 'status_date', header: '日期', type: 'date' };

/** Field changes, a move to another household, a 死亡/迁出, and the 户主 who takes over. */
function memberChanges(
  db: Db,
  wctx: WriterContext,
  spec: EditSpec,
  idNo: string,
  cur: Current,
  changed: Row,
  ctx: ParseContext,
): void {
  const row: Row = { id_no: idNo, hh_no: cur.hhNo, ...changed };
  const wasHead = cur.row.relation === '户主' && cur.row.status === '在册';
  let leavesHead = false;
  if (spec.status !== undefined) {
    const status = parseValues('member', [MEMBER_STATUS], [spec.status], cur.row, ctx).status;
    if (typeof status !== 'string') throw new FpjcError('USAGE', '--status 不能为空，可填：死亡、迁出、其他、在册。');
    row.status = status;
    if (status === '在册') row.status_date = null;
    else {
      if (!spec.date) throw new FpjcError('USAGE', `成员${status}须用 --date 写明日期，例如 --date 2024-03-15。`);
      row.status_date = parseValues('member', [STATUS_DATE], [spec.date], cur.row, ctx).status_date ?? null;
      leavesHead = wasHead;
    }
  } else if (spec.date) throw new FpjcError('USAGE', '--date 与 --status 一起用：成员死亡、迁出的日期。');
  if (spec.moveTo !== undefined) {
    const to = spec.moveTo.trim();
    const target = householdRow(db, to);
    if (!target)
      throw new FpjcError(
        'INVALID_INPUT',
        `--move-to：登记库中没有户编号为「${to}」的户，请先导入该户的户信息。登记库未改动。`,
      );
    if (to === cur.hhNo) throw new FpjcError('USAGE', `该成员已在户 ${to} 中。`);
    row.hh_no = to;
    leavesHead ||= wasHead;
    const relation = (changed.relation ?? cur.row.relation) as string;
    const targetHead = db
      .prepare("SELECT name FROM members WHERE hh_no = ? AND relation = '户主' AND status = '在册' LIMIT 1")
      .pluck()
      .get(to) as string | undefined;
    if (relation === '户主' && targetHead) {
      throw new FpjcError(
        'USAGE',
        `户 ${to} 已有户主「${targetHead}」。请同时用 --set 与户主关系=… 写明该成员在新户中的关系（如 配偶）。`,
      );
    }
  }
  if (leavesHead && !spec.newHead) {
    throw new FpjcError(
      'USAGE',
      `「${String(cur.row.name)}」是户 ${cur.hhNo} 的户主。请在同一命令中用 --new-head <证件号码> 指定新户主（须是该户在册成员）。登记库未改动。`,
    );
  }
  if (spec.newHead && !leavesHead) {
    throw new FpjcError('USAGE', '--new-head 只在户主死亡、迁出或换户时使用。');
  }
  const writer = new MemberWriter(wctx);
  if (Object.keys(row).length > 2 || row.hh_no !== cur.hhNo) {
    const out = writer.write(row);
    if (out.problem) throw invalid('户编号', String(row.hh_no), out.problem.message);
  }
  if (spec.newHead) {
    const headId = normalizeIdText(spec.newHead.trim());
    const head = memberById(db, headId);
    if (!head || head.hh_no !== cur.hhNo || head.status !== '在册' || headId === idNo) {
      throw new FpjcError(
        'USAGE',
        `--new-head ${spec.newHead}：须是户 ${cur.hhNo} 的另一位在册成员。请用 fpjc show household ${cur.hhNo} 查看成员。`,
      );
    }
    writer.write({ id_no: headId, hh_no: cur.hhNo, relation: '户主' });
    new HouseholdWriter(wctx).write({ hh_no: cur.hhNo, head_id_no: headId, head_name: head.name ?? null });
  }
  // alerts follow a person who moved
  writer.finish();
}

function resultOf(
  db: Db,
  target: EditTarget,
  log: ChangeLog,
  dryRun: boolean,
  idChange: EditResult['idChange'],
): EditResult {
  const setId = log.openedId;
  const changes = setId === null ? [] : changesOf(db, setId);
  return {
    target: {
      kind: target.kind,
      key: target.kind === 'member' ? target.idNo : target.hhNo,
      ...(target.kind === 'income' ? { 年度: target.year } : {}),
    },
    changeSet: dryRun ? null : setId,
    changes: changes.map((c) => ({
      类别: ENTITY_NAMES[c.entity] ?? c.entity,
      记录: recordLabel(c.entity, c.record_key),
      字段: fieldLabel(c.entity, c.field),
      原值: valueLabel(c.entity, c.field, c.old_value),
      新值: valueLabel(c.entity, c.field, c.new_value),
    })),
    idChange,
    dryRun,
  };
}

export function normalizeTarget(t: EditTarget): EditTarget {
  if (t.kind === 'member') return { kind: 'member', idNo: normalizeIdText(t.idNo.trim()) };
  return { ...t, hhNo: t.hhNo.trim() };
}

export function edit(register: Register, req: EditRequest): EditResult {
  const target = normalizeTarget(req.target);
  if (!req.assignments.length && req.moveTo === undefined && req.status === undefined) {
    throw new FpjcError(
      'USAGE',
      '没有给出要改的内容：请用 --set 字段=值（可多次），或 --move-to、--status。在终端中不带 --set 运行会逐项提问。',
    );
  }
  if (!req.reason?.trim())
    throw new FpjcError('USAGE', '请用 --reason 写明更正原因（写入修改记录），例如 --reason 身份证号录错。');
  const ctx: ParseContext = {
    vocabExtensions: readVocabExtensions(register.db),
    ...(req.today ? { today: req.today } : {}),
  };
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(register.db, {
      operator: req.operator,
      command: req.command ?? `edit ${target.kind}`,
      reason: req.reason!.trim(),
    });
    applyEdit(register.db, log, { ...req, target }, ctx);
    const idChange = changesOf(register.db, log.openedId ?? -1).find(
      (c) => c.entity === 'member' && c.field === 'id_no',
    );
    return resultOf(
      register.db,
      target,
      log,
      Boolean(req.dryRun),
      idChange ? { 原证件号码: idChange.old_value ?? '', 新证件号码: idChange.new_value ?? '' } : null,
    );
  });
}

/** The record as the prompt shows it: field name → current value. */
export function currentRecord(register: Register, t: EditTarget): { field: FieldDef; value: StoredValue }[] {
  const cur = current(register.db, normalizeTarget(t));
  return editableFields(t.kind).map((field) => ({ field, value: (cur.row[field.column] ?? null) as StoredValue }));
}
