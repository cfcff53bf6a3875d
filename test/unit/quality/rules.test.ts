import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../src/domain/id-number.js';
import { ageAt } from '../../../src/domain/normalize.js';
import { schoolStage } from '../../../src/domain/vocab.js';
import { checkHousehold, checkVillage } from '../../../src/quality/engine.js';
import { QUALITY_RULES, qualityRuleById, selectRules } from '../../../src/quality/rules/index.js';
import type {
  HouseholdRule,
  QHousehold,
  QMember,
  QualityContext,
  QVillage,
  VillageRule,
} from '../../../src/quality/types.js';
import { AS_OF, context, eliminated, household, income, monitored, person, village, work } from './fixture.js';

/**
 * Every rule: a household (or village) it must find, and a near miss it must not — the boundary
 * ages, amounts and months where there is one. The clean fixtures find nothing at all.
 */

type Case = {
  hit: () => QHousehold;
  miss: () => QHousehold;
  ctx?: Partial<QualityContext>;
  /** The text the message must contain. */
  says?: string;
};
type VCase = { hit: () => QVillage; miss: () => QVillage; says?: string };

/** The clean household with member i changed. */
const withMember = (i: number, over: Partial<QMember>, base: () => QHousehold = household): QHousehold => {
  const h = base();
  const m = { ...h.members[i]!, ...over };
  // the derived fields follow a changed birth date or school status
  if (over.birth && over.age === undefined) {
    m.age = ageAt(over.birth, AS_OF);
    m.schoolYearAge = ageAt(over.birth, '2023-09-01');
  }
  if (over.school !== undefined && over.stage === undefined) m.stage = schoolStage(over.school);
  h.members[i] = m;
  return h;
};
/** The clean household plus a member. */
const plus = (m: QMember, base: () => QHousehold = household): QHousehold => {
  const h = base();
  h.members.push(m);
  h.sizeDeclared = h.members.length;
  h.income = income({ size: h.members.length });
  h.incomes = new Map([[2023, h.income]]);
  return h;
};
const child = (age: number, over: Partial<QMember> = {}) => person(age, { relation: '之子', ...over });
const measures = (...pairs: [string, string][]) => {
  const m = new Map<string, string[]>();
  for (const [c, x] of pairs) m.set(c, [...(m.get(c) ?? []), x]);
  return m;
};
const noLabourPair = (): QMember[] => [
  person(80, { relation: '户主', labour: '无劳动力' }),
  person(78, { relation: '配偶', sex: '女', labour: '无劳动力' }),
];
const withIncome = (over: Parameters<typeof income>[0], base: () => QHousehold = household): QHousehold => {
  const h = base();
  h.income = income({ size: h.members.length, ...over });
  h.incomes = new Map([[h.income.year, h.income]]);
  return h;
};

