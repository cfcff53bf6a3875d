/**
 * Stage 3 of an import: a mapper per kind turns one parsed row into zero or more records (the
 * per-person national export's mapper emits several kinds: see national-mapper.ts). Adding a kind
 * is adding a field table (src/domain/fields) and, when one row is not one record, a mapper.
 */
import { type ImportKind, MONITORING_COLUMNS } from '../domain/fields.js';
import type { ParsedRow, RecordTarget } from '../domain/row-rules.js';
import { NationalMapper } from './national-mapper.js';
import type { ImportRecord } from './records.js';

/** A problem a mapper finds between rows (the household columns of two member rows disagree). */
export interface LineProblem {
  line: number;
  /** Register column (scoped as in the file's dictionary). */
  column: string;
  value: string;
  message: string;
}

export interface MapResult {
  records: ImportRecord[];
  problems: LineProblem[];
}

export interface Mapper {
  /** Records of one valid parsed row; a mapper that groups rows may return earlier rows' records. */
  map(row: ParsedRow, line: number): MapResult;
  /** Records still held back at the end of a sheet. */
  finish(): MapResult;
}

export interface MapperOptions {
  kind: ImportKind;
  /** `import alerts --results`. */
  alertResults?: boolean;
  /** 年度 of the income and 风险消除后 columns of a per-person export. */
  incomeYear: number | null;
  /** Scoped columns the file's header carries. */
  columns: ReadonlySet<string>;
}

const TARGETS: Record<Exclude<ImportKind, 'national' | 'households'>, RecordTarget> = {
  regions: 'region',
  members: 'member',
  incomes: 'income',
  measures: 'measure',
  alerts: 'alert',
  visits: 'visit',
  'migrant-work': 'workPeriod',
  'planned-work': 'workPlan',
  'village-info': 'villageStats',
};

const EMPTY: MapResult = Object.freeze({ records: [], problems: [] }) as MapResult;

/** One row, one record. */
class SimpleMapper implements Mapper {
  constructor(private readonly target: RecordTarget) {}

  map(row: ParsedRow, line: number): MapResult {
    return { records: [{ target: this.target, data: row, line, scope: '' }], problems: [] };
  }

  finish(): MapResult {
    return EMPTY;
  }
}

/** 户信息: the household's facts, and its monitoring state as a record of its own. */
class HouseholdMapper implements Mapper {
  private readonly withMonitoring: boolean;

  constructor(columns: ReadonlySet<string>) {
    this.withMonitoring = MONITORING_COLUMNS.some((c) => columns.has(c));
  }

  map(row: ParsedRow, line: number): MapResult {
    const household: ParsedRow = {};
    const monitoring: ParsedRow = { hh_no: row.hh_no ?? null };
    for (const [k, v] of Object.entries(row)) {
      if (MONITORING_COLUMNS.includes(k)) monitoring[k] = v;
      else household[k] = v;
    }
    const records: ImportRecord[] = [{ target: 'household', data: household, line, scope: '' }];
    if (this.withMonitoring) records.push({ target: 'monitoring', data: monitoring, line, scope: '' });
    return { records, problems: [] };
  }

  finish(): MapResult {
    return EMPTY;
  }
}

export function mapperFor(o: MapperOptions): Mapper {
  switch (o.kind) {
    case 'national':
      return new NationalMapper(o.columns, o.incomeYear);
    case 'households':
      return new HouseholdMapper(o.columns);
    case 'alerts':
      return new SimpleMapper(o.alertResults ? 'alertResult' : 'alert');
    default:
      return new SimpleMapper(TARGETS[o.kind]);
  }
}

/** The record targets a kind writes, in the order they must be written (households before members …). */
export const TARGET_ORDER: readonly RecordTarget[] = [
  'region',
  'villageStats',
  'household',
  'monitoring',
  'member',
  'income',
  'measure',
  'elimination',
  'workPeriod',
  'workPlan',
  'alert',
  'alertResult',
  'visit',
];
