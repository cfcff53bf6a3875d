import { fpjcCommand } from '../domain/command-hint.js';
import { FpjcError } from '../domain/errors.js';
import { formatCount } from '../domain/normalize.js';
import { type Policy, requireIncomeLine, resolvePolicy } from '../domain/policy.js';
import { ChangeLog } from '../register/audit.js';
import { type Register, registerError } from '../register/connection.js';
import {
  type CampaignRecord,
  campaignCoverage,
  campaignFindings,
  campaignIds,
  campaignVillageFlags,
  FlagWriter,
  findCampaign,
  iterateCampaignFlags,
  type ReplaceCounts,
  type Replaced,
  replaceScope,
  replaceVillageFlags,
  saveCampaign,
  townshipByName,
  townshipNames,
  villagesByName,
} from '../register/screening-repo.js';
import { readPolicyOverrides } from '../register/settings-repo.js';
import type { By } from '../reports/types.js';
import { evaluateVillages, type HouseholdFinding, type TownshipTally } from '../screening/engine.js';
import { groupHouseholds, type ListedHousehold, sortByCategory } from '../screening/listing.js';
import { type Coverage, summarizeCoverage, type TownshipCoverage } from '../screening/progress.js';
import { HOUSEHOLD_RULES, paramsOf, parseRuleList, ruleById, VILLAGE_RULES } from '../screening/rules/index.js';
import {
  CATEGORIES,
  type Category,
  type HouseholdRuleId,
  type RuleContext,
  type RuleId,
  type VillageRuleId,
} from '../screening/types.js';
import type { ReportResult } from './report-service.js';
import {
  evaluateHouseholds,
  type FactSource,
  type FindingBatch,
  localFactSource,
  useScreenWorker,
  workerFactSource,
} from './screen-evaluation.js';

export interface ScreenRequest {
  campaign: string;
  name?: string | undefined;
  /** YYYY-MM-DD; default the stored one of an existing campaign, else today. */
  asOf?: string | undefined;
  incomeYear?: number | undefined;
  /** `R01,R02`; default every rule. */
  rules?: string | undefined;
  /** A 乡镇 name, or 全县 for the whole county; default the stored one of an existing campaign. */
  township?: string | undefined;
  dryRun?: boolean | undefined;
  /** Write the 排查清单 (report `screening-list`) here after screening. */
  out?: string | undefined;
  by?: By | undefined;
  operator: string;
  today?: Date | undefined;
  /** Put every flag in the result (`flags`, `dataMissing`); default true. The text output does not need them. */
  listFindings?: boolean | undefined;
  /** Households evaluated so far. */
  onProgress?: ((households: number) => void) | undefined;
}

export interface ScreenFlag {
  户编号: string;
  rule: HouseholdRuleId;
  name: string;
  category: string;
  evidence: string;
}

export interface ScreenTownship {
  乡镇: string;
  inScope: number;
  flagged: number;
  byCategory: Record<Category, number>;
  数据缺失: number;
}

export interface ScreenVillageFlag {
  乡镇: string;
  村: string;
  rule: VillageRuleId;
  evidence: string;
}

export interface ScreenResult {
  campaign: string;
  name: string;
  asOf: string;
  incomeYear: number;
  /** The income line of the as-of year (null when no selected rule needs it and it is not set). */
  incomeLine: number | null;
  township: string | null;
  rules: RuleId[];
  created: boolean;
  inScope: number;
  /** Households with at least one flag (数据缺失 findings apart). */
  flagged: number;
  /** Flags per rule (V01: flagged villages). */
  byRule: Partial<Record<RuleId, number>>;
  /** Flagged households per category. */
  byCategory: Record<Category, number>;
  /** Findings that a rule could not be evaluated, per rule, and households concerned. */
  missing: { households: number; byRule: Partial<Record<HouseholdRuleId, number>> };
  byTownship: ScreenTownship[];
  villages: ScreenVillageFlag[];
  /**
   * Every flag (empty when the caller asked not to list them). Read lazily from the register:
   * iterate it (or write it with outputStream) before the register is closed.
   */
  flags: Iterable<ScreenFlag>;
  dataMissing: Iterable<{ 户编号: string; rule: HouseholdRuleId; evidence: string }>;
  /** Sizes before and after this run (null under --dry-run). */
  changes: {
    scope: Replaced;
    flags: Replaced & { byRule: Record<string, Replaced> };
    villageFlags: ReplaceCounts;
  } | null;
  dryRun: boolean;
  changeSet: number | null;
  report: ReportResult | null;
}

const isoDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

const QUARTER = ['一', '二', '三', '四'];
const WHOLE_COUNTY = '全县';