const CASES: Record<string, Case> = {
  Q01: {
    hit: () => withMember(0, { idNo: '140702198903011235' }),
    miss: () => withMember(0, { idType: '其他', idNo: 'A1234567' }),
    says: '校验位',
  },
  Q02: { hit: () => withMember(1, { sex: '男' }), miss: household, says: '第 17 位' },
  Q03: {
    hit: () => withMember(0, { birth: '1989-03-02', age: 35 }),
    miss: household,
    says: '出生日期为 1989-03-02',
  },
  Q04: {
    hit: () => withMember(1, { health: '残疾', disabilityType: '肢体残疾', disabilityGrade: '三级' }),
    miss: () =>
      withMember(1, { health: '残疾', idType: '残疾人证', disabilityType: '肢体残疾', disabilityGrade: '三级' }),
  },
  Q05: {
    hit: () => withMember(1, { idType: '残疾人证', disabilityType: '肢体残疾' }),
    miss: () => withMember(1, { idType: '残疾人证', disabilityType: '肢体残疾', health: '残疾,长期慢性病' }),
  },
  Q06: {
    hit: () => {
      const h = household();
      const m = h.members[1]!;
      h.members[1] = {
        ...m,
        idType: '残疾人证',
        cardNo: `${m.idNo}43`,
        health: '残疾',
        disabilityType: '视力残疾',
        disabilityGrade: '三级',
      };
      return h;
    },
    miss: () => {
      const h = household();
      const m = h.members[1]!;
      h.members[1] = {
        ...m,
        idType: '残疾人证',
        cardNo: `${m.idNo}43B1`,
        health: '残疾',
        disabilityType: '肢体残疾',
        disabilityGrade: '三级',
      };
      return h;
    },
    says: '类别位表示肢体残疾',
  },
  Q07: {
    hit: () => withMember(1, { health: '残疾', idType: '残疾人证' }),
    miss: () =>
      withMember(1, { health: '残疾', idType: '残疾人证', disabilityType: '智力残疾', disabilityGrade: '二级' }),
  },
  Q08: { hit: () => withMember(0, { relation: '之子' }), miss: household },
  Q09: { hit: () => withMember(2, { relation: '户主' }), miss: household },
  Q10: {
    hit: () => withMember(1, { sex: '男', idNo: makeIdNumber('140702', '1989-03-01', '011') }),
    miss: household,
  },
  Q11: { hit: () => withMember(1, { relation: '之子' }), miss: () => withMember(1, { relation: '之女' }) },
  Q12: {
    hit: () => household({ sizeDeclared: 4 }),
    // a child born after the income year: 2023 had 3 people
    miss: () => withIncome({ size: 3 }, () => plus(child(0, { birth: '2024-02-01' }))),
    says: '家庭人口数为 4',
  },
  Q13: { hit: () => household({ headName: '王大君' }), miss: household },
  Q14: {
    hit: () => household(),
    miss: household,
    ctx: { headElsewhere: new Map([['1407021001000001', '1407021001000099']]) },
  },
  Q15: { hit: () => withMember(2, { relation: '配偶', birth: '1990-01-01' }), miss: household },
  Q16: {
    hit: () => withMember(2, { birth: '1989-03-01' }),
    miss: () => withMember(2, { birth: '2009-03-01' }),
    says: '为之子',
  },
  Q17: {
    hit: () => withIncome({ typedNet: 40000 }),
    miss: () => withIncome({ typedNet: 39000.5 }),
    says: '39,000',
  },
  Q18: {
    hit: () => withIncome({ typedPerCapita: 13002 }),
    miss: () => withIncome({ typedPerCapita: 13000.4 }),
  },
  Q19: { hit: () => withIncome({ wage: 99.5 }), miss: () => withIncome({ wage: 100 }) },
  Q20: {
    hit: () => withIncome({ business: 0 }, () => monitored()),
    miss: () => withIncome({ business: 1 }, () => monitored()),
  },
  Q21: {
    hit: () => withIncome({ transfer: 0 }, () => withMember(1, { dibao: '农村低保' })),
    miss: () => withIncome({ transfer: 1 }, () => withMember(1, { dibao: '农村低保' })),
  },
  Q22: {
    hit: () => withIncome({ year: 2022, wage: 60001, size: 3 }, () => monitored()),
    miss: () => withIncome({ year: 2022, wage: 30000 + 18000, business: 12000, size: 3 }, () => monitored()),
    says: '2022 年人均纯收入',
  },
  Q23: {
    hit: () =>
      withIncome({ selfPay: 0 }, () =>
        monitored({ risks: ['因病'], measures: measures(['健康帮扶', '家庭医生签约']) }),
      ),
    miss: () => withIncome({ selfPay: 1 }, () => monitored({ risks: ['因病'] })),
  },
  Q24: {
    hit: () => withIncome({ wage: 0 }, () => eliminated({ measures: measures(['就业帮扶', '推荐就业']) })),
    miss: () => withIncome({ wage: 0 }, () => monitored({ measures: measures(['就业帮扶', '推荐就业']) })),
  },
  Q25: {
    hit: () => eliminated({ snapshot: { ...eliminated().snapshot!, perCapita: 8299 } }),
    miss: () => eliminated({ snapshot: { ...eliminated().snapshot!, perCapita: 8300 } }),
    says: '8,299',
  },
  Q26: {
    hit: () => withMember(2, { birth: '2017-04-30', school: '学前教育', stage: '学前教育' }),
    miss: () => withMember(2, { birth: '2017-05-02', school: '学前教育', stage: '学前教育' }),
  },
  Q27: {
    hit: () => withMember(2, { birth: '2009-04-30', school: '小学六年级', stage: '小学' }),
    miss: () => withMember(2, { birth: '2009-05-02', school: '小学六年级', stage: '小学' }),
    says: '15 岁',
  },
  Q28: {
    hit: () => withMember(2, { birth: '2012-05-02', school: '七年级', stage: '初中' }),
    miss: () => withMember(2, { birth: '2012-04-30', school: '七年级', stage: '初中' }),
  },
  Q29: {
    hit: () => withMember(2, { birth: '2009-05-02', school: '普通高中一年级', stage: '高中' }),
    miss: () => withMember(2, { birth: '2009-05-01', school: '普通高中一年级', stage: '高中' }),
  },
  Q30: {
    hit: () => withMember(2, { birth: '2003-04-30', school: '中职三年级', stage: '中职' }),
    miss: () => withMember(2, { birth: '2003-05-02', school: '中职三年级', stage: '中职' }),
  },
  Q31: {
    hit: () => withMember(2, { birth: '2007-05-02', school: '本科', stage: '本科' }),
    miss: () => withMember(2, { birth: '2007-05-01', school: '本科', stage: '本科' }),
  },
  Q32: {
    hit: () => withMember(2, { birth: '2004-05-02', school: '硕士研究生及以上', stage: '研究生' }),
    miss: () => withMember(2, { birth: '2004-05-01', school: '硕士研究生及以上', stage: '研究生' }),
  },
  Q33: {
    hit: () => withMember(2, { birth: '2010-03-02', school: null, stage: null }),
    miss: () =>
      withMember(2, { birth: '2010-03-02', school: '非在校生', stage: '非在校生', outOfSchoolReason: '其他' }),
    says: '在校生状况为空且未填义务教育阶段未上学原因',
  },
  Q34: {
    hit: () => withMember(0, { labour: '丧失劳动力' }),
    miss: () => withMember(0, { labour: '丧失劳动力', health: '长期慢性病' }),
  },
  Q35: {
    hit: () => withMember(0, { labour: '弱劳动力或半劳动力' }),
    miss: () => withMember(0, { labour: '弱劳动力或半劳动力', birth: '1964-05-01' }),
  },
  Q36: {
    hit: () => withMember(2, { labour: '普通劳动力' }),
    miss: () => withMember(2, { labour: '普通劳动力', birth: '2008-05-01', school: '非在校生', stage: '非在校生' }),
  },
  Q37: {
    hit: () => withMember(0, { birth: '1964-05-01', labour: '普通劳动力' }),
    miss: () => withMember(0, { birth: '1964-05-02', labour: '普通劳动力' }),
  },
  Q38: {
    hit: () => withMember(1, { tekun: true, birth: '2006-05-01' }),
    miss: () => withMember(1, { tekun: true, birth: '2006-05-02' }),
  },
  Q39: {
    hit: () => withMember(1, { health: '残疾', disabilityType: '肢体残疾', disabilityGrade: '二级' }),
    miss: () => withMember(1, { health: '残疾', disabilityType: '肢体残疾', disabilityGrade: '三级' }),
  },
  Q40: { hit: () => withMember(2, { education: '小学' }), miss: household },
  Q41: {
    hit: () => withMember(0, { birth: '2001-05-02', education: '小学' }),
    miss: () => withMember(0, { birth: '2001-05-01', education: '小学' }),
  },
  Q42: {
    hit: () => withMember(0, { birth: '2006-05-02', education: '大专及以上' }),
    miss: () => withMember(0, { birth: '2006-05-01', education: '大专及以上' }),
  },
  Q43: {
    hit: () => withMember(2, { outOfSchoolReason: '因病' }),
    miss: () => withMember(2, { outOfSchoolReason: '因病', health: '患有大病' }),
  },
  Q44: {
    hit: () => withMember(0, { birth: '1954-05-01', publicPost: '护林员' }),
    miss: () => withMember(0, { birth: '1954-05-02', publicPost: '护林员', publicPostMonths: 12 }),
  },
  Q45: {
    hit: () => withMember(1, { labour: '无劳动力', health: '患有大病', publicPost: '保洁员', publicPostMonths: 12 }),
    miss: () =>
      withMember(1, { labour: '弱劳动力或半劳动力', health: '患有大病', publicPost: '保洁员', publicPostMonths: 12 }),
  },
  Q46: {
    hit: () => monitored({ risks: ['因病'] }),
    miss: () => monitored({ risks: ['因病'], measures: measures(['社会帮扶', '慈善救助']) }),
  },
  Q47: {
    hit: () => monitored({ risks: ['因学'] }),
    miss: () => monitored({ risks: ['因学'], measures: measures(['教育帮扶', '雨露计划']) }),
  },
  Q48: {
    hit: () => monitored({ risks: ['因残'] }),
    miss: () => monitored({ risks: ['因残'], measures: measures(['综合保障', '残疾人两项补贴']) }),
  },
  Q49: {
    hit: () => monitored({ risks: ['因安全住房'] }),
    miss: () => monitored({ risks: ['因安全住房'], measures: measures(['搬迁', '易地搬迁']) }),
  },
  Q50: {
    hit: () => monitored({ risks: ['因安全饮水'] }),
    miss: () => monitored({ risks: ['因安全饮水'], measures: measures(['饮水安全保障', '维修管网']) }),
  },
  Q51: {
    hit: () => monitored({ risks: ['因务工就业不稳'] }),
    miss: () => monitored({ risks: ['因务工就业不稳'], measures: measures(['就业帮扶', '推荐就业']) }),
  },
  Q52: {
    hit: () => monitored({ risks: ['因产业项目失败'], measures: measures(['就业帮扶', '推荐就业']) }),
    miss: () => monitored({ risks: ['因产业项目失败'] }),
  },
  Q53: {
    hit: () => monitored({ schoolDropout: true }),
    miss: () => monitored({ schoolDropout: true, measures: measures(['义务教育保障', '控辍保学']) }),
  },
  Q54: {
    hit: () => monitored({ uninsured: true }),
    miss: () => monitored({ uninsured: true, measures: measures(['健康帮扶', '代缴医保']) }),
  },
  Q55: {
    hit: () => monitored({ housingUnsafe: true, risks: ['因安全住房'], measures: measures(['产业帮扶', '奖补']) }),
    miss: () => monitored({ housingUnsafe: true, risks: ['因安全住房'], measures: measures(['住房安全保障', '危改']) }),
  },
  Q56: {
    hit: () => monitored({ waterUnsafe: true, risks: ['因安全饮水'] }),
    miss: () => monitored({ waterUnsafe: true, risks: ['因安全饮水'], measures: measures(['饮水安全保障', '管网']) }),
  },
  Q57: { hit: () => monitored({ risks: [] }), miss: monitored },
  Q58: {
    hit: () => monitored({ risks: ['因残'], measures: measures(['综合保障', '补贴']) }),
    miss: () =>
      withMember(1, { health: '残疾', idType: '残疾人证', disabilityType: '肢体残疾', disabilityGrade: '三级' }, () =>
        monitored({ risks: ['因残'], measures: measures(['综合保障', '补贴']) }),
      ),
  },
  Q59: {
    hit: () => monitored({ risks: ['因病'], measures: measures(['健康帮扶', '签约']) }),
    miss: () =>
      withMember(1, { health: '长期慢性病' }, () =>
        monitored({ risks: ['因病'], measures: measures(['健康帮扶', '签约']) }),
      ),
  },
  Q60: {
    // 2 of 4 able (50%) vs 1 of 4 (25%, not over a quarter)
    hit: () => plus(person(70, { relation: '之父', labour: '无劳动力' }), () => monitored({ risks: ['缺劳动力'] })),
    miss: () =>
      plus(person(70, { relation: '之父', labour: '无劳动力' }), () =>
        withMember(1, { labour: '无劳动力', health: '患有大病' }, () => monitored({ risks: ['缺劳动力'] })),
      ),
  },
  Q61: {
    hit: () => monitored({ risks: ['因务工就业不稳'], measures: measures(['就业帮扶', '推荐']) }),
    miss: () =>
      withMember(0, { work: [work({ end: '2023-12', start: '2023-03' })] }, () =>
        monitored({ risks: ['因务工就业不稳'], measures: measures(['就业帮扶', '推荐']) }),
      ),
  },
  Q62: {
    hit: () =>
      monitored(
        { risks: ['因务工就业不稳'], measures: measures(['就业帮扶', '推荐']), wholeNoLabour: true },
        noLabourPair(),
      ),
    miss: () => monitored({ risks: ['因务工就业不稳'], measures: measures(['就业帮扶', '推荐']) }),
  },
  Q63: {
    hit: () =>
      monitored({ risks: ['因学'], measures: measures(['教育帮扶', '助学']) }, [
        person(45, { relation: '户主' }),
        person(44, { relation: '配偶', sex: '女' }),
      ]),
    miss: () => monitored({ risks: ['因学'], measures: measures(['教育帮扶', '助学']) }),
  },
  Q64: {
    hit: () => monitored({ risks: ['因自然灾害'], measures: measures(['综合保障', '临时救助']) }),
    miss: () => monitored({ risks: ['因自然灾害'], disasterSub: '洪涝', measures: measures(['综合保障', '临时救助']) }),
  },
  Q65: {
    hit: () => monitored({ waterUnsafe: true, measures: measures(['饮水安全保障', '管网']) }),
    miss: () =>
      monitored({
        waterUnsafe: true,
        risks: ['因意外事故', '因安全饮水'],
        measures: measures(['饮水安全保障', '管网']),
      }),
  },
  Q66: {
    hit: () => monitored({ dangerousHouse: true, housingUnsafe: true, measures: measures(['住房安全保障', '危改']) }),
    miss: () =>
      monitored({
        dangerousHouse: true,
        housingUnsafe: true,
        risks: ['因意外事故', '因安全住房'],
        measures: measures(['住房安全保障', '危改']),
      }),
  },
  Q67: {
    hit: () => monitored({ identified: '2024-03', measures: new Map() }),
    miss: () => monitored({ identified: '2024-04', measures: new Map() }),
  },
  Q68: {
    hit: () => monitored({ measures: measures(['产业帮扶', '奖补'], ['综合保障', '纳入农村低保']) }),
    miss: () =>
      withMember(1, { dibao: '农村低保' }, () =>
        monitored({ measures: measures(['产业帮扶', '奖补'], ['综合保障', '纳入农村低保']) }),
      ),
  },
  Q69: {
    hit: () => monitored({ measures: measures(['产业帮扶', '奖补'], ['综合保障', '纳入特困供养']) }),
    miss: () =>
      withMember(1, { tekun: true, health: '患有大病' }, () =>
        monitored({ measures: measures(['产业帮扶', '奖补'], ['综合保障', '纳入特困供养']) }),
      ),
  },
  Q70: {
    hit: () => monitored({ measures: measures(['产业帮扶', '奖补'], ['综合保障', '发放困难残疾人生活补贴']) }),
    miss: () =>
      withMember(1, { health: '残疾', idType: '残疾人证', disabilityType: '视力残疾', disabilityGrade: '二级' }, () =>
        monitored({ measures: measures(['产业帮扶', '奖补'], ['综合保障', '发放困难残疾人生活补贴']) }),
      ),
  },
  Q71: {
    hit: () => withMember(1, { dibao: '农村低保' }, () => monitored()),
    miss: () => withMember(1, { dibao: '农村低保' }, () => monitored({ identified: '2024-04' })),
  },
  Q72: {
    hit: () => withMember(1, { tekun: true, health: '患有大病' }, () => monitored()),
    miss: () =>
      withMember(1, { tekun: true, health: '患有大病' }, () =>
        monitored({ measures: measures(['产业帮扶', '奖补'], ['综合保障', '纳入特困供养']) }),
      ),
  },
  Q73: {
    hit: () =>
      withMember(1, { health: '残疾', idType: '残疾人证', disabilityType: '视力残疾', disabilityGrade: '一级' }, () =>
        monitored(),
      ),
    miss: () =>
      withMember(1, { health: '残疾', idType: '残疾人证', disabilityType: '视力残疾', disabilityGrade: '三级' }, () =>
        monitored(),
      ),
  },
  Q74: {
    hit: () => monitored({ measures: measures(['综合保障', '临时救助']), devStatus: '尚未实施' }),
    miss: () => monitored({ measures: measures(['综合保障', '临时救助']), devStatus: '尚未实施' }, noLabourPair()),
  },
  Q75: {
    hit: () => monitored({ measures: measures(['健康帮扶', '签约']), devStatus: '尚未实施' }),
    miss: () => monitored({ measures: measures(['健康帮扶', '签约']), devStatus: '已实施' }),
  },
  Q76: { hit: () => monitored({ devStatus: '尚未实施' }), miss: monitored },
  Q77: { hit: () => monitored({ measures: measures(['健康帮扶', '签约']) }), miss: monitored },
  Q78: {
    hit: () =>
      monitored(
        { measures: measures(['综合保障', '纳入农村低保']), wholeNoLabour: false, devStatus: null },
        noLabourPair(),
      ),
    miss: () =>
      monitored(
        { measures: measures(['综合保障', '纳入农村低保']), wholeNoLabour: true, devStatus: null },
        noLabourPair(),
      ),
  },
  Q79: {
    hit: () => household({ wholeNoLabour: true }),
    miss: () => household({ wholeNoLabour: true }, noLabourPair()),
  },
  Q80: {
    hit: () =>
      monitored({ measures: measures(['综合保障', '临时救助']), wholeNoLabour: true, devStatus: null }, noLabourPair()),
    miss: () => {
      const ms = noLabourPair();
      ms[0]!.dibao = '农村低保';
      return monitored({ measures: measures(['综合保障', '纳入农村低保']), wholeNoLabour: true, devStatus: null }, ms);
    },
  },
  Q81: {
    hit: () => eliminated({ identified: '2023-06', eliminatedMonth: '2023-07' }),
    miss: () => eliminated({ identified: '2023-06', eliminatedMonth: '2023-07', method: '自然消除' }),
  },
  Q82: {
    hit: () => eliminated({ identified: '2023-06', eliminatedMonth: '2023-11' }),
    miss: () => eliminated({ identified: '2023-06', eliminatedMonth: '2023-12' }),
    says: '只监测了 5 个月',
  },
  Q83: {
    hit: () => eliminated({ identified: '2023-06', eliminatedMonth: '2023-05', method: '自然消除' }),
    miss: () => eliminated({ identified: '2023-06', eliminatedMonth: '2023-06', method: '自然消除' }),
  },
  Q84: { hit: () => eliminated({ contactPhone: null }), miss: eliminated },
  Q85: {
    hit: () => eliminated({ snapshot: { ...eliminated().snapshot!, net: null } }),
    miss: eliminated,
  },
  Q86: {
    hit: () => eliminated({ dangerousHouse: true }),
    miss: () =>
      monitored({ dangerousHouse: true, risks: ['因安全住房'], measures: measures(['住房安全保障', '危改']) }),
  },
  Q87: { hit: () => eliminated({ waterUnsafe: true }), miss: eliminated },
  Q88: { hit: () => eliminated({ snapshot: { ...eliminated().snapshot!, housingDamaged: true } }), miss: eliminated },
  Q89: { hit: () => eliminated({}, noLabourPair()), miss: eliminated },
  Q90: {
    hit: () => eliminated({ measures: new Map() }),
    miss: () => eliminated({ measures: new Map(), method: '自然消除' }),
  },
  Q91: { hit: () => eliminated({ method: null }), miss: eliminated },
  Q92: { hit: () => household({ phone: '1391234567' }), miss: () => household({ phone: '0354-3021234' }) },
  Q93: {
    hit: () => monitored({ contactPhone: '0354-3021234' }),
    miss: () => monitored({ contactPhone: '13800000001' }),
  },
  Q94: {
    hit: () => withMember(1, { workPlace: '浙江省杭州市' }),
    miss: () => withMember(1, { workPlace: '浙江省杭州市', phone: '13712345678' }),
  },
  Q95: {
    hit: household,
    miss: household,
    ctx: { sharedPhones: new Map([['13912345678', ['1407021001000001', '1407021001000002']]]) },
  },
  Q96: {
    hit: () => {
      const h = household();
      h.members[0] = { ...h.members[0]!, work: [work()] };
      h.members[1] = { ...h.members[1]!, phone: '13912345678', work: [work({ county: '广东省深圳市' })] };
      return h;
    },
    miss: () => {
      const h = household();
      h.members[0] = { ...h.members[0]!, work: [work()] };
      h.members[1] = { ...h.members[1]!, phone: '13912345678', work: [work()] };
      return h;
    },
  },
  Q97: {
    hit: () => withMember(0, { work: [work({ monthlyWage: 30001 })] }),
    miss: () => withMember(0, { work: [work({ monthlyWage: 30000 })] }),
  },
  Q98: {
    hit: () => withMember(0, { work: [work({ county: '广东省' })] }),
    miss: () => withMember(0, { work: [work({ county: '广东省', end: '2024-04' })] }),
  },
  Q99: {
    hit: () => withMember(0, { work: [work({ industry: null })] }),
    miss: () => withMember(0, { work: [work({ industry: null, end: '2024-04' })] }),
  },
  Q100: {
    hit: () => withMember(0, { work: [work({ start: '2023-01', end: '2023-06' }), work({ start: '2023-05' })] }),
    miss: () => withMember(0, { work: [work({ start: '2023-01', end: '2023-05' }), work({ start: '2023-05' })] }),
  },
  Q101: {
    hit: () => withMember(0, { work: [work({ start: '2023-05', end: '2023-04' })] }),
    miss: () => withMember(0, { work: [work({ start: '2023-05', end: '2023-05' })] }),
  },
  Q102: {
    hit: () => withMember(1, { labour: '丧失劳动力', health: '患有大病', work: [work()] }),
    miss: () => withMember(1, { labour: '丧失劳动力', health: '患有大病', work: [work({ end: '2024-04' })] }),
  },
  Q103: {
    hit: () => withMember(2, { work: [work()] }),
    miss: () => withMember(2, { work: [work({ end: '2023-08' })] }),
  },
  Q104: {
    hit: () => withMember(0, { birth: '2007-06-01', work: [work({ start: '2023-05' })] }),
    miss: () => withMember(0, { birth: '2007-06-01', work: [work({ start: '2023-06' })] }),
  },
  Q105: {
    hit: () => withMember(1, { tekun: true, workStatus: '省外务工' }),
    miss: () => withMember(1, { tekun: true, workStatus: '未务工' }),
  },
  Q106: {
    hit: () => withMember(0, { plan: { planWork: true, planOutside: true, county: '太原市', need: null } }),
    miss: () => withMember(0, { plan: { planWork: false, planOutside: false, county: null, need: null } }),
  },
  Q107: {
    hit: () => withMember(0, { work: [work({ working: false, end: '2024-06' })] }),
    miss: () => withMember(0, { work: [work({ working: false, end: '2024-05' })] }),
  },
  Q108: {
    hit: () => withMember(0, { work: [work({ channel: '公益性岗位' })] }),
    miss: () => withMember(0, { work: [work({ channel: '公益性岗位', county: '山西省晋中市榆次区' })] }),
  },
  Q109: { hit: () => withMember(1, { ethnicity: null }), miss: () => withMember(1, { ethnicity: null }), ctx: {} },
  Q110: { hit: () => withMember(1, { health: null }), miss: household },
  Q111: { hit: () => withMember(1, { labour: null }), miss: household },
  Q112: {
    hit: () => withMember(1, { education: null, school: null }),
    miss: () => withMember(2, { school: null, birth: '2010-03-02' }),
  },
  Q113: { hit: () => withMember(1, { birth: null, age: null }), miss: household },
  Q114: {
    hit: () => withMember(1, { medical: null, staffMedical: null }),
    miss: () => withMember(1, { medical: null, staffMedical: true }),
  },
  Q115: {
    hit: () => withMember(1, { pension: null }),
    miss: () => withMember(1, { pension: null, birth: '2008-05-02' }),
  },
  Q116: { hit: () => monitored({ identified: null }), miss: monitored },
  Q117: { hit: () => monitored({ housingArea: null }), miss: () => household({ housingArea: null }) },
  Q118: { hit: () => monitored({ waterUnsafe: null }), miss: () => household({ waterUnsafe: null }) },
  Q119: {
    hit: () => withMember(1, { medical: false }),
    miss: () => withMember(1, { medical: false }, () => household({ uninsured: true })),
  },
  Q120: {
    hit: () => withMember(1, { staffMedical: true }),
    miss: () => withMember(1, { staffMedical: true, medical: false }),
  },
  Q121: { hit: () => withMember(1, { illness: false }), miss: () => withMember(1, { illness: null }) },
  Q122: {
    hit: () => household({ waterUnsafe: true }),
    miss: () => monitored({ waterUnsafe: true, risks: ['因安全饮水'], measures: measures(['饮水安全保障', '管网']) }),
  },
  Q123: { hit: () => household({ electricity: false }), miss: () => household({ electricity: null }) },
  Q124: {
    hit: () => household({ dangerousHouse: true, housingUnsafe: false }),
    miss: () => household({ dangerousHouse: false, housingUnsafe: true }),
  },
  Q125: {
    hit: () => household({ land: { ...household().land, arable: 100.1 } }),
    miss: () => household({ land: { ...household().land, arable: 100 } }),
  },
  Q126: {
    hit: () => household({ land: { ...household().land, forest: 200.5 } }),
    miss: () => household({ land: { ...household().land, forest: 200 } }),
  },
  Q127: {
    hit: () => household({ land: { ...household().land, returned: 201 } }),
    miss: () => household({ land: { ...household().land, returned: 200 } }),
  },
  Q128: {
    hit: () => household({ land: { ...household().land, orchard: -1 } }),
    miss: () => household({ land: { ...household().land, orchard: 0 } }),
  },
  Q129: {
    hit: () => household({ land: { ...household().land, grass: 101 } }),
    miss: () => household({ land: { ...household().land, grass: 100 } }),
  },
  Q130: {
    hit: () => household({ land: { ...household().land, water: 120 } }),
    miss: () => household({ land: { ...household().land, water: 100 } }),
  },
  Q131: {
    hit: () => household({ land: { ...household().land, road: 5.1 } }),
    miss: () => household({ land: { ...household().land, road: 5 } }),
  },
  Q132: { hit: () => household({ housingArea: 9 }), miss: () => household({ housingArea: 10 }) },
  Q133: {
    hit: () => withMember(0, { publicPost: '护林员', publicPostMonths: 0 }),
    miss: () => withMember(0, { publicPost: '护林员', publicPostMonths: 1 }),
  },
  Q134: { hit: () => withMember(0, { publicPostMonths: 6 }), miss: () => withMember(0, { publicPostMonths: 0 }) },
  Q135: {
    hit: () => withMember(0, { publicPost: '护林员,保洁员、护路员', publicPostMonths: 12 }),
    miss: () => withMember(0, { publicPost: '护林员,保洁员,护林员', publicPostMonths: 12 }),
  },
};

