import { monthsBetween } from '../../domain/colour.js';
import { capable, householdRule, isEliminated, measureCount, month } from '../define.js';
import type { HouseholdRule } from '../types.js';

/** Family F 风险消除: timing, contacts and the 风险消除后 indicators of eliminated 监测对象. */

const span = (from: string, to: string): number => monthsBetween(from, to);

export const Q81 = householdRule({
  id: 'Q81',
  name: '识别当月或次月即消除风险',
  family: 'F',
  severity: '错误',
  reads: ['识别监测时间', '消除监测时间', '风险消除方式'],
  reading: '风险消除方式不是自然消除的已消除监测对象，消除监测时间与识别监测时间同月或在其次月',
  test(h) {
    if (!isEliminated(h) || h.method === '自然消除' || !h.identified || !h.eliminatedMonth) return null;
    const n = span(h.identified, h.eliminatedMonth);
    return n >= 0 && n <= 1
      ? `${month(h.identified)}识别，${month(h.eliminatedMonth)}即消除风险${h.method ? `（${h.method}）` : ''}`
      : null;
  },
});

export const Q82 = householdRule({
  id: 'Q82',
  name: '识别后不满规定月数即帮扶消除',
  family: 'F',
  severity: '疑点',
  reads: ['识别监测时间', '消除监测时间', '风险消除方式'],
  params: ['minMonthsBeforeElimination'],
  reading:
    '风险消除方式为帮扶消除的监测对象，识别监测时间到消除监测时间为 2 个月或以上、但少于消除年度的“风险消除前最少监测月数”（默认 6 个月；不足 2 个月的见 Q81）',
  test(h, c) {
    if (!isEliminated(h) || h.method !== '帮扶消除' || !h.identified || !h.eliminatedMonth) return null;
    const n = span(h.identified, h.eliminatedMonth);
    const min = c.policy(Number(h.eliminatedMonth.slice(0, 4))).minMonthsBeforeElimination;
    return n >= 2 && n < min
      ? `${month(h.identified)}识别，${month(h.eliminatedMonth)}帮扶消除，只监测了 ${n} 个月（不少于 ${min} 个月）`
      : null;
  },
});

export const Q83 = householdRule({
  id: 'Q83',
  name: '消除监测时间早于识别监测时间',
  family: 'F',
  severity: '错误',
  reads: ['识别监测时间', '消除监测时间'],
  reading: '已消除监测对象的消除监测时间早于识别监测时间',
  test(h) {
    if (!isEliminated(h) || !h.identified || !h.eliminatedMonth || h.eliminatedMonth >= h.identified) return null;
    return `识别监测时间为${month(h.identified)}，消除监测时间为${month(h.eliminatedMonth)}`;
  },
});

export const Q84 = householdRule({
  id: 'Q84',
  name: '已消除风险但未填监测联系人或电话',
  family: 'F',
  severity: '错误',
  reads: ['风险是否已消除', '监测联系人', '监测联系人电话'],
  reading: '风险已消除的监测对象，监测联系人或监测联系人电话为空',
  test(h) {
    if (!isEliminated(h) || (h.contactPerson && h.contactPhone)) return null;
    const miss = [h.contactPerson ? '' : '监测联系人', h.contactPhone ? '' : '监测联系人电话'].filter(Boolean);
    return `${month(h.eliminatedMonth)}消除风险，${miss.join('和')}为空`;
  },
});

export const Q85 = householdRule({
  id: 'Q85',
  name: '已消除风险但未填风险消除后指标',
  family: 'F',
  severity: '错误',
  reads: ['风险是否已消除', '风险消除后收入、三保障和饮水状况'],
  reading:
    '风险已消除的监测对象没有风险消除后指标，或其中的义务教育失学辍学、住房损毁、未参加医保、饮水设施损毁、家庭纯收入有空项（登记库中有风险消除后指标时才检查）',
  test(h, c) {
    if (!isEliminated(h) || !c.collected.has('elimination_snapshots')) return null;
    const s = h.snapshot;
    if (!s) return `${month(h.eliminatedMonth)}消除风险，没有风险消除后收入、三保障和饮水状况`;
    const miss: string[] = [];
    if (s.schoolDropout === null) miss.push('失学辍学');
    if (s.housingDamaged === null) miss.push('住房损毁');
    if (s.uninsured === null) miss.push('未参加医保');
    if (s.waterDamaged === null) miss.push('饮水设施损毁');
    if (s.net === null) miss.push('家庭纯收入');
    return miss.length ? `风险消除后指标中${miss.join('、')}为空` : null;
  },
});