/** `2024Q2` → 2024年第二季度集中排查; anything else → the id itself. */
export function defaultCampaignName(id: string): string {
  const m = /^(\d{4})Q([1-4])$/i.exec(id);
  return m ? `${m[1]}年第${QUARTER[Number(m[2]) - 1]}季度集中排查` : `${id}集中排查`;
}

export function checkCampaignId(id: string): string {
  const t = id.trim();
  if (!/^[0-9A-Za-z_\-\u4e00-\u9fff]{1,40}$/.test(t)) {
    throw new FpjcError(
      'USAGE',
      `--campaign「${id}」不能作为排查批次编号：只能用字母、数字、汉字、“-”和“_”，最长 40 个字符，例如 2024Q2。`,
    );
  }
  return t;
}

/** The campaign, or a usage error naming the ones there are. */
export function requireCampaign(register: Register, id: string): CampaignRecord {
  const c = findCampaign(register.db, id);
  if (c) return c;
  const ids = campaignIds(register.db);
  throw new FpjcError(
    'USAGE',
    `登记库中没有排查批次「${id}」。${ids.length ? `已有的批次：${ids.slice(0, 10).join('、')}。` : ''}请先运行 ${fpjcCommand(`screen --campaign ${id}`)} 生成排查批次。`,
  );
}

export function resolveTownship(register: Register, name: string): { id: number; name: string } {
  const t = townshipByName(register.db, name.trim());
  if (t) return t;
  const names = townshipNames(register.db);
  throw new FpjcError(
    'USAGE',
    `登记库中没有乡镇「${name}」。${names.length ? `可用的乡镇：${names.slice(0, 30).join('、')}${names.length > 30 ? '…' : ''}。` : '登记库中还没有乡镇（请先导入户信息）。'}`,
  );
}

function policyFor(register: Register, asOf: string): Policy {
  const year = Number(asOf.slice(0, 4));
  return resolvePolicy(year, readPolicyOverrides(register.db, year));
}

function sortTownships(register: Register, ts: TownshipTally[]): TownshipTally[] {
  const order = new Map(townshipNames(register.db).map((n, i) => [n, i]));
  return [...ts].sort((a, b) => (order.get(a.township) ?? 0) - (order.get(b.township) ?? 0));
}

const tallyOut = (t: TownshipTally): ScreenTownship => ({
  乡镇: t.township,
  inScope: t.inScope,
  flagged: t.flagged,
  byCategory: t.byCategory,
  数据缺失: t.missing,
});

/**
 * `fpjc screen`: evaluate the rules over the register (or one 乡镇), and store the campaign,
 * its scope and its flags in one transaction. Re-running replaces the flags (audited as a
 * difference) and keeps the visit results.
 */