/** Case-specific contexts: the miss of Q109 runs where nobody's 民族 is collected. */
const MISS_CTX: Record<string, Partial<QualityContext>> = {
  Q14: { headElsewhere: new Map() },
  Q95: { sharedPhones: new Map([['13900000000', ['1407021001000001', '1407021001000002']]]) },
  Q109: { collected: new Set(['members.health']) },
};

const VCASES: Record<string, VCase> = {
  Q136: { hit: () => village({ population: 0 }), miss: village },
  Q137: {
    hit: () => village({ collectiveIncome: null }),
    miss: () => village({ collectiveIncome: null, exited: false }),
  },
  Q138: {
    hit: () => village({ households: 10, waterUnsafe: 6, dangerous: 5 }),
    miss: () => village({ households: 11, waterUnsafe: 6, dangerous: 5 }),
  },
  Q139: { hit: () => village({ pavedRoad: false }), miss: () => village({ pavedRoad: false, exited: false }) },
  Q140: { hit: () => village({ counts: { ...village().counts, tekun: null } }), miss: village },
  Q141: {
    hit: () => village({ counts: { ...village().counts, clinics: null } }),
    miss: () => village({ counts: { ...village().counts, clinics: 0 } }),
  },
  Q142: { hit: () => village({ dibaoPeople: 7 }), miss: () => village({ dibaoPeople: 8 }) },
  Q143: { hit: () => village({ registered: 121 }), miss: () => village({ registered: 120 }) },
};

