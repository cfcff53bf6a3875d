import { mainCategory } from './engine.js';
import { ruleById } from './rules/index.js';
import { CATEGORIES, categoryRank, MISSING } from './types.js';

/**
 * A campaign's findings grouped per household, in list order (排查清单, `screen list`): within
 * each 村, flagged households by their main category, then those with only 数据缺失 findings,
 * then the others. Pure.
 */

/** One finding of a household with its region, head and visit, as the register gives them. */
export interface FindingRow {
  hhNo: string;
  township: string;
  village: string;
  villageId: number;
  headName: string | null;
  hhType: string;
  monCategory: string | null;
  riskEliminated: number | null;
  members: number;
  /** null on the row of a household without findings (screening list). */
  rule: string | null;
  category: string | null;
  evidence: string | null;
  visitDate: string | null;
  visitor: string | null;
  entered: number | null;
  result: string | null;
  note: string | null;
  visitCategory: string | null;
  visitRisks: string | null;
}

export interface ListedFinding {
  rule: string;
  name: string;
  category: string;
  evidence: string;
}

export interface ListedHousehold {
  户编号: string;
  乡镇: string;
  村: string;
  户主姓名: string | null;
  户类型: string;
  人数: number;
  监测状态: string;
  /** The household's first category in list order (数据缺失 when it has no flag). */
  category: string;
  rules: string[];
  flags: ListedFinding[];
  dataMissing: ListedFinding[];
  研判结果: string | null;
  排查日期: string | null;
  排查人: string | null;
  是否入户: string | null;
  说明: string | null;
  类别: string | null;
  风险类型: string | null;
}

export function monitoringState(monCategory: string | null, riskEliminated: number | null): string {
  if (!monCategory) return '非监测对象';
  return `${monCategory}（${riskEliminated === 1 ? '风险已消除' : '风险未消除'}）`;
}

/** Households and their findings, grouped from the flag rows (in 乡镇/村/户编号 order). */
export function* groupHouseholds(rows: Iterable<FindingRow>): Generator<ListedHousehold> {
  let cur: ListedHousehold | null = null;
  for (const r of rows) {
    if (!cur || cur.户编号 !== r.hhNo) {
      if (cur) yield finishHousehold(cur);
      cur = {
        户编号: r.hhNo,
        乡镇: r.township,
        村: r.village,
        户主姓名: r.headName,
        户类型: r.hhType,
        人数: r.members,
        监测状态: monitoringState(r.monCategory, r.riskEliminated),
        category: MISSING,
        rules: [],
        flags: [],
        dataMissing: [],
        研判结果: r.result,
        排查日期: r.visitDate,
        排查人: r.visitor,
        是否入户: r.entered === null ? null : r.entered === 1 ? '是' : '否',
        说明: r.note,
        类别: r.visitCategory,
        风险类型: r.visitRisks,
      };
    }
    if (r.rule === null) continue;
    const finding = {
      rule: r.rule,
      name: ruleById(r.rule)?.name ?? r.rule,
      category: r.category ?? '',
      evidence: r.evidence ?? '',
    };
    if (r.category === MISSING) cur.dataMissing.push(finding);
    else cur.flags.push(finding);
  }
  if (cur) yield finishHousehold(cur);
}

function finishHousehold(h: ListedHousehold): ListedHousehold {
  h.flags.sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || a.rule.localeCompare(b.rule));
  h.category =
    h.flags.length > 0 ? mainCategory(h.flags.map((f) => f.category)) : h.dataMissing.length > 0 ? MISSING : '';
  h.rules = h.flags.map((f) => f.rule);
  return h;
}

/** Sort rank of a listed household: its main category, then 数据缺失 only, then no finding. */
const householdRank = (h: ListedHousehold): number =>
  h.flags.length > 0 ? categoryRank(h.category) : h.dataMissing.length > 0 ? CATEGORIES.length : CATEGORIES.length + 1;

/**
 * Within each 村 (the rows come in 乡镇/村 order), households by their main category, then 户编号;
 * then households with only 数据缺失 findings, then those without any finding — each kept or
 * left out by `keep`.
 */
export function sortByCategory(
  households: Iterable<ListedHousehold>,
  keep: 'flagged' | 'findings' | 'all' = 'flagged',
): ListedHousehold[] {
  const out: ListedHousehold[] = [];
  let village: ListedHousehold[] = [];
  const flush = () => {
    village.sort((a, b) => householdRank(a) - householdRank(b));
    out.push(...village);
    village = [];
  };
  for (const h of households) {
    if (keep === 'flagged' && h.flags.length === 0) continue;
    if (keep === 'findings' && h.flags.length === 0 && h.dataMissing.length === 0) continue;
    if (village.length > 0 && (village[0]!.乡镇 !== h.乡镇 || village[0]!.村 !== h.村)) flush();
    village.push(h);
  }
  flush();
  return out;
}