export async function runScreen(register: Register, req: ScreenRequest): Promise<ScreenResult> {
  const given = checkCampaignId(req.campaign);
  const { db } = register;
  const existing = findCampaign(db, given);
  // 2024q2 re-runs 2024Q2: one campaign, whatever the case it is typed in
  const id = existing?.id ?? given;
  const asOf = req.asOf ?? existing?.asOf ?? isoDay(req.today ?? new Date());
  const asOfYear = Number(asOf.slice(0, 4));
  const incomeYear = req.incomeYear ?? (req.asOf === undefined ? existing?.incomeYear : undefined) ?? asOfYear - 1;
  if (!Number.isInteger(incomeYear) || incomeYear < 2000 || incomeYear > asOfYear) {
    throw new FpjcError(
      'USAGE',
      `--income-year「${req.incomeYear}」不对：收入年度应为 2000 年到排查基准日所在年度（${asOfYear}）之间的年份。`,
    );
  }
  const ruleIds = parseRuleList(req.rules);
  const townshipName =
    req.township === undefined
      ? (existing?.township ?? null)
      : req.township.trim() === WHOLE_COUNTY
        ? null
        : req.township;
  const township = townshipName ? resolveTownship(register, townshipName) : null;
  const policy = policyFor(register, asOf);
  const needs = paramsOf(ruleIds);
  const incomeLine = needs.has('incomeLine') ? requireIncomeLine(policy) : (policy.incomeLine ?? null);
  const name = req.name?.trim() || existing?.name || defaultCampaignName(id);
  const now = (req.today ?? new Date()).toISOString();

  const householdRules = HOUSEHOLD_RULES.filter((r) => ruleIds.includes(r.id));
  const villageRules = VILLAGE_RULES.filter((r) => ruleIds.includes(r.id));

  const facts = {
    incomeYear,
    asOf,
    townshipId: township?.id ?? null,
    unstableWorkMonths: policy.unstableWorkMonths,
    bigIllnessSelfPay: policy.bigIllnessSelfPay,
  };
  const inWorker = useScreenWorker(register);

  const work = async () => {
    // a worker reads what is committed: this transaction writes only the campaign's tables
    const task = {
      facts,
      bottomShare: ruleIds.includes('R03') ? policy.bottomShare : null,
      villages: villageRules.length > 0,
    };
    const source = inWorker ? workerFactSource({ ...task, file: register.file }) : localFactSource(db, task);
    try {
      return await screenWith(source);
    } finally {
      source.close();
    }
  };

  const screenWith = async (source: FactSource) => {
    const kept: HouseholdFinding[] | null = req.dryRun && req.listFindings !== false ? [] : null;
    let log: ChangeLog | null = null;
    let flagWriter: FlagWriter | null = null;
    if (!req.dryRun) {
      log = new ChangeLog(db, { operator: req.operator, command: 'screen', reason: `集中排查 ${id}（${name}）` });
      saveCampaign(db, log, {
        id,
        name,
        asOf,
        incomeYear,
        township: township?.name ?? null,
        rules: ruleIds.join(','),
        createdAt: existing?.createdAt ?? now,
        lastRunAt: now,
      });
      flagWriter = new FlagWriter(db, id);
    }
    // the scope first: a worker reads R03's boundary meanwhile
    const scope = log ? replaceScope(db, log, id, township?.id ?? null) : null;
    const ctx: RuleContext = { asOf, asOfYear, incomeYear, policy, bottom: await source.bottom() };
    const onBatch = ({ findings: found, evaluated }: FindingBatch): void => {
      flagWriter?.write(found);
      if (kept) for (const f of found) kept.push(f);
      req.onProgress?.(evaluated);
    };
    const evaluation = await evaluateHouseholds(db, facts, householdRules, ctx, source, onBatch);
    const villages = villageRules.length > 0 ? evaluateVillages(await source.villages(), villageRules, ctx) : [];
    let changes: ScreenResult['changes'] = null;
    if (log && flagWriter && scope) {
      changes = {
        scope,
        flags: flagWriter.finish(log),
        villageFlags: replaceVillageFlags(db, log, id, villages),
      };
    }
    // read back after the commit, streamed (a county has hundreds of thousands)
    const findings: Iterable<HouseholdFinding> =
      kept ?? (req.listFindings !== false && !req.dryRun ? { [Symbol.iterator]: () => campaignFindings(db, id) } : []);
    return { evaluation, findings, villages, changes, changeSet: log?.openedId ?? null };
  };

  let outcome: Awaited<ReturnType<typeof work>>;
  try {
    // a dry run reads in a transaction it rolls back; with a reader thread it holds the write lock
    // too, so that both threads read one state of the register (docs/screening.md §1)
    if (req.dryRun) db.exec(inWorker ? 'BEGIN IMMEDIATE' : 'BEGIN');
    else register.begin();
    outcome = await work();
    if (req.dryRun) db.exec('ROLLBACK');
    else register.commit();
  } catch (err) {
    throw registerError(err, register.file);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
  const { evaluation, findings, villages, changes, changeSet } = outcome;

  const byRule: Partial<Record<RuleId, number>> = { ...evaluation.byRule };
  for (const r of villageRules) byRule[r.id] = villages.filter((v) => v.rule === r.id).length;
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const t of evaluation.townships) for (const c of CATEGORIES) byCategory[c] += t.byCategory[c];
  byCategory.村级 = new Set(villages.map((v) => v.villageId)).size;

  // lazy: read from the register while the JSON is written (a county has hundreds of thousands)
  const flags: Iterable<ScreenFlag> = {
    *[Symbol.iterator]() {
      for (const f of findings) {
        if (f.category === '数据缺失') continue;
        yield {
          户编号: f.hhNo,
          rule: f.rule,
          name: ruleById(f.rule)!.name,
          category: f.category,
          evidence: f.evidence,
        };
      }
    },
  };
  const dataMissing: ScreenResult['dataMissing'] = {
    *[Symbol.iterator]() {
      for (const f of findings) {
        if (f.category === '数据缺失') yield { 户编号: f.hhNo, rule: f.rule as HouseholdRuleId, evidence: f.evidence };
      }
    },
  };

  let report: ReportResult | null = null;
  if (req.out !== undefined && !req.dryRun) {
    report = await (await import('./report-service.js')).runReport(register, {
      id: 'screening-list',
      campaign: id,
      township: township?.name,
      out: req.out,
      by: req.by,
      operator: req.operator,
    });
  }

  return {
    campaign: id,
    name,
    asOf,
    incomeYear,
    incomeLine,
    township: township?.name ?? null,
    rules: ruleIds,
    created: !existing,
    inScope: evaluation.inScope,
    flagged: evaluation.flagged,
    byRule,
    byCategory,
    missing: { households: evaluation.missingHouseholds, byRule: evaluation.missingByRule },
    byTownship: sortTownships(register, evaluation.townships).map(tallyOut),
    villages: villages.map((v) => ({ 乡镇: v.township, 村: v.village, rule: v.rule, evidence: v.evidence })),
    flags,
    dataMissing,
    changes,
    dryRun: Boolean(req.dryRun),
    changeSet,
    report,
  };
}

