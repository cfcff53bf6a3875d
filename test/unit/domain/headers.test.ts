import { describe, expect, it } from 'vitest';
import { HOUSEHOLDS, INCOMES, KINDS, MEMBERS } from '../../../src/domain/fields.js';
import { findHeader, mapHeader, normalizeHeader } from '../../../src/io/headers.js';

describe('header matching', () => {
  it('tolerates brackets, spaces, line breaks and required markers', () => {
    expect(normalizeHeader('务工时间\n（月）')).toBe(normalizeHeader('务工时间(月)'));
    expect(normalizeHeader(' *户编号 ')).toBe('户编号');
    expect(normalizeHeader('是否有家庭成员未参加城乡居民（职工）基本医疗保险')).toBe(
      normalizeHeader('是否有家庭成员未参加城乡居民(职工)基本医疗保险'),
    );
  });

  it('maps aliases of national exports and reports unknown and missing columns', () => {
    const m = mapHeader(
      ['户编号', '乡(镇)', '行政村', '户类型', '县(市、区、旗)', '微信号', '人均纯收入（元）'],
      HOUSEHOLDS,
    );
    expect(m.columns.map((f) => f?.column ?? null)).toEqual([
      'hh_no',
      'township',
      'village',
      'hh_type',
      null,
      null,
      null,
    ]);
    expect(m.unknown).toEqual(['微信号', '人均纯收入（元）']);
    expect(m.missing).toEqual([]);
    const incomes = mapHeader(['户编号', '年度', '人均纯收入（元）'], INCOMES);
    expect(incomes.columns[2]?.column).toBe('typed_per_capita');
    expect(mapHeader(['户编号', '姓名'], MEMBERS).missing.map((f) => f.header)).toEqual(['证件号码', '与户主关系']);
  });

  it('finds the header on row 3 under a title and detects the kind', () => {
    const rows = [
      ['（自定义）家庭成员信息', null, null],
      ['导出时间：2024-05-01', null, null],
      ['户编号', '证件号码', '姓名', '与户主关系', '性别'],
      ['1', '2', '张三', '户主', '男'],
    ];
    const g = findHeader(rows, Object.values(KINDS));
    expect(g).toMatchObject({ index: 2, complete: true });
    expect(g?.kind.kind).toBe('members');
    const hh = findHeader([['户编号', '乡镇', '村', '户类型', '户主姓名', '家庭人口数']], Object.values(KINDS));
    expect(hh?.kind.kind).toBe('households');
    const inc = findHeader([['户编号', '年度', '工资性收入', '转移性收入']], Object.values(KINDS));
    expect(inc?.kind.kind).toBe('incomes');
    expect(findHeader([['甲', '乙']], Object.values(KINDS))).toBeNull();
  });
});
