/**
 * The per-person （自定义）监测对象信息 export (SPEC Appendix C): one row per person, the household's
 * columns repeated on every member row. Rows of one household are gathered (exports list a
 * household's members together) and, when the household's rows end, become: the household, its
 * monitoring state, each member, the household's income of the export's year (家庭人口数 = the
 * household's people born by the end of that year, unless the file has the column), one measure per name in the wide measure
 * columns, and the 风险消除后 snapshot.
 *
 * Household values that disagree between two rows of a household are a problem naming both rows;
 * a blank cell on one row and a value on another is no disagreement (the value counts). A household
 * met again further down the file must carry the same household values; its people are added.
 */
import { NATIONAL, type NationalScope, splitScoped } from '../domain/fields.js';
import { FNV_OFFSET, fnv1a, fnvMix } from '../domain/hash.js';
import { birthFromId } from '../domain/id-number.js';
import { type ParsedRow, rowTemplate, sameColumnNames } from '../domain/row-rules.js';
import type { LineProblem, Mapper, MapResult } from './mappers.js';

type Value = string | number | null;

/** A column of the file as the mapper files it: a member's, or one of the household's. */
interface Slot {
  scope: NationalScope | null;
  /** Register column without its scope. */
  column: string;
  /** Index of a household-level column in a group's values (-1 for a member's column). */
  index: number;
  /** 帮扶措施类别 of a wide measure column. */
  category: string | undefined;
  /** The household's record the column goes to (null: a member's, or a wide measure column). */
  record: RecordScope | null;
}

interface Group {
  hh: string;
  lines: number[];
  members: { line: number; data: ParsedRow }[];
  /** Household-level values by slot index (undefined: not in this household's rows) and their rows. */
  values: (Value | undefined)[];
  valueLines: number[];
}

/** The scopes of a household's own records (a member's are one per row). */
const RECORD_SCOPES = ['household', 'monitoring', 'income', 'elimination'] as const;
type RecordScope = (typeof RECORD_SCOPES)[number];
const isRecordScope = (s: NationalScope | null): s is RecordScope => (RECORD_SCOPES as readonly unknown[]).includes(s);

/** Separators between several measure names in one cell. */
const NAME_SEPARATORS = /[,，、;；\n]+/;

const MEASURE_CATEGORY: ReadonlyMap<string, string> = new Map(
  NATIONAL.fields.filter((f) => f.measureCategory).map((f) => [f.column, f.measureCategory!]),
);

const HEADER_OF: ReadonlyMap<string, string> = new Map(NATIONAL.fields.map((f) => [f.column, f.header]));

/** FNV-1a over a household's values: a compact fingerprint for a household met again. */
function fingerprint(values: readonly (Value | undefined)[]): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) continue;
    h = fnvMix(h, i + 1);
    // a tag per type: 空 and the text 「null」, 1 and 「1」 differ
    if (v === null) h = fnvMix(h, 0xffff);
    else if (typeof v === 'number') h = fnv1a(String(v), fnvMix(h, 0xfffe));
    else h = fnv1a(v, fnvMix(h, 0xfffd));
  }
  return h >>> 0;
}

const display = (v: Value): string => (v === null ? '（空）' : String(v));

export class NationalMapper implements Mapper {
  private group: Group | null = null;
  private readonly seen = new Map<string, { line: number; fp: number; count: number }>();
  /** The file's columns as met (a row can add transient ones, e.g. a 残疾人证's type and grade). */
  private readonly slots = new Map<string, Slot>();
  private readonly householdSlots: Slot[] = [];
  private readonly hasMonitoring: boolean;
  private readonly hasIncome: boolean;
  private readonly hasElimination: boolean;
  private readonly hasHeadName: boolean;
  private readonly hasSize: boolean;
  /** A member's keys (see rowTemplate): a valid row sets every column the file has. */
  private readonly memberTemplate: ParsedRow;
  /** The last template of each household-level record (its keys are those of the household's rows). */
  private readonly scopeTemplates = new Map<RecordScope, { keys: string[]; template: ParsedRow }>();

