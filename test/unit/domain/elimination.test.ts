import { describe, expect, it } from 'vitest';
import { assessElimination, type EliminationFacts, unmatchedRisks } from '../../../src/domain/elimination.js';

/** The readings of `eliminate check` at their boundaries (docs/casework.md 风险消除条件). */

const policy = { incomeLine: 8300, minMonthsBeforeElimination: 6 };
const base: EliminationFacts = {
  hhNo: '1',
  identifiedMonth: '2024-01',
  risks: ['因病'],
  incomeYear: 2023,
  perCapita: 9000,
  prevPerCapita: 8500,
  hasIncome: true,
  hasPrevIncome: true,
  gross: 18000,
  bottomSupport: 0,
  housingUnsafe: false,
  schoolDropout: false,
  waterUnsafe: false,
  uninsured: false,
  measureCategories: ['健康帮扶'],
  contactPerson: '村干部甲',
  contactPhone: '13800000001',
  members: 2,
  labour: 2,
  labourUnknown: 0,
  wholeNoLabour: false,
};
const assess = (f: Partial<EliminationFacts>, asOf = '2024-07-01') =>
  assessElimination({ ...base, ...f }, policy, asOf);

describe('assessElimination', () => {
  it('eligible with every condition read out with its numbers', () => {
    const a = assess({});
    expect(a.verdict).toBe('eligible');
    expect(a.reasons).toEqual([
      '2023 年人均纯收入 9,000 元，高于监测范围 8,300 元',
      '较 2022 年 8,500 元未下降',
      '“三保障”和饮水安全无问题',
      '2024 年 1 月识别，至 2024-07-01 已监测 6 个月，满 6 个月',
      '风险类型 因病 均有对应帮扶措施（健康帮扶）',
      '监测联系人 村干部甲（13800000001）',
    ]);
  });

  it('income exactly at the line is not in the 监测范围; a cent below is', () => {
    expect(assess({ perCapita: 8300, prevPerCapita: 8300 }).reasons[0]).toBe(
      '2023 年人均纯收入 8,300 元，不低于监测范围 8,300 元',
    );
    const below = assess({ perCapita: 8299.99, prevPerCapita: 8000 });
    expect(below.verdict).toBe('ineligible');
    expect(below.reasons).toEqual(['2023 年人均纯收入 8,299.99 元，低于监测范围 8,300 元']);
  });

  it('a falling income, or a missing year, is not stable', () => {
    expect(assess({ perCapita: 9000, prevPerCapita: 9100 }).reasons).toEqual([
      '2023 年人均纯收入 9,000 元，较 2022 年 9,100 元下降',
    ]);
    expect(assess({ hasPrevIncome: false, prevPerCapita: null }).reasons).toEqual([
      '缺少 2022 年人均纯收入，无法判断收入是否下降',
    ]);
    expect(assess({ hasIncome: false, perCapita: null }).reasons[0]).toBe('缺少 2023 年收入数据，无法判断收入是否稳定');
    expect(assessElimination(base, { ...policy, incomeLine: undefined }, '2024-07-01').reasons[0]).toContain('未设置');
  });

  it('5 months is too soon, 6 is enough', () => {
    expect(assess({}, '2024-06-30')).toEqual({
      verdict: 'ineligible',
      reasons: ['2024 年 1 月识别，至 2024-06-30 已监测 5 个月，不满 6 个月'],
    });
    expect(assess({}, '2024-07-01').verdict).toBe('eligible');
  });

  it('needs 监测联系人 and phone, no 三保障 problem, and a measure for each risk', () => {
    expect(assess({ contactPhone: '' }).reasons).toEqual(['缺少监测联系人电话，消除前须补填']);
    expect(assess({ contactPerson: null, contactPhone: null }).reasons).toEqual([
      '缺少监测联系人和监测联系人电话，消除前须补填',
    ]);
    expect(assess({ waterUnsafe: true, housingUnsafe: true }).reasons).toEqual([
      '“三保障”和饮水安全未巩固：住房出现安全问题、饮水出现安全问题',
    ]);
    expect(assess({ risks: ['因病', '因学'] }).reasons).toEqual([
      '风险类型「因学」没有对应的帮扶措施（应有义务教育保障或教育帮扶）',
    ]);
    expect(assess({ risks: [] }).verdict).toBe('ineligible');
  });

  it('blocks whole-no-labour households and those living mainly on 兜底', () => {
    expect(assess({ labour: 0 }).verdict).toBe('blocked');
    expect(assess({ wholeNoLabour: true }).reasons[0]).toContain('整户无劳动能力兜底保障户');
    const bottom = assess({ gross: 18000, bottomSupport: 9001 });
    expect(bottom.verdict).toBe('blocked');
    expect(bottom.reasons[0]).toBe(
      '2023 年低保金、特困供养金 9,001 元，占家庭收入 18,000 元的 50%，收入主要来源为兜底保障，暂不标注风险消除',
    );
    expect(assess({ gross: 18000, bottomSupport: 9000 }).verdict).toBe('eligible');
    // capacity unknown is not "none": fill in 劳动技能 first
    expect(assess({ labour: 0, labourUnknown: 1 }).reasons[0]).toContain('劳动技能未填');
  });
});

describe('unmatchedRisks', () => {
  it('matches each risk type against the measure categories; 其他 takes any measure', () => {
    expect(unmatchedRisks(['因病', '因安全住房'], ['社会帮扶', '搬迁'])).toEqual([]);
    expect(unmatchedRisks(['因安全饮水'], ['住房安全保障'])).toEqual(['因安全饮水']);
    expect(unmatchedRisks(['其他'], [])).toEqual(['其他']);
    expect(unmatchedRisks(['其他'], ['扶志扶智'])).toEqual([]);
  });
});