const ids = (r: HouseholdRule, h: QHousehold, c: QualityContext) => checkHousehold(h, [r], c);

describe('data-quality rules: a finding and a near miss for every rule', () => {
  it('has a case for every rule, and the ids run Q01… in family order', () => {
    for (const r of QUALITY_RULES) expect(CASES[r.id] ?? VCASES[r.id], r.id).toBeDefined();
    expect(QUALITY_RULES.length).toBeGreaterThanOrEqual(80);
    expect(QUALITY_RULES.map((r) => r.id)).toEqual(QUALITY_RULES.map((_, i) => `Q${String(i + 1).padStart(2, '0')}`));
  });

  it('the clean fixtures find nothing', () => {
    const c = context();
    const hRules = QUALITY_RULES.filter((r): r is HouseholdRule => r.scope === 'household');
    for (const h of [household(), monitored(), eliminated()]) expect(checkHousehold(h, hRules, c)).toEqual([]);
    const vRules = QUALITY_RULES.filter((r): r is VillageRule => r.scope === 'village');
    expect(checkVillage(village(), vRules, c)).toEqual([]);
  });

  for (const [id, k] of Object.entries(CASES)) {
    it(`${id} ${qualityRuleById(id)?.name ?? ''}`, () => {
      const rule = qualityRuleById(id) as HouseholdRule;
      const hit = ids(rule, k.hit(), context(k.ctx));
      expect(hit.length, 'finds the household').toBeGreaterThan(0);
      expect(hit[0]!.rule).toBe(id);
      if (k.says) expect(hit[0]!.message).toContain(k.says);
      const miss = ids(rule, k.miss(), context({ ...k.ctx, ...MISS_CTX[id] }));
      expect(miss, 'near miss').toEqual([]);
    });
  }

  for (const [id, k] of Object.entries(VCASES)) {
    it(`${id} ${qualityRuleById(id)?.name ?? ''}`, () => {
      const rule = qualityRuleById(id) as VillageRule;
      expect(checkVillage(k.hit(), [rule], context()).length).toBe(1);
      expect(checkVillage(k.miss(), [rule], context())).toEqual([]);
    });
  }
});