// ---------------------------------------------------------------------------------------------
// screen list / screen status

export interface ScreenListRequest {
  campaign: string;
  township?: string | undefined;
  village?: string | undefined;
  rule?: string | undefined;
  /** Also list households whose only findings are 数据缺失. */
  withMissing?: boolean | undefined;
}

export interface ScreenListResult {
  campaign: string;
  name: string | null;
  filter: { township: string | null; village: string | null; rule: string | null };
  count: number;
  households: ListedHousehold[];
  villages: ScreenVillageFlag[];
}

interface ScopeFilter {
  townshipId: number | undefined;
  township: string | null;
  villageId: number | undefined;
  village: string | null;
}

export function resolveScopeFilter(register: Register, township?: string, village?: string): ScopeFilter {
  const t = township ? resolveTownship(register, township) : undefined;
  if (!village) return { townshipId: t?.id, township: t?.name ?? null, villageId: undefined, village: null };
  const vs = villagesByName(register.db, village.trim(), t?.id);
  if (vs.length === 0) {
    throw new FpjcError('USAGE', `登记库中${t ? `乡镇「${t.name}」下` : ''}没有村「${village}」。请检查名称。`);
  }
  if (vs.length > 1) {
    throw new FpjcError(
      'USAGE',
      `有 ${formatCount(vs.length)} 个村叫「${village}」（${vs.map((v) => v.township).join('、')}），请同时用 --township 指定乡镇。`,
    );
  }
  const v = vs[0]!;
  return { townshipId: v.townshipId, township: v.township, villageId: v.id, village: v.name };
}

export function listScreen(register: Register, req: ScreenListRequest): ScreenListResult {
  const campaign = requireCampaign(register, req.campaign.trim());
  const scope = resolveScopeFilter(register, req.township, req.village);
  let rule: string | undefined;
  if (req.rule) {
    const ids = parseRuleList(req.rule);
    if (ids.length !== 1) throw new FpjcError('USAGE', `--rule 只能给一个规则编号，例如 --rule R01。`);
    rule = ids[0];
  }
  const households: ListedHousehold[] = [];
  if (rule !== 'V01') {
    const rows = iterateCampaignFlags(register.db, campaign.id, {
      townshipId: scope.townshipId,
      villageId: scope.villageId,
      rule,
      withMissing: req.withMissing,
    });
    households.push(...sortByCategory(groupHouseholds(rows), req.withMissing ? 'findings' : 'flagged'));
  }
  const villages =
    rule === undefined || rule === 'V01'
      ? campaignVillageFlags(register.db, campaign.id, scope.townshipId)
          .filter((v) => scope.village === null || v.village === scope.village)
          .map((v) => ({ 乡镇: v.township, 村: v.village, rule: v.rule as VillageRuleId, evidence: v.evidence }))
      : [];
  return {
    campaign: campaign.id,
    name: campaign.name,
    filter: { township: scope.township, village: scope.village, rule: rule ?? null },
    count: households.length,
    households,
    villages,
  };
}

export interface ScreenStatusResult extends Coverage {
  campaign: string;
  name: string | null;
  asOf: string;
  incomeYear: number;
  township: string | null;
  villages: number;
  villagesVisited: number;
  byTownship: TownshipCoverage[];
}

export function screenStatus(
  register: Register,
  req: { campaign: string; township?: string | undefined },
): ScreenStatusResult {
  const campaign = requireCampaign(register, req.campaign.trim());
  const scope = resolveScopeFilter(register, req.township);
  const rows = campaignCoverage(register.db, campaign.id, { townshipId: scope.townshipId });
  const { total, townships } = summarizeCoverage(rows);
  const villages = townships.flatMap((t) => t.villages);
  return {
    campaign: campaign.id,
    name: campaign.name,
    asOf: campaign.asOf,
    incomeYear: campaign.incomeYear,
    township: scope.township,
    ...total,
    villages: villages.length,
    villagesVisited: villages.filter((v) => v.visited > 0).length,
    byTownship: townships,
  };
}
