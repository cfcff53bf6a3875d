import { type Colour, colourOf } from '../domain/colour.js';
import { resolvePolicy } from '../domain/policy.js';
import { openCaseCounts, openIdentificationClocks } from '../register/cases-repo.js';
import type { Register } from '../register/connection.js';
import { eliminationCounts } from '../register/elimination-repo.js';
import { type LastImport, lastImport } from '../register/imports-repo.js';
import { type CountySettings, readPolicyOverrides, readSettings } from '../register/settings-repo.js';
import { type CampaignBrief, lastCampaign, registerCounts, unresolvedMonitored } from '../register/status-repo.js';
import { monthsBefore } from '../workflow/dates.js';
import { overdueDays } from '../workflow/engine.js';

export interface StatusResult {
  county: CountySettings;
  asOf: string;
  households: number;
  members: number;
  membersByStatus: Record<string, number>;
  householdsByType: Record<string, number>;
  townships: number;
  villages: number;
  monitored: {
    total: number;
    byCategory: Record<string, number>;
    byState: { 风险未消除: number; 风险已消除: number };
    byCategoryState: { 类别: string; 风险未消除: number; 风险已消除: number }[];
    byColour: Partial<Record<Colour | '未知', number>>;
    colorScheme: 'duration' | 'income';
  };
  openCases: number;
  openCasesByKind: Record<string, number>;
  /** Open cases per kind and stage: {识别: {村提名: 2, …}, 消除: {…}}. */
  openCasesByStage: Record<string, Record<string, number>>;
  /** Open identification cases past identifyMaxDays (from nomination, else from the lead). */
  overdueCases: number;
  identifyMaxDays: number;
  /** Eliminated and rolled back in the as-of year; eliminated households due a 回访 now. */
  elimination: { eliminatedThisYear: number; rolledBackThisYear: number; visitsDue: number; visitAfterMonths: number };
  openAlerts: number;
  unmatchedAlerts: number;
  alertsByStatus: Record<string, number>;
  lastCampaign: CampaignBrief | null;
  lastImport: LastImport | null;
}

const today = (): string => new Date().toISOString().slice(0, 10);

export function registerStatus(register: Register, options: { asOf?: string | undefined } = {}): StatusResult {
  const db = register.db;
  const county = readSettings(db);
  const asOf = options.asOf ?? today();
  const year = Number(asOf.slice(0, 4));
  const policy = resolvePolicy(year, readPolicyOverrides(db, year));
  const c = registerCounts(db);
  const byCategory: Record<string, number> = {};
  const byState = { 风险未消除: 0, 风险已消除: 0 };
  const byCategoryState = new Map<string, { 类别: string; 风险未消除: number; 风险已消除: number }>();
  for (const r of c.monitoredByCategoryState) {
    byCategory[r.category] = (byCategory[r.category] ?? 0) + r.n;
    const state = r.eliminated === 1 ? '风险已消除' : '风险未消除';
    byState[state] += r.n;
    const entry = byCategoryState.get(r.category) ?? { 类别: r.category, 风险未消除: 0, 风险已消除: 0 };
    entry[state] += r.n;
    byCategoryState.set(r.category, entry);
  }
  const byColour: Partial<Record<Colour | '未知', number>> = {};
  for (const h of unresolvedMonitored(db, year - 1)) {
    const colour = colourOf(policy.colorScheme, h, asOf) ?? '未知';
    byColour[colour] = (byColour[colour] ?? 0) + 1;
  }
  const openCasesByStage: Record<string, Record<string, number>> = {};
  for (const r of openCaseCounts(db)) {
    const byStage = openCasesByStage[r.kind] ?? {};
    byStage[r.stage] = r.n;
    openCasesByStage[r.kind] = byStage;
  }
  const overdueCases = openIdentificationClocks(db).filter(
    (c) => overdueDays(c.startedOn, policy.identifyMaxDays, asOf) !== null,
  ).length;
  return {
    county,
    asOf,
    households: c.households,
    members: c.members,
    membersByStatus: c.membersByStatus,
    householdsByType: c.householdsByType,
    townships: c.townships,
    villages: c.villages,
    monitored: {
      total: byState.风险未消除 + byState.风险已消除,
      byCategory,
      byState,
      byCategoryState: [...byCategoryState.values()],
      byColour,
      colorScheme: policy.colorScheme,
    },
    openCases: c.openCases,
    openCasesByKind: c.openCasesByKind,
    openCasesByStage,
    overdueCases,
    identifyMaxDays: policy.identifyMaxDays,
    elimination: {
      ...eliminationCounts(db, year, monthsBefore(asOf, policy.visitAfterMonths)),
      visitAfterMonths: policy.visitAfterMonths,
    },
    openAlerts: c.openAlerts,
    unmatchedAlerts: c.unmatchedAlerts,
    alertsByStatus: c.alertsByStatus,
    lastCampaign: lastCampaign(db),
    lastImport: lastImport(db),
  };
}
