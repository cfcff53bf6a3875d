import { describe, expect, it } from 'vitest';
import {
  ageAt,
  cleanText,
  dateToExcelSerial,
  daysInMonth,
  excelSerialToDate,
  formatDateCn,
  formatMoney,
  formatMonthCn,
  formatYuan,
  parseDate,
  parseDecimal,
  parseInteger,
  parseMoney,
  parseMonth,
  parseYear,
  parseYesNo,
  roundCents,
  toHalfWidth,
} from '../../../src/domain/normalize.js';

const val = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T | string =>
  r.ok ? r.value : `ERR:${r.message}`;

describe('toHalfWidth', () => {
  it('converts full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('１２３ＡＢＣａｂｃ（）－．，')).toBe('123ABCabc()-.,');
    expect(toHalfWidth('张　三')).toBe('张 三');
    expect(toHalfWidth('￥12')).toBe('¥12');
  });

  it('keeps Chinese text and punctuation that has no half-width form', () => {
    expect(toHalfWidth('脱贫户、一般农户。')).toBe('脱贫户、一般农户。');
  });
});

describe('cleanText', () => {
  it('trims, converts and collapses line breaks', () => {
    expect(cleanText('  张三  ')).toBe('张三');
    expect(cleanText('榆次区\r\n东阳镇')).toBe('榆次区 东阳镇');
    expect(cleanText('a\n\n  b\rc')).toBe('a b c');
    expect(cleanText('ＡＢ１２')).toBe('AB12');
    expect(cleanText('\u200b张三\ufeff')).toBe('张三');
    expect(cleanText('张\u00a0三')).toBe('张 三');
  });

  it('turns empty values into null', () => {
    expect(cleanText('')).toBeNull();
    expect(cleanText('   ')).toBeNull();
    expect(cleanText('\r\n')).toBeNull();
    expect(cleanText(null)).toBeNull();
    expect(cleanText(undefined)).toBeNull();
    expect(cleanText(Number.NaN)).toBeNull();
  });

  it('turns other cell values into text', () => {
    expect(cleanText(123)).toBe('123');
    expect(cleanText(true)).toBe('是');
    expect(cleanText(new Date(Date.UTC(2024, 4, 1)))).toBe('2024-05-01');
  });
});

describe('parseYesNo', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['√', true],
    ['✓', true],
    ['✔', true],
    ['×', false],
    ['1', true],
    ['0', false],
    ['１', true],
    ['Y', true],
    ['n', false],
    ['yes', true],
    ['NO', false],
    ['true', true],
    ['FALSE', false],
    ['有', true],
    ['无', false],
    [' 是 ', true],
    [1, true],
    [0, false],
    [true, true],
    [false, false],
  ] as const)('%s → %s', (raw, expected) => {
    expect(parseYesNo(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['可能', '2', 'x', '是否', ''])('refuses %s', (raw) => {
    const r = parseYesNo(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('应为「是」或「否」');
  });

  it('refuses other numbers', () => {
    expect(parseYesNo(2).ok).toBe(false);
    expect(parseYesNo(null).ok).toBe(false);
  });
});

describe('parseMoney', () => {
  it.each([
    [1234.5, 1234.5],
    [0, 0],
    [1234.567, 1234.57],
    [0.1 + 0.2, 0.3],
    ['1234.50', 1234.5],
    ['1,234.50', 1234.5],
    ['12,345,678', 12345678],
    ['１２３', 123],
    ['１，２３４．５', 1234.5],
    ['¥12', 12],
    ['￥12.5', 12.5],
    ['12元', 12],
    ['1.5万', 15000],
    ['1.5万元', 15000],
    [' 8 300 ', 8300],
    ['-200', -200],
    ['−200', -200],
    ['(1,234.00)', -1234],
    ['+5', 5],
    ['.5', 0.5],
    ['1.2E+05', 120000],
  ] as const)('%s → %s', (raw, expected) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['abc', '12abc', '1,23', '1,2345', '--5', '¥', '12..5', '5万abc', '(-5)'])('refuses %s', (raw) => {
    expect(parseMoney(raw)).toEqual({ ok: false, message: '应为数字金额' });
  });

  it('refuses blanks and non-finite numbers', () => {
    expect(parseMoney('').ok).toBe(false);
    expect(parseMoney(null).ok).toBe(false);
    expect(parseMoney(Number.POSITIVE_INFINITY).ok).toBe(false);
  });

  it('rounds to cents without binary noise', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(-1.005)).toBe(-1.01);
    expect(roundCents(-0.001)).toBe(0);
    expect(Object.is(roundCents(-0.001), -0)).toBe(false);
  });
});

