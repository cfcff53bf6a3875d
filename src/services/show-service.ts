import { colourOf } from '../domain/colour.js';
import { fpjcCommand } from '../domain/command-hint.js';
import { FpjcError } from '../domain/errors.js';
import {
  ALERTS,
  HOUSEHOLDS,
  INCOMES,
  MEASURES,
  MEMBERS,
  MIGRANT_WORK,
  NATIONAL,
  PLANNED_WORK,
} from '../domain/fields.js';
import { normalizeIdText } from '../domain/id-number.js';
import { resolvePolicy } from '../domain/policy.js';
import { toChineseRecord } from '../domain/records.js';
import type { Register } from '../register/connection.js';
import {
  alertRows,
  campaignFlagRows,
  caseRows,
  eliminationSnapshotRows,
  householdChangedSince,
  householdRow,
  incomeRows,
  measureRows,
  memberRow,
  memberRows,
  monitoringEvents,
  visitRows,
  workPeriodRows,
  workPlanRows,
} from '../register/household-repo.js';
import { readPolicyOverrides } from '../register/settings-repo.js';
import { ruleById } from '../screening/rules/index.js';
import { localToday } from '../workflow/dates.js';
import { findPeopleIn } from './find-service.js';

type Rec = Record<string, string | number | null | undefined>;

export interface HouseholdView {
  household: Rec;
  members: Rec[];
  incomes: Rec[];
  monitoring: {
    是否监测对象: boolean;
    监测对象类别: string | null;
    风险类型: string[];
    识别监测时间: string | null;
    风险是否已消除: string | null;
    风险消除方式: string | null;
    风险消除时间: string | null;
    /** 三色预警 of an unresolved 监测对象 today (policy colorScheme), e.g. `黄色`. */
    三色预警: string | null;
    history: Rec[];
  };
  measures: Rec[];
  /** 风险消除后 indicators (from a national export or an elimination decision). */
  eliminationSnapshots: Rec[];
  cases: Record<string, string | number | null | undefined | Rec[]>[];
  alerts: Rec[];
  visits: Rec[];
  flags: Rec[];
}

function colourToday(register: Register, h: Record<string, unknown>): string | null {
  if (h.mon_category === null || h.risk_eliminated === 1) return null;
  const asOf = localToday();
  const year = Number(asOf.slice(0, 4));
  const policy = resolvePolicy(year, readPolicyOverrides(register.db, year));
  const income = incomeRows(register.db, String(h.hh_no)).find((i) => i.year === year - 1);
  const c = colourOf(
    policy.colorScheme,
    {
      identifiedMonth: (h.identified_month as string | null) ?? null,
      perCapita: typeof income?.per_capita === 'number' ? income.per_capita : null,
    },
    asOf,
  );
  return c ? `${c}色` : null;
}

const round2 = (n: unknown): number | null => (typeof n === 'number' ? Math.round(n * 100) / 100 : null);

