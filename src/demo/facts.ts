/**
 * Facts of a demo household and person that both the import-format files (rows.ts) and the
 * national-format export (national.ts) carry: derived once here so the two agree.
 */
import type { Person } from './family.js';
import type { Household } from './model.js';

/** Stable small numbers from a text (deterministic per record, independent of file order). */
export function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export interface HouseholdFacts {
  dangerousHouse: boolean;
  toilet: boolean;
  toiletUsable: boolean | null;
  returnedFarmland: number;
  orchardLand: number;
  grassland: number;
  waterArea: number;
  electricity: boolean;
  roadHardened: boolean;
  housingArea: number;
}

export function householdFacts(h: Household): HouseholdFacts {
  const x = hashOf(h.hhNo);
  const toilet = x % 6 !== 0;
  return {
    dangerousHouse: h.housing,
    toilet,
    toiletUsable: toilet ? x % 11 !== 0 : null,
    returnedFarmland: x % 7 === 0 ? 1 + (x % 3) : 0,
    orchardLand: x % 9 === 0 ? 0.5 : 0,
    grassland: x % 13 === 0 ? 5 : 0,
    waterArea: x % 17 === 0 ? 0.3 : 0,
    electricity: true,
    roadHardened: h.road <= 3,
    housingArea: 40 + (x % 80),
  };
}

export interface PersonFacts {
  outOfSchoolReason: string | null;
  employmentChannel: string | null;
  staffMedical: boolean;
  staffPension: boolean | null;
  medicalAid: boolean;
  accidentInsured: boolean | null;
}

export function personFacts(h: Household, p: Person): PersonFacts {
  const compulsoryAge = p.age >= 6 && p.age <= 15;
  const working = p.work?.endsWith('务工') === true && p.work !== '未务工';
  return {
    outOfSchoolReason: compulsoryAge && p.school === '非在校生' ? (p.disabled ? '残疾' : '其他') : null,
    employmentChannel: h.relocated && working ? '劳务输出' : null,
    staffMedical: false,
    staffPension: p.pension === null ? null : false,
    medicalAid: p.ill && (h.type === '脱贫户' || h.monitoring !== null),
    accidentInsured: h.type === '脱贫户' && p.age >= 16 && p.age < 60 ? hashOf(p.id) % 3 !== 0 : null,
  };
}