describe('findings', () => {
  it('name the household, and the member where it concerns one; a household fact once per household', () => {
    const c = context();
    const [m] = checkHousehold(withMember(2, { education: '小学' }), [qualityRuleById('Q40') as HouseholdRule], c);
    expect(m).toMatchObject({ rule: 'Q40', severity: '疑点', 户编号: '1407021001000001', 姓名: '王小明' });
    expect(m!.证件号码).toMatch(/^\d{17}[\dX]$/);
    // 两 低保 members, one household finding
    const h = withMember(0, { dibao: '农村低保' }, () => withMember(1, { dibao: '农村低保' }, () => monitored()));
    const f = checkHousehold(h, [qualityRuleById('Q71') as HouseholdRule], c);
    expect(f).toHaveLength(1);
    expect(f[0]!.证件号码).toBeNull();
  });

  it('cites the values: the compulsory-age child of the issue', () => {
    const h = withMember(2, { name: '王小梅', sex: '女', birth: '2011-03-02', school: null, stage: null });
    const [f] = checkHousehold(h, [qualityRuleById('Q33') as HouseholdRule], context());
    expect(f!.message).toBe('王小梅 13 岁（2011-03-02 出生），在校生状况为空且未填义务教育阶段未上学原因');
  });
});

describe('rule selection', () => {
  it('--rules and --family pick rules; unknown ones are usage errors', () => {
    expect(selectRules('q1, Q033', undefined).map((r) => r.id)).toEqual(['Q01', 'Q33']);
    expect(selectRules(undefined, 'e1').every((r) => r.family === 'E1')).toBe(true);
    expect(selectRules('Q01,Q46', 'E1').map((r) => r.id)).toEqual(['Q46']);
    expect(() => selectRules('Q999', undefined)).toThrow(/不是数据质量规则编号/);
    expect(() => selectRules(undefined, 'Z')).toThrow(/不是规则类别/);
  });
});