export const Q86 = householdRule({
  id: 'Q86',
  name: '已消除风险但住房不安全',
  family: 'F',
  severity: '错误',
  reads: ['风险是否已消除', '是否危房户', '是否住房出现安全问题'],
  reading: '风险已消除的监测对象，是否危房户或是否住房出现安全问题为是',
  test(h) {
    if (!isEliminated(h) || (h.dangerousHouse !== true && h.housingUnsafe !== true)) return null;
    return `${month(h.eliminatedMonth)}消除风险，${h.dangerousHouse ? '为危房户' : '住房出现安全问题'}`;
  },
});

export const Q87 = householdRule({
  id: 'Q87',
  name: '已消除风险但饮水、义务教育或医保仍有问题',
  family: 'F',
  severity: '错误',
  reads: [
    '风险是否已消除',
    '是否饮水出现安全问题',
    '是否义务教育阶段适龄儿童少年失学辍学',
    '是否有家庭成员未参加城乡居民(职工)基本医疗保险',
  ],
  reading: '风险已消除的监测对象，饮水出现安全问题、义务教育阶段适龄儿童少年失学辍学或有家庭成员未参加基本医疗保险为是',
  test(h) {
    if (!isEliminated(h)) return null;
    const p: string[] = [];
    if (h.waterUnsafe) p.push('饮水出现安全问题');
    if (h.schoolDropout) p.push('有适龄儿童少年失学辍学');
    if (h.uninsured) p.push('有家庭成员未参加基本医疗保险');
    return p.length ? `${month(h.eliminatedMonth)}消除风险，${p.join('、')}` : null;
  },
});

export const Q88 = householdRule({
  id: 'Q88',
  name: '风险消除后指标显示仍有三保障或饮水问题',
  family: 'F',
  severity: '错误',
  reads: [
    '风险消除后是否住房损毁',
    '风险消除后是否饮水设施损毁',
    '风险消除后是否义务教育阶段适龄儿童少年失学辍学',
    '风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险',
  ],
  reading: '已消除监测对象的风险消除后指标中，住房损毁、饮水设施损毁、适龄儿童少年失学辍学或有家庭成员未参加医保为是',
  test(h) {
    const s = h.snapshot;
    if (!isEliminated(h) || !s) return null;
    const p: string[] = [];
    if (s.housingDamaged) p.push('住房损毁');
    if (s.waterDamaged) p.push('饮水设施损毁');
    if (s.schoolDropout) p.push('适龄儿童少年失学辍学');
    if (s.uninsured) p.push('有家庭成员未参加医保');
    return p.length ? `风险消除后指标为：${p.join('、')}` : null;
  },
});

export const Q89 = householdRule({
  id: 'Q89',
  name: '整户无劳动能力的监测对象已消除风险',
  family: 'F',
  severity: '疑点',
  reads: ['风险是否已消除', '劳动技能', '是否整户无劳动能力兜底保障户'],
  reading:
    '风险已消除的监测对象，在册成员劳动技能都已填且都没有劳动能力，或标为整户无劳动能力兜底保障户（应暂不标注风险消除）',
  test(h) {
    if (!isEliminated(h) || h.members.length === 0) return null;
    const none = h.members.every((m) => m.labour !== null && !capable(m));
    if (!none && h.wholeNoLabour !== true) return null;
    return `${month(h.eliminatedMonth)}消除风险，${none ? `在册 ${h.members.length} 人都没有劳动能力` : '标为整户无劳动能力兜底保障户'}`;
  },
});

export const Q90 = householdRule({
  id: 'Q90',
  name: '帮扶消除但未登记任何帮扶措施',
  family: 'F',
  severity: '错误',
  reads: ['风险消除方式', '帮扶措施'],
  reading: '风险消除方式为帮扶消除的已消除监测对象，没有登记任何帮扶措施',
  test(h) {
    return isEliminated(h) && h.method === '帮扶消除' && measureCount(h) === 0
      ? `${month(h.eliminatedMonth)}帮扶消除，未登记任何帮扶措施`
      : null;
  },
});

export const Q91 = householdRule({
  id: 'Q91',
  name: '已消除风险但未填消除方式或消除时间',
  family: 'F',
  severity: '错误',
  reads: ['风险是否已消除', '风险消除方式', '消除监测时间'],
  reading: '风险已消除的监测对象，风险消除方式或消除监测时间为空',
  test(h) {
    if (!isEliminated(h) || (h.method && h.eliminatedMonth)) return null;
    return `风险已消除，${[h.method ? '' : '风险消除方式', h.eliminatedMonth ? '' : '消除监测时间'].filter(Boolean).join('和')}为空`;
  },
});

export const ELIMINATION_RULES: readonly HouseholdRule[] = [Q81, Q82, Q83, Q84, Q85, Q86, Q87, Q88, Q89, Q90, Q91];
