/**
 * Demo records → rows of the import files. The columns and their order come from the field
 * dictionary (src/domain/fields.ts): a record is keyed by register column, and `rowOf` lays it
 * out in the dictionary's order, so the files always carry exactly the dictionary's columns.
 */
import {
  ALERTS,
  exportFields,
  type FieldDef,
  HOUSEHOLDS,
  INCOMES,
  type KindDef,
  MEASURES,
  MEMBERS,
  REGIONS,
} from '../domain/fields.js';
import type { CellValue } from '../io/xlsx-writer.js';
import type { County } from './county.js';
import { compactMonth } from './dates.js';
import type { Person } from './family.js';
import { type Alert, type Household, type IncomeYear, type Measure, propertyIncome, transferIncome } from './model.js';

export type DemoRecord = Record<string, CellValue>;

const yesNo = (b: boolean | null | undefined): string | null =>
  b === null || b === undefined ? null : b ? '是' : '否';

const columnsCache = new Map<KindDef, readonly string[]>();

function columnsOf(kind: KindDef): readonly string[] {
  let cols = columnsCache.get(kind);
  if (!cols) {
    cols = exportFields(kind).map((f) => f.column);
    columnsCache.set(kind, cols);
  }
  return cols;
}

/** The header row of a kind: the dictionary's canonical headers. */
export function headerOf(kind: KindDef): string[] {
  return exportFields(kind).map((f) => f.header);
}

/** A record laid out in the dictionary's column order (missing keys → empty cells). */
export function rowOf(kind: KindDef, rec: DemoRecord): CellValue[] {
  const cols = columnsOf(kind);
  const out = new Array<CellValue>(cols.length);
  for (let i = 0; i < cols.length; i++) out[i] = rec[cols[i]!] ?? null;
  return out;
}

/** 0-based columns holding ID numbers, codes and phone numbers: written as text. */
export function textColumnsOf(kind: KindDef): number[] {
  const out: number[] = [];
  exportFields(kind).forEach((f: FieldDef, i) => {
    if (f.type === 'idNo' || f.type === 'code' || f.type === 'phone') out.push(i);
  });
  return out;
}

/** Column widths from the header length (ID numbers wider). */
export function columnWidthsOf(kind: KindDef): number[] {
  return exportFields(kind).map((f) => {
    if (f.type === 'idNo') return 21;
    if (f.type === 'code') return 18;
    if (f.type === 'phone') return 14;
    if (f.type === 'date') return 12;
    return Math.min(30, Math.max(8, f.header.length * 2 + 2));
  });
}

export function regionRecords(county: County): DemoRecord[] {
  const out: DemoRecord[] = [];
  for (const v of county.villages) {
    for (const g of v.grids) {
      out.push({
        township: v.township,
        township_code: v.townshipCode,
        village: v.name,
        village_code: v.code,
        grid: g.name,
        grid_keeper: g.keeper,
      });
    }
  }
  return out;
}

export function householdRecord(h: Household): DemoRecord {
  const head = h.members[0]!;
  const m = h.monitoring;
  const rec: DemoRecord = {
    hh_no: h.hhNo,
    township: h.village.township,
    village: h.village.name,
    natural_village: h.natural,
    grid: h.grid,
    hh_type: h.type,
    head_name: head.name,
    head_id_no: head.id,
    size_declared: h.members.length,
    phone: h.phone,
    relocated: yesNo(h.relocated),
    whole_no_labour: yesNo(h.doudi),
    dev_measure_status: h.devStatus,
    housing_unsafe: yesNo(h.housing),
    school_dropout: yesNo(h.dropout),
    water_unsafe: yesNo(h.water),
    uninsured: yesNo(h.uninsured),
    arable_land: h.arable,
    forest_land: h.forest,
    road_distance: h.road,
  };
  if (m) {
    rec.mon_category = m.category;
    m.risks.forEach((r, i) => {
      rec[`risk${i + 1}`] = r;
    });
    rec.disaster_sub = m.disasterSub;
    rec.identified_month = compactMonth(m.identified);
    rec.risk_eliminated = yesNo(m.eliminated !== null);
    rec.elimination_method = m.eliminated?.method ?? null;
    rec.eliminated_month = m.eliminated ? compactMonth(m.eliminated.month) : null;
    rec.contact_person = m.contact?.name ?? null;
    rec.contact_phone = m.contact?.phone ?? null;
  }
  return rec;
}

export function memberRecord(h: Household, p: Person): DemoRecord {
  return {
    hh_no: h.hhNo,
    id_no: p.id,
    name: p.name,
    id_type: '居民身份证',
    person_no: p.personNo,
    sex: p.sex,
    birth_date: p.birth,
    ethnicity: p.ethnicity,
    relation: p.relation,
    political: p.political,
    education: p.education,
    school_status: p.school,
    health: p.health,
    disability_type: p.disabilityType,
    disability_grade: p.disabilityGrade,
    labour_skill: p.labour,
    work_status: p.work,
    work_months: p.workMonths,
    work_place: p.workPlace,
    work_company: p.company,
    medical_insured: yesNo(p.medical),
    pension_insured: yesNo(p.pension),
    illness_insured: yesNo(p.medical),
    dibao: p.dibao,
    dibao_since: p.dibao !== '未享受' ? p.dibaoSince : null,
    tekun: yesNo(p.tekun),
    tekun_since: p.tekun ? p.tekunSince : null,
    disabled_care: p.care,
    child_status: p.child,
    phone: p.phone,
    public_post: p.publicPost,
    public_post_months: p.publicPostMonths,
    status: '在册',
  };
}

export function incomeRecord(h: Household, r: IncomeYear): DemoRecord {
  return {
    hh_no: h.hhNo,
    year: r.year,
    size: r.size,
    wage: r.wage,
    business: r.business,
    property: propertyIncome(r),
    property_dividend: r.dividend,
    property_other: r.propertyOther,
    transfer: transferIncome(r),
    family_planning: r.familyPlanning,
    dibao_money: r.dibao,
    tekun_money: r.tekun,
    pension_money: r.pension,
    eco_compensation: r.eco,
    transfer_other: r.transferOther,
    business_cost: r.businessCost,
    claims: r.claims,
    self_pay: r.selfPay,
    other_rigid: r.otherRigid,
    typed_net: r.typedNet,
    typed_per_capita: r.typedPerCapita,
  };
}

export function measureRecord(h: Household, m: Measure): DemoRecord {
  return {
    hh_no: h.hhNo,
    member_id_no: m.memberId,
    category: m.category,
    content: m.content,
    amount: m.amount,
    start_date: m.start,
    end_date: m.end,
  };
}

export function alertRecord(a: Alert): DemoRecord {
  return {
    source_dept: a.dept,
    id_no: a.idNo,
    name: a.name,
    alert_type: a.type,
    value: a.value,
    alert_date: a.date,
    detail: a.detail,
    township_text: a.township,
    village_text: a.village,
    hh_no_text: a.hhNo,
  };
}

export const KIND_DEFS = {
  regions: REGIONS,
  households: HOUSEHOLDS,
  members: MEMBERS,
  incomes: INCOMES,
  measures: MEASURES,
  alerts: ALERTS,
} as const;
