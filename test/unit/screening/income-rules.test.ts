import { afterEach, describe, expect, it } from 'vitest';
import { findingsOf, newRegister, type TestRegister } from './helpers.js';

let t: TestRegister;
afterEach(() => t?.close());

describe('R01 人均纯收入低于监测范围', () => {
  it('flags income below the line of the as-of year, not exactly at it', async () => {
    t = newRegister();
    t.add({ hh: 'LOW', incomes: { 2023: { wage: 8299.99 } } });
    t.add({ hh: 'AT', incomes: { 2023: { wage: 8300 } } });
    t.add({ hh: 'PAIR', members: [{}, {}], incomes: { 2023: { wage: 10420, size: 2 } } });
    const r = await t.screen({ rules: 'R01' });
    expect(findingsOf(r, 'LOW').flags).toEqual(['R01']);
    expect(findingsOf(r, 'LOW').evidence.R01).toBe('2023 年人均纯收入 8,299.99 元 低于 2024 年监测范围 8,300 元');
    expect(findingsOf(r, 'AT').flags).toEqual([]);
    expect(findingsOf(r, 'PAIR').evidence.R01).toBe('2023 年人均纯收入 5,210 元 低于 2024 年监测范围 8,300 元');
  });

  it('derives net income: business cost subtracted, all four kinds added', async () => {
    t = newRegister();
    t.add({
      hh: 'H',
      incomes: { 2023: { wage: 3000, business: 4000, property: 500, transfer: 1000, business_cost: 300 } },
    });
    const r = await t.screen({ rules: 'R01' });
    expect(findingsOf(r, 'H').evidence.R01).toContain('人均纯收入 8,200 元');
  });

  it('leaves out unresolved 监测对象 but not eliminated ones', async () => {
    t = newRegister();
    const low = { 2023: { wage: 3000 } };
    t.add({ hh: 'OPEN', household: { mon_category: '边缘易致贫户', risk_eliminated: 0 }, incomes: low });
    t.add({ hh: 'DONE', household: { mon_category: '边缘易致贫户', risk_eliminated: 1 }, incomes: low });
    const r = await t.screen({ rules: 'R01' });
    expect(findingsOf(r, 'OPEN').flags).toEqual([]);
    expect(findingsOf(r, 'DONE').flags).toEqual(['R01']);
  });

  it('says 数据缺失 when the income year or its 家庭人口数 is missing', async () => {
    t = newRegister();
    t.add({ hh: 'NOROW', incomes: { 2023: null } });
    t.add({ hh: 'NOSIZE', incomes: { 2023: { size: null, wage: 100 } } });
    const r = await t.screen({ rules: 'R01' });
    expect(findingsOf(r, 'NOROW')).toMatchObject({ flags: [], missing: ['R01'] });
    expect(findingsOf(r, 'NOROW').evidence['R01?']).toContain('缺少 2023 年收入数据');
    expect(findingsOf(r, 'NOSIZE').evidence['R01?']).toContain('缺少家庭人口数');
    expect(r.missing).toMatchObject({ households: 2, byRule: { R01: 2 } });
    expect(r.flagged).toBe(0);
  });

  it('uses --income-year and the policy of the as-of year', async () => {
    t = newRegister();
    t.policy(2025, 'incomeLine', 9000);
    t.add({ hh: 'H', incomes: { 2024: { wage: 8500 } } });
    const r = await t.screen({ campaign: 'T25', asOf: '2025-04-01', rules: 'R01' });
    expect(r.incomeYear).toBe(2024);
    expect(findingsOf(r, 'H').evidence.R01).toBe('2024 年人均纯收入 8,500 元 低于 2025 年监测范围 9,000 元');
    const r2 = await t.screen({ campaign: 'T25b', asOf: '2025-04-01', incomeYear: 2023, rules: 'R01' });
    expect(findingsOf(r2, 'H').flags).toEqual([]);
  });

  it('refuses to run without an income line for the as-of year', async () => {
    t = newRegister();
    t.add({ hh: 'H' });
    await expect(t.screen({ asOf: '2026-03-01' })).rejects.toMatchObject({ code: 'POLICY_MISSING' });
    // rules that do not read the line run without it
    const r = await t.screen({ asOf: '2026-03-01', rules: 'R07' });
    expect(r.inScope).toBe(1);
  });
});