describe('parseInteger', () => {
  it.each([
    [4, 4],
    [4.0, 4],
    ['4', 4],
    ['４', 4],
    ['1,234', 1234],
    ['12.0', 12],
    ['4人', 4],
    ['6个月', 6],
    ['6月', 6],
    ['-3', -3],
    ['0', 0],
  ] as const)('%s → %s', (raw, expected) => {
    expect(parseInteger(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([12.5, '12.5', 'abc', '四', '', '1e400'])('refuses %s', (raw) => {
    expect(parseInteger(raw).ok).toBe(false);
  });

  it('says that decimals are the problem', () => {
    expect(parseInteger('12.5')).toEqual({ ok: false, message: '应为整数，不能有小数' });
    expect(parseInteger('abc')).toEqual({ ok: false, message: '应为整数' });
  });
});

describe('parseDecimal', () => {
  it.each([
    [2.5, 2.5],
    ['2.5', 2.5],
    ['1,234.5', 1234.5],
    ['3亩', 3],
    ['2.5公里', 2.5],
    ['2.5 km', 2.5],
    ['-1.5', -1.5],
    ['０.５', 0.5],
  ] as const)('%s → %s', (raw, expected) => {
    expect(parseDecimal(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['abc', '', '1.2.3'])('refuses %s', (raw) => {
    expect(parseDecimal(raw).ok).toBe(false);
  });
});

describe('Excel serial dates', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [45292, '2024-01-01'],
    [45413, '2024-05-01'],
    [45413.75, '2024-05-01'],
    [73415, '2100-12-31'],
  ] as const)('%s → %s', (serial, date) => {
    expect(excelSerialToDate(serial)).toEqual({ ok: true, value: date });
  });

  it('refuses serial 60 (the non-existent 1900-02-29) and out-of-range serials', () => {
    const r = excelSerialToDate(60);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('1900年2月29日');
    expect(excelSerialToDate(0).ok).toBe(false);
    expect(excelSerialToDate(-5).ok).toBe(false);
    expect(excelSerialToDate(73416).ok).toBe(false);
  });

  it('round-trips with dateToExcelSerial', () => {
    for (const d of [
      '1900-01-01',
      '1900-02-28',
      '1900-03-01',
      '1970-01-01',
      '2000-02-29',
      '2024-05-01',
      '2100-12-31',
    ]) {
      expect(excelSerialToDate(dateToExcelSerial(d))).toEqual({ ok: true, value: d });
    }
  });
});

describe('parseDate', () => {
  it.each([
    [45413, '2024-05-01'],
    [20240501, '2024-05-01'],
    ['2024-05-01', '2024-05-01'],
    ['2024-5-1', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024/05/01', '2024-05-01'],
    ['2024.5.1', '2024-05-01'],
    ['20240501', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['2024年05月01日', '2024-05-01'],
    ['2024年5月1号', '2024-05-01'],
    ['2024年5月1', '2024-05-01'],
    ['２０２４年５月１日', '2024-05-01'],
    [' 2024-05-01 ', '2024-05-01'],
    ['2024-05-01 00:00:00', '2024-05-01'],
    ['2024/5/1 8:30', '2024-05-01'],
    ['2024-05-01T00:00:00.000Z', '2024-05-01'],
    ['2024年5月1日 8:30', '2024-05-01'],
    ['45413', '2024-05-01'],
    ['2000-02-29', '2000-02-29'],
  ] as const)('%s → %s', (raw, expected) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: expected });
  });

  it('reads Date objects as UTC calendar dates', () => {
    expect(parseDate(new Date(Date.UTC(2024, 4, 1)))).toEqual({ ok: true, value: '2024-05-01' });
    expect(parseDate(new Date(Number.NaN)).ok).toBe(false);
  });

  it('names the problem of an invalid date', () => {
    expect(parseDate('2024年13月')).toEqual({ ok: false, message: '月份 13 不存在（应为 1–12）' });
    expect(parseDate('2024-13-01')).toEqual({ ok: false, message: '月份 13 不存在（应为 1–12）' });
    expect(parseDate('2024-02-30')).toEqual({ ok: false, message: '2024年2月没有 30 日（该月只有 29 天）' });
    expect(parseDate('2023-02-29')).toEqual({ ok: false, message: '2023年2月没有 29 日（该月只有 28 天）' });
    expect(parseDate('2024-04-31').ok).toBe(false);
    expect(parseDate('2024-01-00').ok).toBe(false);
    expect(val(parseDate('1850-01-01'))).toContain('年份 1850 超出范围');
    expect(val(parseDate('2024-05'))).toContain('只有年月，缺少日');
    expect(val(parseDate('2024年5月'))).toContain('只有年月，缺少日');
    expect(val(parseDate(202405))).toContain('只有年月，缺少日');
    expect(val(parseDate('明天'))).toContain('不是可识别的日期');
    expect(val(parseDate('24-5-1'))).toContain('不是可识别的日期');
    expect(val(parseDate('5/1/2024'))).toContain('不是可识别的日期');
    expect(val(parseDate(''))).toContain('不能为空');
    expect(parseDate(60).ok).toBe(false);
    expect(parseDate(20241301).ok).toBe(false);
  });
});

describe('parseMonth', () => {
  it.each([
    [202405, '2024-05'],
    ['202405', '2024-05'],
    ['2024-05', '2024-05'],
    ['2024-5', '2024-05'],
    ['2024/05', '2024-05'],
    ['2024.05', '2024-05'],
    ['2024.5', '2024-05'],
    ['2024.1', '2024-01'],
    ['2024年5月', '2024-05'],
    ['2024年05月', '2024-05'],
    ['2024年5月份', '2024-05'],
    ['2024年12月', '2024-12'],
    ['２０２４０５', '2024-05'],
    ['2024-05-17', '2024-05'],
    ['20240517', '2024-05'],
    [20240517, '2024-05'],
    ['2024年5月17日', '2024-05'],
    [45413, '2024-05'],
    ['45413', '2024-05'],
    [2024.05, '2024-05'],
    [2024.5, '2024-05'],
    [2024.12, '2024-12'],
    [2024.11, '2024-11'],
  ] as const)('%s → %s', (raw, expected) => {
    expect(parseMonth(raw)).toEqual({ ok: true, value: expected });
  });

  it('reads Date objects', () => {
    expect(parseMonth(new Date(Date.UTC(2024, 4, 31)))).toEqual({ ok: true, value: '2024-05' });
  });

  it('refuses the ambiguous Excel number 2024.1 (January or October)', () => {
    const r = parseMonth(2024.1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('2024年1月');
    expect(!r.ok && r.message).toContain('2024年10月');
  });

  it('names the problem', () => {
    expect(parseMonth('2024年13月')).toEqual({ ok: false, message: '月份 13 不存在（应为 1–12）' });
    expect(parseMonth(202413)).toEqual({ ok: false, message: '月份 13 不存在（应为 1–12）' });
    expect(parseMonth('202400')).toEqual({ ok: false, message: '月份 0 不存在（应为 1–12）' });
    expect(val(parseMonth('2024'))).toContain('只有年份');
    expect(val(parseMonth('2024年'))).toContain('只有年份');
    expect(val(parseMonth(2024))).toContain('只有年份');
    expect(val(parseMonth(2024.123))).toContain('不是可识别的年月');
    expect(val(parseMonth(2024.13))).toContain('月份 13 不存在');
    expect(val(parseMonth('2024-02-30'))).toContain('没有 30 日');
    expect(val(parseMonth('上个月'))).toContain('不是可识别的年月');
    expect(val(parseMonth(''))).toContain('不能为空');
    expect(val(parseMonth(189912))).toContain('超出范围');
  });
});

describe('parseYear', () => {
  it.each([
    [2024, 2024],
    ['2024', 2024],
    ['2024年', 2024],
    ['2024年度', 2024],
    ['２０２４', 2024],
    [' 2024 ', 2024],
    ['2024.0', 2024],
    [2000, 2000],
    [2100, 2100],
  ] as const)('%s → %s', (raw, expected) => {
    expect(parseYear(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([1999, 2101, 2024.5, '24', '二〇二四', 'abc', '', '2024-05'])('refuses %s', (raw) => {
    expect(parseYear(raw)).toEqual({ ok: false, message: '年度应为 2000–2100 之间的四位年份，如 2024' });
  });
});

describe('calendar helpers', () => {
  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 13)).toBe(0);
  });

  it('computes whole years of age', () => {
    expect(ageAt('2012-09-01', '2024-08-31')).toBe(11);
    expect(ageAt('2012-09-01', '2024-09-01')).toBe(12);
    expect(ageAt('1964-05-15', '2024-05-15')).toBe(60);
    expect(ageAt('1964-05-16', '2024-05-15')).toBe(59);
  });
});

describe('formatting', () => {
  it.each([
    [5210, '5,210.00'],
    [5210.5, '5,210.50'],
    [0, '0.00'],
    [999.999, '1,000.00'],
    [1234567.891, '1,234,567.89'],
    [-1234.5, '-1,234.50'],
    [-0.001, '0.00'],
    [1.005, '1.01'],
  ] as const)('formatMoney(%s) = %s', (n, s) => {
    expect(formatMoney(n)).toBe(s);
  });

  it.each([
    [5210, '5,210'],
    [5210.4, '5,210'],
    [5210.5, '5,211'],
    [8300, '8,300'],
    [999, '999'],
    [1000000, '1,000,000'],
    [-1234.6, '-1,235'],
    [-0.2, '0'],
    [0, '0'],
  ] as const)('formatYuan(%s) = %s', (n, s) => {
    expect(formatYuan(n)).toBe(s);
  });

  it('formats non-finite numbers as empty text', () => {
    expect(formatMoney(Number.NaN)).toBe('');
    expect(formatYuan(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('formats months and dates the Chinese way', () => {
    expect(formatMonthCn('2024-05')).toBe('2024年5月');
    expect(formatMonthCn('2024-12')).toBe('2024年12月');
    expect(formatMonthCn('2024-05-01')).toBe('2024年5月');
    expect(formatMonthCn('bad')).toBe('bad');
    expect(formatDateCn('2024-05-01')).toBe('2024年5月1日');
    expect(formatDateCn('2024-12-31')).toBe('2024年12月31日');
    expect(formatDateCn('2024-05')).toBe('2024-05');
  });
});
