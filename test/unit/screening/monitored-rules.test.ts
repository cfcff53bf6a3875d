import { afterEach, describe, expect, it } from 'vitest';
import { findingsOf, newRegister, type TestRegister } from './helpers.js';

let t: TestRegister;
afterEach(() => t?.close());

const open = (month: string | null, extra: Record<string, string | number | null> = {}) => ({
  mon_category: '边缘易致贫户',
  risk_eliminated: 0,
  identified_month: month,
  risk1: '因病',
  contact_person: '联系人',
  ...extra,
});
const done = (extra: Record<string, string | number | null> = {}) => ({
  mon_category: '脱贫不稳定户',
  risk_eliminated: 1,
  identified_month: '2022-03',
  eliminated_month: '2023-06',
  elimination_method: '帮扶消除',
  ...extra,
});

describe('R20 有劳动能力未落实开发式帮扶', () => {
  it('flags after 6 months (as-of 2024-05-01: identified 2023-11), not after 5', async () => {
    t = newRegister();
    t.add({ hh: 'M6', household: open('2023-11') });
    t.add({ hh: 'M5', household: open('2023-12') });
    t.add({ hh: 'DEV', household: open('2022-01'), measures: [{ category: '就业帮扶', developmental: 1 }] });
    t.add({ hh: 'MARKED', household: open('2022-01', { dev_measure_status: '已实施' }) });
    t.add({ hh: 'LATER', household: open('2022-01'), measures: [{ category: '产业帮扶', start_date: '2024-06-01' }] });
    t.add({ hh: 'WELFARE', household: open('2022-01'), measures: [{ category: '综合保障', developmental: 0 }] });
    t.add({ hh: 'NOLABOUR', household: open('2022-01'), members: [{ labour_skill: '无劳动力' }] });
    t.add({ hh: 'NOMONTH', household: open(null) });
    t.add({ hh: 'ELIM', household: done() });
    const r = await t.screen({ rules: 'R20' });
    expect(findingsOf(r, 'M6').evidence.R20).toBe(
      '风险未消除监测对象（2023年11月识别，已 6 个月），有劳动能力成员 1 人，没有任何帮扶措施，未落实开发式帮扶',
    );
    expect(findingsOf(r, 'M5').flags).toEqual([]);
    expect(findingsOf(r, 'DEV').flags).toEqual([]);
    expect(findingsOf(r, 'MARKED').flags).toEqual([]);
    expect(findingsOf(r, 'LATER').flags).toEqual(['R20']);
    expect(findingsOf(r, 'WELFARE').evidence.R20).toContain('现有帮扶措施 1 项均非开发式');
    expect(findingsOf(r, 'NOLABOUR').flags).toEqual([]);
    expect(findingsOf(r, 'NOMONTH').missing).toEqual(['R20']);
    expect(findingsOf(r, 'ELIM').flags).toEqual([]);
  });
});

describe('R21 一兜了之', () => {
  it('flags a labour-capable 监测对象 whose only measures are 综合保障', async () => {
    t = newRegister();
    const welfare = { category: '综合保障', developmental: 0 };
    t.add({ hh: 'ONLY', household: open('2023-01'), measures: [welfare, { ...welfare, content: '临时救助' }] });
    t.add({ hh: 'MIXED', household: open('2023-01'), measures: [welfare, { category: '就业帮扶' }] });
    t.add({ hh: 'NONE', household: open('2023-01') });
    t.add({
      hh: 'NOLABOUR',
      household: open('2023-01'),
      members: [{ labour_skill: '丧失劳动力' }],
      measures: [welfare],
    });
    const r = await t.screen({ rules: 'R21' });
    expect(findingsOf(r, 'ONLY').evidence.R21).toBe(
      '风险未消除监测对象，有劳动能力成员 1 人，帮扶措施只有综合保障（2 项），存在“一兜了之”问题',
    );
    expect(findingsOf(r, 'MIXED').flags).toEqual([]);
    expect(findingsOf(r, 'NONE').flags).toEqual([]);
    expect(findingsOf(r, 'NOLABOUR').flags).toEqual([]);
  });
});

describe('R22 应消未消', () => {
  it('flags an unresolved 监测对象 meeting every condition; income exactly at the line qualifies', async () => {
    t = newRegister();
    const ok = { 2022: { wage: 8000 }, 2023: { wage: 8300 } };
    t.add({ hh: 'READY', household: open('2023-05'), incomes: ok });
    t.add({ hh: 'BELOW', household: open('2023-05'), incomes: { 2022: { wage: 8000 }, 2023: { wage: 8299 } } });
    t.add({ hh: 'FALLING', household: open('2023-05'), incomes: { 2022: { wage: 12000 }, 2023: { wage: 11000 } } });
    t.add({ hh: 'HOUSE', household: open('2023-05', { housing_unsafe: 1 }), incomes: ok });
    t.add({
      hh: 'ALERT',
      household: open('2023-05'),
      incomes: ok,
      alerts: [{ source_dept: '医保', alert_type: '大病' }],
    });
    t.add({ hh: 'YOUNG', household: open('2023-12'), incomes: ok });
    t.add({
      hh: 'BLOCKED',
      household: open('2023-05', { whole_no_labour: 1 }),
      members: [{ labour_skill: '无劳动力' }],
      incomes: ok,
    });
    t.add({ hh: 'NOCONTACT', household: open('2023-05', { contact_person: null }), incomes: ok });
    t.add({ hh: 'NOPREV', household: open('2023-05'), incomes: { 2022: null, 2023: { wage: 9000 } } });
    const r = await t.screen({ rules: 'R22' });
    expect(findingsOf(r, 'READY').evidence.R22).toBe(
      '风险未消除监测对象（2023年5月识别，已 12 个月），2023 年人均纯收入 8,300 元 不低于 2024 年监测范围 8,300 元且较上年 8,000 元未下降，无三保障和饮水安全问题，无未核实预警，符合风险消除条件',
    );
    for (const hh of ['BELOW', 'FALLING', 'HOUSE', 'ALERT', 'YOUNG', 'BLOCKED']) {
      expect(findingsOf(r, hh), hh).toMatchObject({ flags: [], missing: [] });
    }
    expect(findingsOf(r, 'NOCONTACT').evidence.R22).toContain('（消除前须补填监测联系人）');
    expect(findingsOf(r, 'NOPREV').missing).toEqual(['R22']);
  });

  it('follows minMonthsBeforeElimination', async () => {
    t = newRegister();
    t.policy(2024, 'minMonthsBeforeElimination', 3);
    t.add({ hh: 'H', household: open('2024-02'), incomes: { 2022: { wage: 9000 }, 2023: { wage: 9000 } } });
    const r = await t.screen({ rules: 'R22' });
    expect(findingsOf(r, 'H').flags).toEqual(['R22']);
  });
});