export function showHousehold(register: Register, hhNoOrName: string): HouseholdView {
  const db = register.db;
  const hhNo = resolveHousehold(register, hhNoOrName.trim());
  const h = householdRow(db, hhNo)!;
  const household = toChineseRecord(HOUSEHOLDS, h);
  household.乡镇 = (h.township as string) ?? null;
  household.村 = (h.village as string) ?? null;
  household.网格 = (h.grid as string) ?? null;
  const periods = workPeriodRows(db, hhNo);
  const plans = new Map(workPlanRows(db, hhNo).map((p) => [p.id_no, p]));
  const members = memberRows(db, hhNo).map((m) => memberRecord(m, periods, plans.get(m.id_no)));
  household.在册人数 = members.filter((m) => m.状态 === '在册').length;
  const incomes = incomeRows(db, hhNo).map((i) => ({
    ...toChineseRecord(INCOMES, i),
    '家庭纯收入(计算)': round2(i.net),
    '人均纯收入(计算)': round2(i.per_capita),
  }));
  const { cases, decisions } = caseRows(db, hhNo);
  const risks = [1, 2, 3, 4, 5].map((i) => h[`risk${i}`]).filter((r): r is string => typeof r === 'string');
  return {
    household,
    members,
    incomes,
    monitoring: {
      是否监测对象: h.mon_category !== null,
      监测对象类别: (h.mon_category as string | null) ?? null,
      风险类型: risks,
      识别监测时间: (h.identified_month as string | null) ?? null,
      风险是否已消除: h.mon_category === null ? null : h.risk_eliminated === 1 ? '是' : '否',
      风险消除方式: (h.elimination_method as string | null) ?? null,
      风险消除时间: (h.eliminated_month as string | null) ?? null,
      三色预警: colourToday(register, h),
      history: monitoringEvents(db, hhNo).map((e) => ({
        事项: e.event,
        月份: e.month,
        类别: e.category,
        风险类型: e.risks,
        消除方式: e.method,
        来源: e.source,
        案件: e.case_id,
        经办人: e.operator,
        记录时间: e.at,
        说明: e.note,
      })),
    },
    measures: measureRows(db, hhNo).map((m) => ({
      id: m.id,
      ...toChineseRecord(MEASURES, m),
      开发式: m.developmental === 1 ? '是' : '否',
    })),
    eliminationSnapshots: eliminationSnapshotRows(db, hhNo).map((e) => snapshotRecord(e)),
    cases: cases.map((c) => ({
      id: c.case_no ?? c.id,
      案件号: c.case_no,
      户编号: c.hh_no,
      kind: c.kind,
      stage: c.stage,
      status: c.status,
      opened: c.opened_at,
      closed: c.closed_at,
      来源: c.source,
      类别: c.category,
      风险类型: c.risks,
      消除方式: c.method,
      公示开始: c.publicity_start,
      公示结束: c.publicity_end,
      研判结果: c.result,
      decisions: decisions
        .filter((d) => d.case_id === c.id)
        .map((d) => ({ 环节: d.stage, 结果: d.decision, 意见: d.opinion, 经办人: d.handler, 日期: d.decided_at })),
    })),
    alerts: alertRows(db, hhNo).map((a) => ({
      id: a.id,
      ...toChineseRecord(ALERTS, a),
      状态: a.status,
      核实结果: a.verify_result,
      核实说明: a.verify_note,
      核实人: a.verifier,
      核实日期: a.verify_date,
    })),
    visits: visitRows(db, hhNo).map((v) => ({
      类型: v.purpose,
      批次: v.campaign_id,
      排查日期: v.visit_date,
      排查人: v.visitor,
      是否入户: v.entered === null ? null : v.entered === 1 ? '是' : '否',
      研判结果: v.result,
      说明: v.note,
      类别: v.category,
      风险类型: v.risks,
    })),
    flags: flagsOf(register, hhNo, members),
  };
}

export interface MemberView {
  member: Rec;
  household: HouseholdView;
}

export function showMember(register: Register, idNo: string): MemberView {
  // a 残疾人证 number finds its holder by the 18-character ID number it starts with
  const id = normalizeIdText(idNo).slice(0, 18);
  const m = memberRow(register.db, id);
  if (!m)
    throw new FpjcError('NOT_FOUND', `登记库中没有证件号码为「${idNo}」的人。请核对号码（18 位，末位可能是 X）。`);
  const household = showHousehold(register, String(m.hh_no));
  const member = household.members.find((x) => x.证件号码 === m.id_no) ?? toChineseRecord(MEMBERS, m);
  return { member, household };
}

/**
 * A 户编号, or a name (户主 or member) that finds exactly one household. Several households → the
 * list of them, so the clerk can pick the 户编号.
 */
