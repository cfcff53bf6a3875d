import { describe, expect, it } from 'vitest';
import {
  birthFromId,
  checkIdNumber,
  computeCheckDigit,
  isValidIdNumber,
  makeIdNumber,
  maskIdNumber,
  maskPhone,
  normalizeIdText,
  PROVINCE_NAMES,
  sexFromId,
} from '../../../src/domain/id-number.js';

const TODAY = new Date(2024, 4, 15); // 2024-05-15 local

/** Well-known valid sample numbers (check digits verified by hand with MOD 11-2). */
const VALID_X = '11010519491231002X'; // the GB 11643 example, female
const VALID_DIGIT = '440524188001010014'; // 1880 is < 1900: used for the year check below

describe('computeCheckDigit', () => {
  it('computes MOD 11-2 check characters including X', () => {
    expect(computeCheckDigit('11010519491231002')).toBe('X');
    expect(computeCheckDigit('44052418800101001')).toBe('4');
    expect(computeCheckDigit('14070219700315001')).toBe(makeIdNumber('140702', '19700315', '001').slice(-1));
  });

  it('covers every remainder', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(makeIdNumber('140702', '19900101', String(i).padStart(3, '0')).slice(-1));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('refuses anything but 17 digits', () => {
    expect(() => computeCheckDigit('1234')).toThrow();
    expect(() => computeCheckDigit('1101051949123100X')).toThrow();
  });
});

describe('makeIdNumber', () => {
  it('builds numbers that pass the check with the sex of the sequence', () => {
    const male = makeIdNumber('140702', '19700315', '013');
    const female = makeIdNumber('140702', '1972-06-10', '024');
    expect(male).toHaveLength(18);
    expect(checkIdNumber(male, TODAY)).toMatchObject({
      ok: true,
      sex: '男',
      birthDate: '1970-03-15',
      provinceCode: '14',
    });
    expect(checkIdNumber(female, TODAY)).toMatchObject({ ok: true, sex: '女', birthDate: '1972-06-10' });
  });

  it('throws on bad arguments', () => {
    expect(() => makeIdNumber('14070', '19700315', '013')).toThrow();
    expect(() => makeIdNumber('140702', '197003', '013')).toThrow();
    expect(() => makeIdNumber('140702', '19700315', '13')).toThrow();
  });
});

describe('checkIdNumber', () => {
  it('accepts a valid number and reports birth date, sex and province', () => {
    expect(checkIdNumber(VALID_X, TODAY)).toEqual({
      ok: true,
      idNo: VALID_X,
      birthDate: '1949-12-31',
      sex: '女',
      provinceCode: '11',
    });
  });

  it('normalises blanks, full-width characters and a lowercase x', () => {
    expect(checkIdNumber('  11010519491231002x ', TODAY)).toMatchObject({ ok: true, idNo: VALID_X });
    expect(checkIdNumber('１１０１０５１９４９１２３１００２ｘ', TODAY)).toMatchObject({ ok: true, idNo: VALID_X });
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({ ok: true, idNo: VALID_X });
    expect(checkIdNumber('110105 19491231 002X', TODAY)).toMatchObject({ ok: true, idNo: VALID_X });
    expect(checkIdNumber("'11010519491231002X", TODAY)).toMatchObject({ ok: true, idNo: VALID_X });
    expect(checkIdNumber('\t11010519491231002X', TODAY)).toMatchObject({ ok: true, idNo: VALID_X });
  });

  it('refuses a JS number even when its digits would pass', () => {
    const id = makeIdNumber('140702', '19700315', '013');
    const n = Number(id.replace('X', ''));
    const r = checkIdNumber(n, TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'NUMERIC' });
    expect(!r.ok && r.message).toBe('身份证号被 Excel 存成了数字，请把该列设为文本后重新导出');
    // a 15-digit number is still a number
    expect(checkIdNumber(110105491231002, TODAY)).toMatchObject({ ok: false, reason: 'NUMERIC' });
  });

  it('recognises scientific notation from Excel', () => {
    for (const s of ['4.10102E+17', '4.10102199E+17', '4.10102e+17', '4.10102E17', '１.１０１０５E+17']) {
      const r = checkIdNumber(s, TODAY);
      expect(r, s).toEqual({
        ok: false,
        reason: 'SCIENTIFIC',
        message: '身份证号被 Excel 存成了数字，请把该列设为文本后重新导出',
      });
    }
  });

  it('refuses old 15-digit numbers asking for the 18-digit one', () => {
    const r = checkIdNumber('110105491231002', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'OLD_15' });
    expect(!r.ok && r.message).toContain('18 位');
  });

  it('reports a wrong length', () => {
    expect(checkIdNumber('1101051949123100', TODAY)).toMatchObject({ ok: false, reason: 'LENGTH' });
    expect(checkIdNumber('11010519491231002X1', TODAY)).toMatchObject({ ok: false, reason: 'LENGTH' });
    const r = checkIdNumber('12345', TODAY);
    expect(!r.ok && r.message).toBe('身份证号应为 18 位，实际为 5 位，请核对号码');
  });

  it('reports wrong characters and where they are', () => {
    const r = checkIdNumber('1101051949X231002X', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'CHARS' });
    expect(!r.ok && r.message).toContain('第 11 位');
    expect(checkIdNumber('11010519491231002Y', TODAY)).toMatchObject({ ok: false, reason: 'CHARS' });
    expect(checkIdNumber('11010519491231002-', TODAY)).toMatchObject({ ok: false, reason: 'CHARS' });
  });

  it('requires a real province code', () => {
    for (const p of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '49',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '84',
      '90',
      '91',
      '99',
    ]) {
      const first17 = `${p}010519491231002`;
      const r = checkIdNumber(first17 + computeCheckDigit(first17), TODAY);
      expect(r, p).toMatchObject({ ok: false, reason: 'PROVINCE' });
    }
    for (const p of Object.keys(PROVINCE_NAMES)) {
      const first17 = `${p}010519491231002`;
      expect(checkIdNumber(first17 + computeCheckDigit(first17), TODAY).ok, p).toBe(true);
    }
    const bad = `99010519491231002`;
    const r = checkIdNumber(bad + computeCheckDigit(bad), TODAY);
    expect(!r.ok && r.message).toBe('前两位「99」不是有效的省级行政区划代码，请核对号码');
  });

  it('accepts a code of another county (born elsewhere)', () => {
    expect(checkIdNumber(makeIdNumber('522424', '19810715', '361'), TODAY).ok).toBe(true);
  });

  it('requires a real birth date from 1900 on', () => {
    const mk = (birth: string) => {
      const first17 = `140702${birth}013`;
      return first17 + computeCheckDigit(first17);
    };
    expect(checkIdNumber(mk('19900230'), TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(checkIdNumber(mk('19901301'), TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(checkIdNumber(mk('19900001'), TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(checkIdNumber(mk('19900100'), TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(checkIdNumber(mk('19000229'), TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(checkIdNumber(VALID_DIGIT, TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(checkIdNumber(mk('20000229'), TODAY).ok).toBe(true);
    expect(checkIdNumber(mk('19000101'), TODAY).ok).toBe(true);
    const r = checkIdNumber(mk('19900230'), TODAY);
    expect(!r.ok && r.message).toBe('第 7–14 位的出生日期「19900230」不是有效日期，请核对号码');
  });

  it('refuses a birth date after today, accepts today', () => {
    expect(checkIdNumber(makeIdNumber('140702', '20240516', '013'), TODAY)).toMatchObject({
      ok: false,
      reason: 'FUTURE_BIRTH',
      message: '出生日期 2024-05-16 晚于今天，请核对号码',
    });
    expect(checkIdNumber(makeIdNumber('140702', '20240515', '013'), TODAY).ok).toBe(true);
  });

  it('reports the expected check digit', () => {
    const good = makeIdNumber('140702', '19700315', '013');
    const expected = good.slice(-1);
    const wrong = expected === '3' ? '4' : '3';
    const r = checkIdNumber(good.slice(0, 17) + wrong, TODAY);
    expect(r).toEqual({
      ok: false,
      reason: 'CHECK_DIGIT',
      message: `校验位应为 ${expected}，实际为 ${wrong}，请核对号码`,
    });
  });

  it('hints at Excel when the last digits are 000', () => {
    // a number that lost its last digits to Excel's 15 significant digits ends in 000
    let first17 = '';
    for (let i = 0; i < 100; i++) {
      const candidate = `1407021970031${String(i).padStart(2, '0')}00`;
      if (computeCheckDigit(candidate) !== '0') {
        first17 = candidate;
        break;
      }
    }
    const r = checkIdNumber(`${first17}0`, TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'CHECK_DIGIT' });
    expect(!r.ok && r.message).toContain('末三位是 000');
  });

  it('catches a single mistyped digit', () => {
    const good = makeIdNumber('140702', '19700315', '013');
    for (let i = 0; i < 17; i++) {
      if (i < 2 || (i >= 6 && i < 14)) continue; // province and birth date have their own checks
      const d = Number(good[i]);
      const typo = good.slice(0, i) + String((d + 1) % 10) + good.slice(i + 1);
      expect(checkIdNumber(typo, TODAY), `position ${i + 1}`).toMatchObject({ ok: false, reason: 'CHECK_DIGIT' });
    }
  });

  it('reports an empty value', () => {
    expect(checkIdNumber('   ', TODAY)).toMatchObject({ ok: false, reason: 'EMPTY' });
  });

  it('defaults today to the current date', () => {
    expect(checkIdNumber(VALID_X).ok).toBe(true);
    expect(isValidIdNumber(VALID_X)).toBe(true);
    expect(isValidIdNumber('11010519491231002Y')).toBe(false);
  });
});

describe('sexFromId / birthFromId', () => {
  it('reads sex from the 17th digit', () => {
    expect(sexFromId(VALID_X)).toBe('女');
    expect(sexFromId(makeIdNumber('140702', '19700315', '013'))).toBe('男');
    expect(sexFromId('11010519491231002x')).toBe('女');
    expect(sexFromId('110105491231003')).toBe('男');
    expect(sexFromId('abc')).toBeNull();
    expect(sexFromId('')).toBeNull();
    expect(sexFromId(null)).toBeNull();
  });

  it('reads the birth date', () => {
    expect(birthFromId(VALID_X)).toBe('1949-12-31');
    expect(birthFromId('110105491231002')).toBe('1949-12-31');
    expect(birthFromId('140702199002300137')).toBeNull();
    expect(birthFromId('4.10102E+17')).toBeNull();
    expect(birthFromId(undefined)).toBeNull();
  });

  it('normalises like checkIdNumber', () => {
    expect(normalizeIdText(' １１０１０５１９４９１２３１００２ｘ ')).toBe(VALID_X);
  });
});

describe('masking for public outputs', () => {
  it('masks ID numbers as first 6 + 8 stars + last 4', () => {
    expect(maskIdNumber(VALID_X)).toBe('110105********002X');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber('12345678')).toBe('****5678');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0354-1234567')).toBe('035*****4567');
    expect(maskPhone('123456')).toBe('**3456');
    expect(maskPhone(undefined)).toBe('');
  });
});
