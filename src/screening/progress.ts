import { formatDateCn } from '../domain/normalize.js';
import { VOCABULARIES } from '../domain/vocab.js';
import { CATEGORIES, type Category } from './types.js';

/**
 * Coverage of a campaign (排查进度): households in scope, visited, not yet visited and the
 * 研判结果, per 村, 乡镇 and overall; and the summary paragraph of the campaign report in the
 * style of seed 000 ("共排查X户Y人，覆盖Z个行政村…识别监测对象N户M人"). Pure.
 */

export const VISIT_RESULTS: readonly string[] = VOCABULARIES.visitResult.values;

export interface CoverageInput {
  townshipId: number;
  township: string;
  villageId: number;
  village: string;
  result: string | null;
  households: number;
  flagged: number;
  people: number;
}

export interface Coverage {
  inScope: number;
  visited: number;
  notVisited: number;
  /** visited ÷ in scope (0…1, four decimals); 1 = 排查全覆盖. */
  coverage: number;
  complete: boolean;
  /** Households with a flag, and those of them not yet visited. */
  flagged: number;
  flaggedNotVisited: number;
  /** 在册 people of the households in scope / visited. */
  people: number;
  visitedPeople: number;
  results: Record<string, number>;
}

export interface VillageCoverage extends Coverage {
  村: string;
}

export interface TownshipCoverage extends Coverage {
  乡镇: string;
  villages: VillageCoverage[];
}

const empty = (): Coverage => ({
  inScope: 0,
  visited: 0,
  notVisited: 0,
  coverage: 0,
  complete: false,
  flagged: 0,
  flaggedNotVisited: 0,
  people: 0,
  visitedPeople: 0,
  results: Object.fromEntries(VISIT_RESULTS.map((r) => [r, 0])),
});

function add(c: Coverage, row: CoverageInput): void {
  c.inScope += row.households;
  c.flagged += row.flagged;
  c.people += row.people;
  if (row.result === null) {
    c.notVisited += row.households;
    c.flaggedNotVisited += row.flagged;
  } else {
    c.visited += row.households;
    c.visitedPeople += row.people;
    c.results[row.result] = (c.results[row.result] ?? 0) + row.households;
  }
}

function close<T extends Coverage>(c: T): T {
  c.coverage = c.inScope === 0 ? 0 : Math.floor((c.visited / c.inScope) * 10000) / 10000;
  c.complete = c.inScope > 0 && c.visited === c.inScope;
  return c;
}

/** Rows by 村 and 研判结果 (in 乡镇/村 order) → coverage overall, per 乡镇 and per 村. */
export function summarizeCoverage(rows: readonly CoverageInput[]): { total: Coverage; townships: TownshipCoverage[] } {
  const total = empty();
  const townships = new Map<number, TownshipCoverage>();
  const villages = new Map<number, VillageCoverage>();
  for (const r of rows) {
    let t = townships.get(r.townshipId);
    if (!t) {
      t = { 乡镇: r.township, ...empty(), villages: [] };
      townships.set(r.townshipId, t);
    }
    let v = villages.get(r.villageId);
    if (!v) {
      v = { 村: r.village, ...empty() };
      villages.set(r.villageId, v);
      t.villages.push(v);
    }
    add(total, r);
    add(t, r);
    add(v, r);
  }
  for (const t of townships.values()) {
    close(t);
    for (const v of t.villages) close(v);
  }
  return { total: close(total), townships: [...townships.values()] };
}

/** Coverage as a percentage for people: `85.3%`, `100%`. */
export function coverageText(c: number): string {
  const p = Math.floor(c * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

export interface SummaryInput {
  /** 县名 + 乡镇 of the scope, e.g. 榆次区 / 榆次区东阳镇. */
  area: string;
  campaignName: string;
  /** YYYY-MM-DD the summary is written for. */
  date: string;
  coverage: Coverage;
  villagesInScope: number;
  villagesVisited: number;
  /** Flagged households per category, and flagged villages (V01). */
  byCategory: Partial<Record<Category, number>>;
  flaggedVillages: number;
  proposed: { households: number; people: number };
  identified: { households: number; people: number };
}

/** The paragraph of the campaign report, in the style of the seeds' work reports. */
export function summaryParagraph(s: SummaryInput): string {
  const c = s.coverage;
  const out: string[] = [];
  const reach = c.complete
    ? `，排查覆盖率 100%，实现排查全覆盖`
    : `，排查覆盖率 ${coverageText(c.coverage)}，尚有 ${c.notVisited} 户未排查${c.flaggedNotVisited ? `（其中有预警线索的 ${c.flaggedNotVisited} 户）` : ''}`;
  out.push(
    `截至${formatDateCn(s.date)}，${s.area}${s.campaignName}共排查农户${c.visited}户${c.visitedPeople}人，覆盖${s.villagesVisited}个行政村（排查范围内共${s.villagesInScope}个行政村、${c.inScope}户${c.people}人）${reach}。`,
  );
  const cats = CATEGORIES.filter((k) => k !== '村级' && (s.byCategory[k] ?? 0) > 0).map(
    (k) => `${k}${s.byCategory[k]}户`,
  );
  out.push(
    `通过部门预警和数据比对筛查出有风险线索的农户${c.flagged}户${cats.length ? `，其中${cats.join('、')}` : ''}${
      s.flaggedVillages ? `；脱贫户较多但2021年以来未识别监测对象的村${s.flaggedVillages}个，已列为重点排查村` : ''
    }。`,
  );
  const r = c.results;
  const judged = VISIT_RESULTS.filter((k) => k !== '建议纳入监测' && (r[k] ?? 0) > 0).map((k) => `${k}${r[k]}户`);
  out.push(
    `经入户排查、综合研判，建议纳入监测${s.proposed.households}户${s.proposed.people}人${judged.length ? `，${judged.join('，')}` : ''}。`,
  );
  out.push(
    `按“村提名、乡镇审核、县级审定”程序，排查以来共识别监测对象${s.identified.households}户${s.identified.people}人。`,
  );
  return out.join('');
}
