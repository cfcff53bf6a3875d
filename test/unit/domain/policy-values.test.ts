import { describe, expect, it } from 'vitest';
import { parsePolicyValue } from '../../../src/domain/policy.js';

const reason = (key: Parameters<typeof parsePolicyValue>[0], raw: string): string | undefined => {
  const r = parsePolicyValue(key, raw);
  return r.ok ? undefined : r.message.replace(/^.*不对：/, '');
};

describe('policy values a clerk types', () => {
  it('accepts values inside the bounds, with thousands separators and Chinese labels', () => {
    expect(parsePolicyValue('incomeLine', '8,300')).toEqual({ ok: true, value: 8300 });
    expect(parsePolicyValue('bottomShare', '0.2')).toEqual({ ok: true, value: 0.2 });
    expect(parsePolicyValue('publicityDaysIdentify', '0')).toEqual({ ok: true, value: 0 });
    expect(parsePolicyValue('publicityDaysIdentify', '365')).toEqual({ ok: true, value: 365 });
    expect(parsePolicyValue('incomeDropAny', '否')).toEqual({ ok: true, value: false });
    expect(parsePolicyValue('colorScheme', '按收入')).toEqual({ ok: true, value: 'income' });
    expect(parsePolicyValue('supervisionPhone', '0354-3012345')).toEqual({ ok: true, value: '0354-3012345' });
    expect(parsePolicyValue('backupsKept', '1')).toEqual({ ok: true, value: 1 });
  });

  it('refuses the rest with a Chinese reason naming the parameter and the flag', () => {
    expect(parsePolicyValue('incomeLine', '八千')).toEqual({
      ok: false,
      message: '「监测范围（元/人/年）」(--income-line) 的值「八千」不对：应为数字',
    });
    expect(reason('incomeLine', '0')).toBe('应大于 0');
    expect(reason('incomeLine', '2000000')).toBe('数值过大');
    expect(reason('bottomShare', '1')).toBe('应小于 1');
    expect(reason('publicityDaysIdentify', '366')).toBe('应在 0 到 365 之间');
    expect(reason('publicityDaysIdentify', '-1')).toBe('应在 0 到 365 之间');
    expect(reason('publicityDaysIdentify', '7.5')).toBe('应为整数');
    expect(reason('incomeDropAny', '也许')).toBe('应为「是」或「否」');
    expect(reason('colorScheme', '按人数')).toBe('应为「按风险持续时间」或「按收入」');
    expect(reason('supervisionPhone', '请拨打')).toBe('应为电话号码，如 0354-3012345');
    expect(reason('exportIncomeYear', '二〇二三')).toBe('应为年份');
    expect(reason('exportIncomeYear', '1999')).toBe('应在 2000 到 2100 之间');
    expect(reason('backupsKept', '0')).toBe('至少保留 1 份');
    expect(reason('villageNoMonitoredMin', '0')).toBe('应在 1 到 10000 之间');
  });
});
