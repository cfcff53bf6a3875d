import { describe, expect, it } from 'vitest';
import { applyFormat, dateCn, formatChoice, maskText, monthCn } from '../../../src/reports/format.js';
import { parseCellText, SyntaxProblem } from '../../../src/reports/syntax.js';

describe('placeholder syntax', () => {
  it('splits text, single values, list values and formats', () => {
    expect(parseCellText('填报单位：{{乡镇}}人民政府')).toEqual([
      { kind: 'text', text: '填报单位：' },
      { kind: 'value', raw: '{{乡镇}}', list: undefined, name: '乡镇', format: undefined },
      { kind: 'text', text: '人民政府' },
    ]);
    expect(parseCellText('{{ 户.人均纯收入 | 金额 }}')).toEqual([
      { kind: 'value', raw: '{{ 户.人均纯收入 | 金额 }}', list: '户', name: '人均纯收入', format: { kind: '金额' } },
    ]);
    expect(parseCellText('{{住房|勾选:是/否}}')[0]).toMatchObject({ format: { kind: '勾选', options: ['是', '否'] } });
    expect(parseCellText('{{住房|勾选：有、无}}')[0]).toMatchObject({
      format: { kind: '勾选', options: ['有', '无'] },
    });
  });

  it('reads directives, also with full-width spaces', () => {
    expect(parseCellText('{{#至少　6　行}}{{成员.序号}}')[0]).toEqual({
      kind: 'directive',
      directive: { kind: 'minRows', raw: '{{#至少　6　行}}', rows: 6 },
    });
    expect(parseCellText('附件2{{#分页 农牧户}}')[1]).toMatchObject({
      directive: { kind: 'perItem', mode: '分页', list: '农牧户' },
    });
    expect(parseCellText('{{#分表 户 户主姓名}}')[0]).toMatchObject({
      directive: { kind: 'perItem', mode: '分表', list: '户', sheetName: '户主姓名' },
    });
  });

  it('rejects broken placeholders with a Chinese reason', () => {
    const bad = [
      '{{}}',
      '{{户.}}',
      '{{a.b.c}}',
      '{{名称|粗体}}',
      '{{名称|勾选}}',
      '{{#循环 户}}',
      '{{#分页}}',
      '开头{{名称',
      '名称}}',
    ];
    for (const text of bad) {
      expect(() => parseCellText(text), text).toThrow(SyntaxProblem);
      try {
        parseCellText(text);
      } catch (err) {
        expect((err as Error).message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

describe('formats', () => {
  it('dates and months in Chinese', () => {
    expect(monthCn('2024-05')).toBe('2024年5月');
    expect(monthCn('2024-05-17')).toBe('2024年5月');
    expect(dateCn('2024-05-01')).toBe('2024年5月1日');
    expect(dateCn('2024-05')).toBe('2024年5月');
    expect(dateCn(null)).toBeNull();
    expect(applyFormat('2024-11', { kind: '年月' }, false).value).toBe('2024年11月');
  });

  it('money: a number with a format when alone, two decimals in text', () => {
    expect(applyFormat(1234.5, { kind: '金额' }, true)).toEqual({ value: 1234.5, numFmt: '#,##0.00' });
    expect(applyFormat(1234.5, { kind: '金额' }, false)).toEqual({ value: '1,234.50' });
    expect(applyFormat(1234.567, { kind: '金额' }, true).value).toBe(1234.57);
    expect(applyFormat(null, { kind: '金额' }, true).value).toBeNull();
    expect(applyFormat(12345.6, { kind: '整数' }, false).value).toBe('12,346');
  });

  it('plain numbers inside text are not grouped (years)', () => {
    expect(applyFormat(2024, undefined, false).value).toBe('2024');
    expect(applyFormat(2024, undefined, true).value).toBe(2024);
  });

  it('masks ID numbers, phones and names', () => {
    expect(maskText('14070219700315123X')).toBe('140702********123X');
    expect(maskText('13812345678')).toBe('138****5678');
    expect(maskText('张建国')).toBe('张**');
    expect(maskText('')).toBeNull();
  });

  it('ticks the chosen options', () => {
    expect(formatChoice('是', ['是', '否'])).toBe('☑是  □否');
    expect(formatChoice('否', ['有', '无'])).toBe('□有  ☑无');
    expect(formatChoice(1, ['有', '无'])).toBe('☑有  □无');
    expect(formatChoice(null, ['是', '否'])).toBe('□是  □否');
    expect(formatChoice('因病、因学', ['因病', '因残', '因学'])).toBe('☑因病  □因残  ☑因学');
  });
});