  constructor(
    columns: ReadonlySet<string>,
    private readonly incomeYear: number | null,
  ) {
    const scopes = new Set([...columns].map((c) => splitScoped(c).scope));
    this.hasMonitoring = scopes.has('monitoring');
    this.hasIncome = scopes.has('income');
    this.hasElimination = scopes.has('elimination');
    this.hasHeadName = columns.has('household.head_name');
    this.hasSize = columns.has('household.size_declared');
    const memberKeys = ['hh_no'];
    for (const c of columns) {
      const { scope, column } = splitScoped(c);
      if (scope === 'member' && column !== 'hh_no') memberKeys.push(column);
    }
    this.memberTemplate = rowTemplate(memberKeys);
  }

  private slotOf(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      const { scope, column } = splitScoped(key);
      const household = scope !== 'member';
      slot = {
        scope,
        column,
        index: household ? this.householdSlots.length : -1,
        category: MEASURE_CATEGORY.get(key),
        record: isRecordScope(scope) ? scope : null,
      };
      if (household) this.householdSlots.push(slot);
      this.slots.set(key, slot);
    }
    return slot;
  }

  map(row: ParsedRow, line: number): MapResult {
    const out: MapResult = { records: [], problems: [] };
    const hh = String(row.hh_no);
    if (this.group && this.group.hh !== hh) this.close(out);
    this.group ??= { hh, lines: [], members: [], values: [], valueLines: [] };
    const g = this.group;
    const member: ParsedRow = { ...this.memberTemplate };
    member.hh_no = hh;
    let conflict: LineProblem | null = null;
    for (const key in row) {
      if (key === 'hh_no') continue;
      const value = row[key]!;
      const slot = this.slotOf(key);
      if (slot.index < 0) {
        member[slot.column] = value;
        continue;
      }
      const i = slot.index;
      const had = g.values[i];
      if (had === undefined || (had === null && value !== null)) {
        g.values[i] = value;
        g.valueLines[i] = line;
      } else if (value !== null && had !== value && !conflict) {
        conflict = {
          line,
          column: key,
          value: display(value),
          message: `同一户（户编号 ${hh}）的「${HEADER_OF.get(key) ?? slot.column}」在第 ${g.valueLines[i]} 行为 ${display(had)}，本行为 ${display(value)}，户级信息应一致，请核对`,
        };
      }
    }
    if (conflict) out.problems.push(conflict);
    else {
      g.lines.push(line);
      g.members.push({ line, data: member });
    }
    return out;
  }

  finish(): MapResult {
    const out: MapResult = { records: [], problems: [] };
    if (this.group) this.close(out);
    return out;
  }

  /**
   * 家庭人口数 of the income year when the file has no such column: the household's people born by
   * the end of that year (a child born after it was not part of that year's household).
   */
  private sizeIn(g: Group): number {
    if (this.incomeYear === null) return g.members.length;
    const end = `${this.incomeYear}-12-31`;
    return g.members.filter((m) => {
      const birth = typeof m.data.birth_date === 'string' ? m.data.birth_date : birthFromId(String(m.data.id_no ?? ''));
      return birth === null || birth <= end;
    }).length;
  }

  /**
   * The household-level records of a group, by scope: 户编号 and the group's values of that
   * scope's columns, copied from a template of those keys (one pass over the slots for all).
   */
  private recordsOf(g: Group): Record<RecordScope, { data: ParsedRow; stated: boolean }> {
    const keys: Record<RecordScope, string[]> = {
      household: ['hh_no'],
      monitoring: ['hh_no'],
      income: ['hh_no'],
      elimination: ['hh_no'],
    };
    const stated = { household: false, monitoring: false, income: false, elimination: false };
    for (const slot of this.householdSlots) {
      const v = g.values[slot.index];
      if (v === undefined || slot.record === null) continue;
      keys[slot.record].push(slot.column);
      stated[slot.record] ||= v !== null;
    }
    const out = {} as Record<RecordScope, { data: ParsedRow; stated: boolean }>;
    for (const scope of RECORD_SCOPES) {
      let t = this.scopeTemplates.get(scope);
      if (!t || !sameColumnNames(t.keys, keys[scope]))
        this.scopeTemplates.set(scope, (t = { keys: keys[scope], template: rowTemplate(keys[scope]) }));
      out[scope] = { data: { ...t.template, hh_no: g.hh }, stated: stated[scope] };
    }
    for (const slot of this.householdSlots) {
      const v = g.values[slot.index];
      if (v !== undefined && slot.record !== null) out[slot.record].data[slot.column] = v;
    }
    return out;
  }

  private close(out: MapResult): void {
    const g = this.group!;
    this.group = null;
    if (g.members.length === 0) return;
    const fp = fingerprint(g.values);
    const before = this.seen.get(g.hh);
    const first = g.members[0]!.line;
    const base = { line: first, scope: '', lines: g.lines };
    if (before) {
      if (before.fp !== fp) {
        for (const l of g.lines) {
          out.problems.push({
            line: l,
            column: 'hh_no',
            value: g.hh,
            message: `户编号 ${g.hh} 在第 ${before.line} 行已出现过，这里的户级信息（类别、收入、措施等）与那里不一致，请把同一户的成员放在一起并核对`,
          });
        }
        return;
      }
      before.count += this.sizeIn(g);
      for (const m of g.members) out.records.push({ target: 'member', data: m.data, line: m.line, scope: 'member.' });
      if (this.hasIncome && this.incomeYear !== null && !this.hasSize) {
        out.records.push({
          ...base,
          target: 'income',
          data: { hh_no: g.hh, year: this.incomeYear, size: before.count },
          scope: 'income.',
          resize: true,
        });
      }
      return;
    }
    this.seen.set(g.hh, { line: first, fp, count: this.sizeIn(g) });
    const records = this.recordsOf(g);
    const household = records.household.data;
    const monitoring = records.monitoring.data;
    const income = records.income.data;
    const snapshot = records.elimination.data;
    const hasIncome = records.income.stated;
    const hasSnapshot = records.elimination.stated;
    const head = g.members.find((m) => m.data.relation === '户主');
    if (!this.hasHeadName && head) {
      household.head_name = head.data.name ?? null;
      household.head_id_no = head.data.id_no ?? null;
    }
    out.records.push({ ...base, target: 'household', data: household, scope: 'household.' });
    if (this.hasMonitoring) out.records.push({ ...base, target: 'monitoring', data: monitoring, scope: 'monitoring.' });
    for (const m of g.members) out.records.push({ target: 'member', data: m.data, line: m.line, scope: 'member.' });
    if (this.hasIncome && this.incomeYear !== null && hasIncome) {
      income.year = this.incomeYear;
      income.size = typeof household.size_declared === 'number' ? household.size_declared : this.sizeIn(g);
      out.records.push({ ...base, target: 'income', data: income, scope: 'income.' });
    }
    // 公益岗位帮扶 and 公益性岗位帮扶 are one 类别: a name in both columns is one measure
    const emitted = new Set<string>();
    for (const slot of this.householdSlots) {
      const value = g.values[slot.index];
      if (!slot.category || typeof value !== 'string') continue;
      for (const name of value.split(NAME_SEPARATORS)) {
        const content = name.trim();
        const key = `${slot.category}\u0000${content}`;
        if (content === '' || emitted.has(key)) continue;
        emitted.add(key);
        out.records.push({
          ...base,
          target: 'measure',
          data: { hh_no: g.hh, category: slot.category, content },
          sourceColumn: `${slot.scope}.${slot.column}`,
        });
      }
    }
    if (this.hasElimination && hasSnapshot) {
      const month = monitoring.eliminated_month;
      if (typeof month === 'string') snapshot.eliminated_month = month;
      out.records.push({ ...base, target: 'elimination', data: snapshot, scope: 'elimination.' });
    }
  }
}
