import type { Policy } from '../domain/policy.js';
import type { Db } from '../register/connection.js';
import type { CampaignRow, ScopeIds } from '../register/report-repo.js';
import type { CountySettings } from '../register/settings-repo.js';
import type { ReportData } from './render.js';
import type { Shape } from './template.js';

/** Scope options a report accepts (flags of `fpjc report <id>`). */
export type ScopeOption = 'township' | 'village' | 'year' | 'campaign' | 'as-of';

/** How the output is split into files: one for the scope, or one per 乡镇 / 村. */
export type By = 'county' | 'township' | 'village';

/** The kind of output: one list (table), one list per unit, or one form per household. */
export type OutputKind = 'list' | 'per-unit' | 'per-household';

export interface ReportContext {
  db: Db;
  county: CountySettings;
  /** YYYY-MM-DD: colours, ages and the form dates are as of this day. */
  asOf: string;
  /** The report's year (--year, default the as-of year). */
  year: number;
  /** Policy of the as-of year (colours follow it, as `fpjc status` does). */
  policy: Policy;
  campaign: CampaignRow | undefined;
  operator: string;
  /** The 问题清单's rule selection (`fpjc check --rules/--family`); every rule when absent. */
  quality?: { rules?: string | undefined; family?: string | undefined } | undefined;
}

/** One output file's scope. */
export interface Unit {
  level: By;
  township: string | undefined;
  village: string | undefined;
  ids: ScopeIds;
  /** 区划代码 of the unit's township or village, when known (makes colliding file names unique). */
  code?: string | undefined;
}

export interface ReportDef {
  id: string;
  /** Chinese title, also the last part of the file names. */
  title: string;
  /** One line saying what it holds, for `report list`. */
  description: string;
  /** File name in templates/ (or in --templates DIR). */
  template: string;
  /** Scope flags it accepts besides --out, --by and --templates. */
  options: readonly ScopeOption[];
  /** Allowed --by values and the default. */
  by: readonly By[];
  defaultBy: By;
  kind: OutputKind;
  /** Which personal data it shows (SPEC §1 公示, §12): documented in docs/templates.md. */
  privacy: string;
  /** The list(s) whose item count is a file's `rows`. */
  mainList: string | readonly string[];
  /** Names the template may use. */
  shape: Shape;
  /** Rows per township/village, to skip units without data when splitting (--by). */
  count?(ctx: ReportContext, level: 'township' | 'village', scope: ScopeIds): Map<number, number>;
  /** The data of one file. Lists may be lazy iterables (streamed from the register). */
  data(ctx: ReportContext, unit: Unit): ReportData;
  /** Remarks for the clerk about what was left out (e.g. alerts without a village). */
  notes?(ctx: ReportContext, units: readonly Unit[]): string[];
}