describe('R02 人均纯收入较上年减少', () => {
  it('flags a drop, not an equal income; says 数据缺失 without the previous year', async () => {
    t = newRegister();
    t.add({ hh: 'DROP', incomes: { 2022: { wage: 12000 }, 2023: { wage: 11999.99 } } });
    t.add({ hh: 'SAME', incomes: { 2022: { wage: 12000 }, 2023: { wage: 12000 } } });
    t.add({ hh: 'UP', incomes: { 2022: { wage: 9000 }, 2023: { wage: 12000 } } });
    t.add({ hh: 'NOPREV', incomes: { 2022: null } });
    const r = await t.screen({ rules: 'R02' });
    expect(findingsOf(r, 'DROP').flags).toEqual(['R02']);
    expect(findingsOf(r, 'DROP').evidence.R02).toBe(
      '2023 年人均纯收入 11,999.99 元，较 2022 年 12,000 元减少 0.01 元（0%）',
    );
    expect(findingsOf(r, 'SAME').flags).toEqual([]);
    expect(findingsOf(r, 'UP').flags).toEqual([]);
    expect(findingsOf(r, 'NOPREV').missing).toEqual(['R02']);
    expect(findingsOf(r, 'NOPREV').evidence['R02?']).toContain('缺少 2022 年收入数据');
  });

  it('is switched off when incomeDropAny is 否', async () => {
    t = newRegister();
    t.policy(2024, 'incomeDropAny', false);
    t.add({ hh: 'DROP', incomes: { 2022: { wage: 12000 }, 2023: { wage: 11000 } } });
    const r = await t.screen({ rules: 'R02' });
    expect(r.byRule.R02).toBe(0);
    expect(r.missing.byRule.R02).toBe(0);
  });
});

describe('R03 脱贫户收入后 20% 且仍下降', () => {
  it('ranks the county 脱贫户, includes ties at the boundary, needs a further drop', async () => {
    t = newRegister();
    // ten 脱贫户 at 5,000 … 14,000; bottom 20% = the 2nd lowest (6,000) and below
    for (let i = 0; i < 10; i++) {
      const pc = 5000 + i * 1000;
      t.add({
        hh: `L${i}`,
        township: i % 2 ? '东阳镇' : '西河乡',
        household: { hh_type: '脱贫户' },
        incomes: { 2022: { wage: i === 1 ? 6000 : pc + 500 }, 2023: { wage: pc } },
      });
    }
    t.add({ hh: 'TIE', household: { hh_type: '脱贫户' }, incomes: { 2022: { wage: 7000 }, 2023: { wage: 6000 } } });
    t.add({ hh: 'ORD', household: { hh_type: '一般农户' }, incomes: { 2022: { wage: 7000 }, 2023: { wage: 1000 } } });
    const r = await t.screen({ rules: 'R03' });
    // 11 ranked → position ⌈2.2⌉ = 3 → cutoff 6,000 (L0 5,000, L1 6,000, TIE 6,000)
    expect(findingsOf(r, 'L0').flags).toEqual(['R03']);
    expect(findingsOf(r, 'L0').evidence.R03).toBe(
      '脱贫户 2023 年人均纯收入 5,000 元，排在全县脱贫户后 20%（界值 6,000 元，共 11 户），且较 2022 年 5,500 元继续下降',
    );
    expect(findingsOf(r, 'L1').flags).toEqual([]); // in the bottom share, not falling
    expect(findingsOf(r, 'TIE').flags).toEqual(['R03']);
    expect(findingsOf(r, 'L2').flags).toEqual([]); // falling but above the boundary
    expect(findingsOf(r, 'ORD').flags).toEqual([]);
  });

  it('ranks over the whole county even when screening one 乡镇', async () => {
    t = newRegister();
    for (let i = 0; i < 5; i++) {
      t.add({
        hh: `W${i}`,
        township: '西河乡',
        household: { hh_type: '脱贫户' },
        incomes: { 2023: { wage: 1000 + i } },
      });
    }
    t.add({
      hh: 'E',
      township: '东阳镇',
      household: { hh_type: '脱贫户' },
      incomes: { 2022: { wage: 9000 }, 2023: { wage: 8000 } },
    });
    const r = await t.screen({ rules: 'R03', township: '东阳镇' });
    expect(r.inScope).toBe(1);
    expect(findingsOf(r, 'E').flags).toEqual([]);
  });

  it('says 数据缺失 for a bottom household without the previous year', async () => {
    t = newRegister();
    t.add({ hh: 'A', household: { hh_type: '脱贫户' }, incomes: { 2022: null, 2023: { wage: 3000 } } });
    t.add({ hh: 'B', household: { hh_type: '脱贫户' }, incomes: { 2023: null } });
    const r = await t.screen({ rules: 'R03' });
    expect(findingsOf(r, 'A').missing).toEqual(['R03']);
    expect(findingsOf(r, 'B').missing).toEqual(['R03']);
  });
});

