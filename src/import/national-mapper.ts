/**
 * The per-person （自定义）监测对象信息 export (SPEC Appendix C): one row per person, the household's
 * columns repeated on every member row. Rows of one household are gathered (exports list a
 * household's members together) and, when the household's rows end, become: the household, its
 * monitoring state, each member, the household's income of the export's year (家庭人口数 = the
 * household's rows unless the file has the column), one measure per name in the wide measure
 * columns, and the 风险消除后 snapshot.
 *
 * Household values that disagree between two rows of a household are a problem naming both rows;
 * a blank cell on one row and a value on another is no disagreement (the value counts). A household
 * met again further down the file must carry the same household values; its people are added.
 */
import { NATIONAL, splitScoped } from '../domain/fields.js';
import type { ParsedRow } from '../domain/row-rules.js';
import type { LineProblem, Mapper, MapResult } from './mappers.js';

interface Group {
  hh: string;
  firstLine: number;
  lines: number[];
  members: { line: number; data: ParsedRow }[];
  /** Scoped household-level column → value and the row it came from. */
  values: Map<string, { value: string | number | null; line: number }>;
}

/** Separators between several measure names in one cell. */
const NAME_SEPARATORS = /[,，、;；\n]+/;

const MEASURE_CATEGORY: ReadonlyMap<string, string> = new Map(
  NATIONAL.fields.filter((f) => f.measureCategory).map((f) => [f.column, f.measureCategory!]),
);

const HEADER_OF: ReadonlyMap<string, string> = new Map(NATIONAL.fields.map((f) => [f.column, f.header]));

/** FNV-1a over the household values: a compact fingerprint for a household met again. */
function fingerprint(values: Group['values']): string {
  const keys = [...values.keys()].sort();
  let h = 0x811c9dc5;
  let len = 0;
  for (const k of keys) {
    const s = `${k}=${String(values.get(k)!.value)}\u0000`;
    len += s.length;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return `${h.toString(36)}:${len}`;
}

const display = (v: string | number | null): string => (v === null ? '（空）' : String(v));

export class NationalMapper implements Mapper {
  private group: Group | null = null;
  private readonly seen = new Map<string, { line: number; fp: string; count: number }>();
  private readonly hasMonitoring: boolean;
  private readonly hasIncome: boolean;
  private readonly hasElimination: boolean;
  private readonly hasHeadName: boolean;
  private readonly hasSize: boolean;

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
  }

  map(row: ParsedRow, line: number): MapResult {
    const out: MapResult = { records: [], problems: [] };
    const hh = String(row.hh_no);
    if (this.group && this.group.hh !== hh) this.close(out);
    this.group ??= { hh, firstLine: line, lines: [], members: [], values: new Map() };
    const g = this.group;
    const member: ParsedRow = { hh_no: hh };
    let conflict: LineProblem | null = null;
    for (const [key, value] of Object.entries(row)) {
      if (key === 'hh_no') continue;
      const { scope, column } = splitScoped(key);
      if (scope === 'member') {
        member[column] = value;
        continue;
      }
      const had = g.values.get(key);
      if (!had || (had.value === null && value !== null)) g.values.set(key, { value, line });
      else if (value !== null && had.value !== value && !conflict) {
        conflict = {
          line,
          column: key,
          value: display(value),
          message: `同一户（户编号 ${hh}）的「${HEADER_OF.get(key) ?? column}」在第 ${had.line} 行为 ${display(had.value)}，本行为 ${display(value)}，户级信息应一致，请核对`,
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
      before.count += g.members.length;
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
    this.seen.set(g.hh, { line: first, fp, count: g.members.length });
    const scoped = (scope: string): ParsedRow => {
      const d: ParsedRow = { hh_no: g.hh };
      for (const [key, { value }] of g.values) {
        if (key.startsWith(scope)) d[key.slice(scope.length)] = value;
      }
      return d;
    };
    const household = scoped('household.');
    const head = g.members.find((m) => m.data.relation === '户主');
    if (!this.hasHeadName && head) {
      household.head_name = head.data.name ?? null;
      household.head_id_no = head.data.id_no ?? null;
    }
    out.records.push({ ...base, target: 'household', data: household, scope: 'household.' });
    if (this.hasMonitoring)
      out.records.push({ ...base, target: 'monitoring', data: scoped('monitoring.'), scope: 'monitoring.' });
    for (const m of g.members) out.records.push({ target: 'member', data: m.data, line: m.line, scope: 'member.' });
    if (this.hasIncome && this.incomeYear !== null) {
      const income = scoped('income.');
      if (Object.entries(income).some(([k, v]) => k !== 'hh_no' && v !== null)) {
        const size = typeof household.size_declared === 'number' ? household.size_declared : g.members.length;
        out.records.push({
          ...base,
          target: 'income',
          data: { ...income, year: this.incomeYear, size },
          scope: 'income.',
        });
      }
    }
    for (const [key, { value }] of g.values) {
      const category = MEASURE_CATEGORY.get(key);
      if (!category || typeof value !== 'string') continue;
      const names = [
        ...new Set(
          value
            .split(NAME_SEPARATORS)
            .map((n) => n.trim())
            .filter((n) => n !== ''),
        ),
      ];
      for (const content of names) {
        out.records.push({ ...base, target: 'measure', data: { hh_no: g.hh, category, content }, sourceColumn: key });
      }
    }
    if (this.hasElimination) {
      const snapshot = scoped('elimination.');
      if (Object.entries(snapshot).some(([k, v]) => k !== 'hh_no' && v !== null)) {
        const month = g.values.get('monitoring.eliminated_month')?.value;
        if (typeof month === 'string') snapshot.eliminated_month = month;
        out.records.push({ ...base, target: 'elimination', data: snapshot, scope: 'elimination.' });
      }
    }
  }
}