describe('R23 回头看：收入或三保障反弹', () => {
  it('flags eliminated households below the line or with a problem again', async () => {
    t = newRegister();
    t.add({ hh: 'LOW', household: done(), incomes: { 2023: { wage: 8299 } } });
    t.add({ hh: 'AT', household: done(), incomes: { 2023: { wage: 8300 } } });
    t.add({ hh: 'WATER', household: done({ water_unsafe: 1 }) });
    t.add({ hh: 'OPEN', household: open('2023-01'), incomes: { 2023: { wage: 5000 } } });
    t.add({ hh: 'NOROW', household: done(), incomes: { 2023: null } });
    const r = await t.screen({ rules: 'R23' });
    expect(findingsOf(r, 'LOW').evidence.R23).toBe(
      '风险已消除（2023年6月）后：2023 年人均纯收入 8,299 元 低于 2024 年监测范围 8,300 元',
    );
    expect(findingsOf(r, 'AT').flags).toEqual([]);
    expect(findingsOf(r, 'WATER').evidence.R23).toBe('风险已消除（2023年6月）后：饮水出现安全问题');
    expect(findingsOf(r, 'OPEN').flags).toEqual([]);
    expect(findingsOf(r, 'NOROW').missing).toEqual(['R23']);
  });
});

describe('R24 回头看：无劳动能力主要靠政策性收入', () => {
  it('flags eliminated households without labour whose policy transfers exceed half their income', async () => {
    t = newRegister();
    const none = [{ labour_skill: '无劳动力' }];
    t.add({
      hh: 'MAIN',
      household: done(),
      members: none,
      incomes: { 2023: { wage: 4000, transfer: 6000, dibao_money: 5000, pension_money: 1000 } },
    });
    t.add({
      hh: 'HALF',
      household: done(),
      members: none,
      incomes: { 2023: { wage: 5000, transfer: 5000, dibao_money: 5000 } },
    });
    t.add({ hh: 'NOSUB', household: done(), members: none, incomes: { 2023: { wage: 1000, transfer: 9000 } } });
    t.add({ hh: 'LABOUR', household: done(), incomes: { 2023: { wage: 1000, transfer: 9000, dibao_money: 9000 } } });
    t.add({ hh: 'OPEN', household: open('2023-01'), members: none, incomes: { 2023: { wage: 1000, transfer: 9000 } } });
    const r = await t.screen({ rules: 'R24' });
    expect(findingsOf(r, 'MAIN').evidence.R24).toBe(
      '风险已消除，全户无劳动能力，2023 年政策性转移收入 6,000 元，占家庭收入 10,000 元的 60%，收入主要来源为兜底保障等政策性补贴，建议按程序申请风险回退',
    );
    expect(findingsOf(r, 'HALF').flags).toEqual([]);
    expect(findingsOf(r, 'NOSUB').flags).toEqual(['R24']);
    expect(findingsOf(r, 'LABOUR').flags).toEqual([]);
    expect(findingsOf(r, 'OPEN').flags).toEqual([]);
  });
});

describe('V01 脱贫户较多但未识别监测对象的村', () => {
  it('flags villages with ≥ 10 脱贫户 and no 监测对象 identified since 2021', async () => {
    t = newRegister();
    const lifted = (village: string, n: number) => {
      for (let i = 0; i < n; i++) t.add({ hh: `${village}${i}`, village, household: { hh_type: '脱贫户' } });
    };
    lifted('十户村', 10);
    lifted('九户村', 9);
    lifted('有监测村', 10);
    t.add({ hh: '有监测村X', village: '有监测村', household: open('2022-03') });
    lifted('老监测村', 10);
    t.add({ hh: '老监测村X', village: '老监测村', household: open('2020-05') });
    const r = await t.screen({ rules: 'V01' });
    expect(r.villages.map((v) => v.村).sort()).toEqual(['十户村', '老监测村']);
    expect(r.villages.find((v) => v.村 === '十户村')?.evidence).toBe(
      '脱贫户 10 户（标准 10 户以上），2021 年以来没有识别监测对象',
    );
    expect(r.byRule.V01).toBe(2);
    expect(r.byCategory.村级).toBe(2);
  });
});