describe('R04 刚性支出超过上年家庭纯收入', () => {
  it('compares 合规自付支出 + 其他刚性支出 of Y with 家庭纯收入 of Y−1', async () => {
    t = newRegister();
    t.add({ hh: 'OVER', incomes: { 2022: { wage: 10000 }, 2023: { self_pay: 8000, other_rigid: 2000.01 } } });
    t.add({ hh: 'EQUAL', incomes: { 2022: { wage: 10000 }, 2023: { self_pay: 8000, other_rigid: 2000 } } });
    t.add({ hh: 'NOSPEND', incomes: { 2022: null } });
    t.add({ hh: 'NOPREV', incomes: { 2022: null, 2023: { self_pay: 500 } } });
    const r = await t.screen({ rules: 'R04' });
    expect(findingsOf(r, 'OVER').evidence.R04).toBe(
      '2023 年合规自付支出 8,000 元 + 其他刚性支出 2,000 元 = 10,000.01 元，超过 2022 年家庭纯收入 10,000 元',
    );
    expect(findingsOf(r, 'EQUAL').flags).toEqual([]);
    expect(findingsOf(r, 'NOSPEND')).toMatchObject({ flags: [], missing: [] });
    expect(findingsOf(r, 'NOPREV').missing).toEqual(['R04']);
  });
});

describe('R05 医疗自付达到大病标准', () => {
  it('flags self-pay at the threshold from income data or a 医保 alert', async () => {
    t = newRegister();
    t.add({ hh: 'AT', incomes: { 2023: { self_pay: 10000 } } });
    t.add({ hh: 'BELOW', incomes: { 2023: { self_pay: 9999.99 } } });
    t.add({
      hh: 'ALERT',
      alerts: [{ source_dept: '医保', alert_type: '大病自付', value: 23500, alert_date: '2024-03-02' }],
    });
    t.add({
      hh: 'FALSE',
      alerts: [
        { source_dept: '医保', alert_type: '大病自付', value: 23500, verify_result: '不属实', status: '已核实' },
      ],
    });
    t.add({
      hh: 'OLD',
      alerts: [{ source_dept: '医保', alert_type: '大病自付', value: 23500, alert_date: '2022-12-31' }],
    });
    t.add({ hh: 'NOROW', incomes: { 2023: null } });
    const r = await t.screen({ rules: 'R05' });
    expect(findingsOf(r, 'AT').evidence.R05).toBe('2023 年合规自付支出 10,000 元，达到大病自付标准 10,000 元');
    expect(findingsOf(r, 'BELOW').flags).toEqual([]);
    expect(findingsOf(r, 'ALERT').evidence.R05).toBe(
      '医保预警「大病自付」23,500 元（2024-03-02），达到大病自付标准 10,000 元',
    );
    expect(findingsOf(r, 'FALSE').flags).toEqual([]);
    expect(findingsOf(r, 'OLD').flags).toEqual([]);
    expect(findingsOf(r, 'NOROW').missing).toEqual(['R05']);
  });

  it('follows the county bigIllnessSelfPay of the as-of year', async () => {
    t = newRegister();
    t.policy(2024, 'bigIllnessSelfPay', 5000);
    t.add({ hh: 'H', incomes: { 2023: { self_pay: 5000 } } });
    const r = await t.screen({ rules: 'R05' });
    expect(findingsOf(r, 'H').evidence.R05).toContain('大病自付标准 5,000 元');
  });
});