function resolveHousehold(register: Register, text: string): string {
  if (householdRow(register.db, text)) return text;
  if (/^\d+$/.test(text)) {
    throw new FpjcError('NOT_FOUND', `登记库中没有户编号为「${text}」的户。请核对户编号（按文本保存，注意前导零）。`);
  }
  const found = findPeopleIn(register, text);
  const households = [...new Map(found.people.map((p) => [p.户编号, p])).values()];
  if (households.length === 1) return households[0]!.户编号;
  if (households.length === 0) {
    throw new FpjcError(
      'NOT_FOUND',
      `登记库中没有户编号或姓名为「${text}」的户。可以用 ${fpjcCommand(`find ${text}`)} 按姓名的一部分、证件号码或电话查找。`,
    );
  }
  const list = households
    .slice(0, 20)
    .map(
      (p) => `  ${p.户编号}  ${p.乡镇}${p.村}  户主 ${p.户主 ?? ''}  ${p.姓名}（${p.与户主关系 ?? ''}）${p.证件号码}`,
    );
  throw new FpjcError(
    'NOT_FOUND',
    `「${text}」在 ${households.length}${found.more ? ' 户以上' : ' 户'}中都有，请用户编号查看：\n${list.join('\n')}`,
    { details: { matches: households } },
  );
}

/**
 * The household's screening findings; a finding of a campaign run before the household's
 * income, members or record changed is marked 「数据已修改，需重新排查」.
 */
function flagsOf(register: Register, hhNo: string, members: readonly Rec[]): Rec[] {
  const ids = members.map((m) => String(m.证件号码 ?? '')).filter(Boolean);
  const stale = new Map<string, boolean>();
  return campaignFlagRows(register.db, hhNo).map((f) => {
    const campaign = String(f.campaign_id);
    if (!stale.has(campaign)) {
      const ran = f.last_run_at === null ? null : String(f.last_run_at);
      stale.set(campaign, ran !== null && householdChangedSince(register.db, hhNo, ids, ran));
    }
    return {
      批次: campaign,
      规则: f.rule_id,
      规则名称: ruleById(String(f.rule_id))?.name ?? null,
      类别: f.category,
      依据: f.evidence,
      数据状态: stale.get(campaign) ? '数据已修改，需重新排查' : null,
    };
  });
}

type Row = Record<string, string | number | null>;

/** A member with the facts the national export adds: 残疾人证号, 特困 policy, 务工 records and plan. */
function memberRecord(m: Row, periods: readonly Row[], plan: Row | undefined): Rec {
  const rec: Rec = toChineseRecord(MEMBERS, m);
  if (m.disability_card_no) rec.残疾人证号 = m.disability_card_no;
  if (m.tekun !== null && m.tekun !== undefined) {
    rec.享受特困供养政策情况 = m.tekun === 1 ? ((m.tekun_scope as string | null) ?? '享受') : '不享受';
  }
  const mine = periods.filter((p) => p.id_no === m.id_no);
  if (mine.length) {
    (rec as Record<string, unknown>).务工记录 = mine.map((p) => {
      const r = toChineseRecord(MIGRANT_WORK, p);
      delete r.证件号码;
      return r;
    });
  }
  if (plan) {
    const r = toChineseRecord(PLANNED_WORK, plan);
    delete r.证件号码;
    (rec as Record<string, unknown>).务工计划 = r;
  }
  return rec;
}

const SNAPSHOT_FIELDS = NATIONAL.fields.filter((f) => f.column.startsWith('elimination.'));

function snapshotRecord(e: Row): Rec {
  const out: Rec = { 风险消除时间: (e.eliminated_month as string) || null };
  for (const f of SNAPSHOT_FIELDS) {
    const v = e[f.column.slice('elimination.'.length)];
    if (v === null || v === undefined) continue;
    out[f.header] = f.type === 'bool' ? (v === 1 ? '是' : '否') : v;
  }
  out.来源 = e.source ?? null;
  return out;
}
