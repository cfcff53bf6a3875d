import { describe, expect, it } from 'vitest';
import { RECORD_KEYS, recordLabel, splitRecordKey } from '../../../src/domain/record-keys.js';

describe('record keys of the audit log', () => {
  it('splits a key into its columns, a free-text part keeping its 「|」', () => {
    expect(splitRecordKey(RECORD_KEYS.income, '1407020001|2024')).toEqual(['1407020001', '2024']);
    expect(splitRecordKey(RECORD_KEYS.measure, '1407020001||产业帮扶|养牛|羊|2024-03-01')).toEqual([
      '1407020001',
      '',
      '产业帮扶',
      '养牛|羊',
      '2024-03-01',
    ]);
    expect(splitRecordKey(RECORD_KEYS.alert, '医保局|140702199001011234|大病|住院|2024-05-01')).toEqual([
      '医保局',
      '140702199001011234',
      '大病|住院',
      '2024-05-01',
    ]);
  });

  it('reads a composite key in a clerk’s words', () => {
    expect(recordLabel('income', '1407020001|2024')).toBe('户 1407020001，2024 年度');
    expect(recordLabel('measure', '1407020001||产业帮扶|养牛|2024-03-01')).toBe(
      '户 1407020001，产业帮扶「养牛」，2024-03-01 开始',
    );
    expect(recordLabel('measure', '1407020001|140702199001011234|健康帮扶|慢病签约|')).toBe(
      '户 1407020001，成员 140702199001011234，健康帮扶「慢病签约」',
    );
    expect(recordLabel('alert', '医保局|140702199001011234|大病|2024-05-01')).toBe(
      '140702199001011234，医保局「大病」，2024-05-01 预警',
    );
    expect(recordLabel('work_period', '140702199001011234|2024-03')).toBe('140702199001011234，2024-03 起务工');
    expect(recordLabel('elimination_snapshot', '1407020001|2024-06')).toBe('户 1407020001，2024-06 风险消除');
    expect(recordLabel('visit', '排查|2024Q3|1407020001')).toBe('户 1407020001，排查批次 2024Q3');
    expect(recordLabel('visit', '回访|1407020001|17')).toBe('户 1407020001，回访 17');
  });

  it('leaves one-column keys and other entities as they are', () => {
    expect(recordLabel('household', '1407020001')).toBe('1407020001');
    expect(recordLabel('member', '140702199001011234')).toBe('140702199001011234');
    expect(recordLabel('village', '城关镇/东关村')).toBe('城关镇/东关村');
    expect(recordLabel('vocab', '帮扶措施类别:庭院经济')).toBe('帮扶措施类别:庭院经济');
  });
});
