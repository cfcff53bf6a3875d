import type { VocabName } from '../vocab.js';

/**
 * Types of the field dictionary: for every import kind, the columns of its file format (canonical
 * Chinese header of SPEC §3, aliases seen in national-system exports, value type, vocabulary) and
 * the register column each one fills.
 */
export type FieldType =
  | 'text'
  | 'code'
  | 'idNo'
  | 'enum'
  | 'multiEnum'
  | 'bool'
  | 'date'
  /** A "since when" or a period bound: a full date, or a month kept with month precision (`2023-01`). */
  | 'dateOrMonth'
  | 'month'
  | 'money'
  | 'decimal'
  | 'int'
  | 'year'
  | 'phone';

export interface FieldDef {
  /**
   * Register column (or a virtual name resolved by the importer, see `virtual`). In the per-person
   * national export, columns are scoped by the record they fill: `household.phone`, `member.phone`.
   */
  column: string;
  /** Canonical Chinese header. */
  header: string;
  aliases?: readonly string[];
  type: FieldType;
  vocab?: VocabName;
  required?: boolean;
  /** Resolved by the importer rather than stored as is (乡镇/村 names → village id). */
  virtual?: boolean;
  /** Shown in docs/import-formats.md. */
  note?: string;
  /** Allow negative amounts (money/decimal). */
  allowNegative?: boolean;
  /**
   * A yes/no column that states the opposite of the stored fact (是否解决安全饮用水 = not
   * 是否饮水出现安全问题): the register keeps one fact, the column is read and written negated.
   */
  inverse?: boolean;
  /**
   * Read on import but never written back by export or the demo: the same fact as another column
   * (a negated yes/no, a national value list that maps onto a stored flag).
   */
  importOnly?: boolean;
  /** National export: a measure column holding the names of that 类别's measures. */
  measureCategory?: string;
}

export type ImportKind =
  | 'regions'
  | 'households'
  | 'members'
  | 'incomes'
  | 'measures'
  | 'alerts'
  | 'visits'
  | 'national'
  | 'migrant-work'
  | 'planned-work'
  | 'village-info';

export interface KindDef {
  kind: ImportKind;
  /** Chinese name of the file/list. */
  title: string;
  /** Entity name in the audit log. */
  entity: string;
  fields: readonly FieldDef[];
  /** Headers of national exports that are known but not stored (not reported as unknown). */
  ignored?: readonly string[];
  /**
   * A row whose cells in these columns are all empty is not a record yet (a 排查清单 row of a
   * household not visited yet): skipped and counted, never a problem.
   */
  skipWhenBlank?: readonly string[];
}
