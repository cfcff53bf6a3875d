import type { QVillage, VillageRule } from '../types.js';

/**
 * Family I5 村级信息: the village statistics of the national （自定义）行政村信息 export, judged for
 * every village that has them (the reference checker only looks at 出列村; its checks are as
 * valid for the others).
 */

function villageRule(
  meta: Omit<VillageRule, 'scope' | 'family' | 'check'> & { test: (v: QVillage) => string | null },
): VillageRule {
  const { test, ...rest } = meta;
  return { ...rest, scope: 'village', family: 'I5', check: (v) => test(v) };
}

const zeroOrBlank = (n: number | null): boolean => n === null || n === 0;

export const Q136 = villageRule({
  id: 'Q136',
  name: '村总户数或总人口数为空或 0',
  severity: '错误',
  reads: ['总户数', '总人口数'],
  reading: '行政村信息的总户数或总人口数为空或 0',
  test(v) {
    const bad = [
      zeroOrBlank(v.households) ? `总户数为${v.households ?? '空'}` : '',
      zeroOrBlank(v.population) ? `总人口数为${v.population ?? '空'}` : '',
    ].filter(Boolean);
    return bad.length ? bad.join('，') : null;
  },
});

export const Q137 = villageRule({
  id: 'Q137',
  name: '出列村村级集体经济收入为空或 0',
  severity: '疑点',
  reads: ['是否出列', '村级集体经济收入（万元）'],
  reading: '是否出列为是的村，村级集体经济收入为空或 0',
  test: (v) =>
    v.exited === true && zeroOrBlank(v.collectiveIncome)
      ? `出列村，村级集体经济收入为${v.collectiveIncome ?? '空'}`
      : null,
});

export const Q138 = villageRule({
  id: 'Q138',
  name: '未实现饮水安全户数与危房户数之和大于总户数',
  severity: '错误',
  reads: ['未实现饮水安全户数', '危房户数', '总户数'],
  reading: '未实现饮水安全户数与危房户数之和大于总户数（总户数已填且大于 0）',
  test(v) {
    if (!v.households) return null;
    const s = (v.waterUnsafe ?? 0) + (v.dangerous ?? 0);
    return s > v.households
      ? `未实现饮水安全 ${v.waterUnsafe ?? 0} 户、危房 ${v.dangerous ?? 0} 户，合计 ${s} 户，总户数 ${v.households} 户`
      : null;
  },
});

export const Q139 = villageRule({
  id: 'Q139',
  name: '出列村到乡镇未通硬化路',
  severity: '疑点',
  reads: ['是否出列', '到乡镇是否通沥青（水泥）路'],
  reading: '是否出列为是的村，到乡镇是否通沥青（水泥）路为否或为空',
  test: (v) =>
    v.exited === true && v.pavedRoad !== true
      ? `出列村，到乡镇是否通沥青（水泥）路为${v.pavedRoad === false ? '否' : '空'}`
      : null,
});

const SOCIAL: readonly [string, string][] = [
  ['dibaoHouseholds', '低保户数'],
  ['dibaoPeople', '低保人口数'],
  ['tekun', '特困供养人口数'],
  ['disabled', '残疾人口数'],
];
const SERVICES: readonly [string, string][] = [
  ['schools', '村小学（个数）'],
  ['pension', '参加城乡居民基本养老保险人数'],
  ['bus', '是否通客运班车'],
  ['clinics', '行政村卫生室个数'],
  ['toilets', '行政村公共卫生厕所个数'],
  ['doctors', '行政村执业（助理）医师（人）'],
  ['garbage', '行政村生产生活垃圾集中堆放点个数（个）'],
  ['libraries', '行政村文化（图书）室个数（个）'],
];

/** A village whose statistics leave one of `fields` blank. */
function blankCounts(
  id: string,
  name: string,
  severity: '错误' | '疑点',
  fields: readonly [string, string][],
): VillageRule {
  return villageRule({
    id,
    name,
    severity,
    reads: fields.map((x) => x[1]),
    reading: `行政村信息的 ${fields.map((x) => x[1]).join('、')} 中有空项`,
    test(v) {
      const miss = fields.filter(([k]) => v.counts[k] === null).map((x) => x[1]);
      return miss.length ? `${miss.join('、')}为空` : null;
    },
  });
}

export const Q140 = blankCounts('Q140', '村低保、特困、残疾人口数为空', '错误', SOCIAL);
export const Q141 = blankCounts('Q141', '村公共服务设施数为空', '疑点', SERVICES);

export const Q142 = villageRule({
  id: 'Q142',
  name: '村低保户数、低保人口数与总数矛盾',
  severity: '错误',
  reads: ['低保户数', '低保人口数', '总户数', '总人口数'],
  reading: '低保人口数少于低保户数，或低保户数大于总户数，或低保人口数大于总人口数（各项已填时）',
  test(v) {
    const p: string[] = [];
    if (v.dibaoHouseholds !== null && v.dibaoPeople !== null && v.dibaoPeople < v.dibaoHouseholds)
      p.push(`低保人口 ${v.dibaoPeople} 人少于低保 ${v.dibaoHouseholds} 户`);
    if (v.dibaoHouseholds !== null && v.households && v.dibaoHouseholds > v.households)
      p.push(`低保 ${v.dibaoHouseholds} 户多于总户数 ${v.households} 户`);
    if (v.dibaoPeople !== null && v.population && v.dibaoPeople > v.population)
      p.push(`低保人口 ${v.dibaoPeople} 人多于总人口 ${v.population} 人`);
    return p.length ? p.join('；') : null;
  },
});

export const Q143 = villageRule({
  id: 'Q143',
  name: '登记库中本村户数多于村总户数',
  severity: '疑点',
  reads: ['总户数', '户编号（本村登记的户）'],
  reading: '登记库中本村的户数多于行政村信息的总户数（总户数已填且大于 0）',
  test: (v) =>
    v.households && v.registered > v.households
      ? `登记库中本村有 ${v.registered} 户，行政村信息的总户数为 ${v.households} 户`
      : null,
});

export const VILLAGE_RULES: readonly VillageRule[] = [Q136, Q137, Q138, Q139, Q140, Q141, Q142, Q143];
