/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = 男, even = 女) and an ISO 7064 MOD 11-2 check character. SPEC Appendix B: valid when it
 * has 18 characters, a correct check digit, a real province code and a real birth date not in
 * the future; it need not carry the county's own code.
 */
import { toHalfWidth } from './normalize.js';

export type IdProblem =
  | 'EMPTY'
  | 'NUMERIC'
  | 'SCIENTIFIC'
  | 'OLD_15'
  | 'LENGTH'
  | 'CHARS'
  | 'PROVINCE'
  | 'BIRTH_DATE'
  | 'FUTURE_BIRTH'
  | 'CHECK_DIGIT';

export type IdCheck =
  | { ok: true; idNo: string; birthDate: string; sex: '男' | '女'; provinceCode: string }
  | { ok: false; reason: IdProblem; message: string };

/**
 * Province-level codes (GB/T 2260) that appear as the first two digits. 83 is used by 台湾居民
 * 居住证 numbers (81 香港, 82 澳门 for the Hong Kong and Macao permits), which share the format.
 */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '台湾地区（居住证）',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** The check character (0–9 or X) for the first 17 digits. Throws on anything but 17 digits. */
export function computeCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`computeCheckDigit: expected 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Builds a valid number (demo data, tests): region code, birth date `YYYYMMDD` (or
 * `YYYY-MM-DD`) and a 3-digit sequence whose last digit is odd for 男, even for 女.
 */
export function makeIdNumber(region6: string, birth: string, seq3: string): string {
  const b = birth.replace(/-/g, '');
  if (!/^\d{6}$/.test(region6)) throw new Error(`makeIdNumber: region must be 6 digits, got "${region6}"`);
  if (!/^\d{8}$/.test(b)) throw new Error(`makeIdNumber: birth must be YYYYMMDD, got "${birth}"`);
  if (!/^\d{3}$/.test(seq3)) throw new Error(`makeIdNumber: sequence must be 3 digits, got "${seq3}"`);
  const first17 = region6 + b + seq3;
  return first17 + computeCheckDigit(first17);
}

const SCIENTIFIC = /^[+-]?\d+(\.\d+)?E\+?\d+$/;
const EXCEL_NUMBER_MESSAGE = '身份证号被 Excel 存成了数字，请把该列设为文本后重新导出';

/** Full-width → half-width, blanks and a leading text-marker apostrophe removed, x → X. */
export function normalizeIdText(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[\s\u00a0\u200b-\u200d\ufeff]/g, '')
    .replace(/^'/, '')
    .toUpperCase();
}

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const fail = (reason: IdProblem, message: string): IdCheck => ({ ok: false, reason, message });

/**
 * Validates a 居民身份证号码 as read from a cell. A JS number (Excel stored the cell as a
 * number) is refused even if its digits pass: digits beyond the 15th are lost that way.
 */
export function checkIdNumber(raw: string | number, today: Date = new Date()): IdCheck {
  if (typeof raw === 'number') return fail('NUMERIC', EXCEL_NUMBER_MESSAGE);
  const id = normalizeIdText(String(raw ?? ''));
  if (id === '') return fail('EMPTY', '证件号码为空');
  if (SCIENTIFIC.test(id)) return fail('SCIENTIFIC', EXCEL_NUMBER_MESSAGE);
  if (/^\d{15}$/.test(id)) return fail('OLD_15', '这是 15 位的旧身份证号，请改填 18 位的新身份证号');
  if (id.length !== 18) {
    return fail('LENGTH', `身份证号应为 18 位，实际为 ${id.length} 位，请核对号码`);
  }
  for (let i = 0; i < 17; i++) {
    const c = id[i]!;
    if (c < '0' || c > '9') {
      return fail('CHARS', `身份证号第 ${i + 1} 位「${c}」不是数字（只有最后一位可以是 X），请核对号码`);
    }
  }
  const last = id[17]!;
  if (!/[0-9X]/.test(last)) return fail('CHARS', `身份证号最后一位应为数字或 X，实际为「${last}」，请核对号码`);

  const provinceCode = id.slice(0, 2);
  if (!(provinceCode in PROVINCE_NAMES)) {
    return fail('PROVINCE', `前两位「${provinceCode}」不是有效的省级行政区划代码，请核对号码`);
  }

  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  if (y < 1900 || !realDate(y, m, d)) {
    return fail('BIRTH_DATE', `第 7–14 位的出生日期「${birth}」不是有效日期，请核对号码`);
  }
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  if (birthDate > todayIso) {
    return fail('FUTURE_BIRTH', `出生日期 ${birthDate} 晚于今天，请核对号码`);
  }

  const expected = computeCheckDigit(id.slice(0, 17));
  if (expected !== last) {
    const hint = id.endsWith('000') ? '（末三位是 000，可能是 Excel 把号码当成数字后丢掉了末几位）' : '';
    return fail('CHECK_DIGIT', `校验位应为 ${expected}，实际为 ${last}，请核对号码${hint}`);
  }

  return { ok: true, idNo: id, birthDate, sex: Number(id[16]) % 2 === 1 ? '男' : '女', provinceCode };
}

/** 残疾人证 category digit (19th character) → 残疾类别. */
export const DISABILITY_CARD_TYPES: Readonly<Record<string, string>> = {
  '1': '视力残疾',
  '2': '听力残疾',
  '3': '言语残疾',
  '4': '肢体残疾',
  '5': '智力残疾',
  '6': '精神残疾',
  '7': '多重残疾',
};

/** 残疾人证 grade digit (20th character) → 残疾等级. */
export const DISABILITY_CARD_GRADES: Readonly<Record<string, string>> = {
  '1': '一级',
  '2': '二级',
  '3': '三级',
  '4': '四级',
};

export type DisabilityCardCheck =
  | { ok: true; idNo: string; cardNo: string | null; disabilityType: string | null; disabilityGrade: string | null }
  | { ok: false; message: string };

/**
 * A 残疾人证 number (SPEC Appendix C): the holder's 18-character 居民身份证号码, then the
 * disability category digit (1 视力 … 7 多重) and the grade digit (1–4), sometimes two more
 * characters (20 or 22 in all). Validated on its first 18 characters. An 18-character number
 * (a holder whose card number was entered as the ID number alone) is checked as a 居民身份证号码.
 */
export function checkDisabilityCard(raw: string | number, today: Date = new Date()): DisabilityCardCheck {
  if (typeof raw === 'number') return { ok: false, message: EXCEL_NUMBER_MESSAGE.replace('身份证号', '残疾人证号') };
  const card = normalizeIdText(String(raw ?? ''));
  if (card === '') return { ok: false, message: '证件号码为空' };
  if (card.length === 18) {
    const id = checkIdNumber(card, today);
    return id.ok
      ? { ok: true, idNo: id.idNo, cardNo: null, disabilityType: null, disabilityGrade: null }
      : { ok: false, message: id.message };
  }
  if (card.length !== 20 && card.length !== 22) {
    return {
      ok: false,
      message: `残疾人证号应为 20 或 22 位（18 位身份证号 + 残疾类别和等级），实际为 ${card.length} 位，请核对号码`,
    };
  }
  const id = checkIdNumber(card.slice(0, 18), today);
  if (!id.ok) return { ok: false, message: `残疾人证号的前 18 位（身份证号）有误：${id.message}` };
  const type = DISABILITY_CARD_TYPES[card[18]!];
  if (!type) return { ok: false, message: `残疾人证号第 19 位「${card[18]}」应为残疾类别代码 1–7，请核对号码` };
  const grade = DISABILITY_CARD_GRADES[card[19]!];
  if (!grade) return { ok: false, message: `残疾人证号第 20 位「${card[19]}」应为残疾等级代码 1–4，请核对号码` };
  if (card.length === 22 && !/^[0-9A-Z]{2}$/.test(card.slice(20))) {
    return { ok: false, message: `残疾人证号第 21–22 位「${card.slice(20)}」应为数字或字母，请核对号码` };
  }
  return { ok: true, idNo: id.idNo, cardNo: card, disabilityType: type, disabilityGrade: grade };
}

/** True when the text is a valid 18-character number (no date-in-future check). */
export function isValidIdNumber(raw: string): boolean {
  return checkIdNumber(raw, new Date(Date.UTC(9999, 0, 1))).ok;
}

/**
 * Sex from the sequence digit (17th of 18, 15th of an old 15-digit number); null when the text
 * is not shaped like an ID number.
 */
export function sexFromId(id: string | null | undefined): '男' | '女' | null {
  if (!id) return null;
  const s = normalizeIdText(id);
  let digit: string | undefined;
  if (/^\d{17}[\dX]$/.test(s)) digit = s[16];
  else if (/^\d{15}$/.test(s)) digit = s[14];
  if (digit === undefined) return null;
  return Number(digit) % 2 === 1 ? '男' : '女';
}

/** Birth date `YYYY-MM-DD` from an 18- (or old 15-) digit number; null when none can be read. */
export function birthFromId(id: string | null | undefined): string | null {
  if (!id) return null;
  const s = normalizeIdText(id);
  let birth: string;
  if (/^\d{17}[\dX]$/.test(s)) birth = s.slice(6, 14);
  else if (/^\d{15}$/.test(s)) birth = `19${s.slice(6, 12)}`;
  else return null;
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  if (!realDate(y, m, d)) return null;
  return `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
}

/** For public outputs (公示): first 6 + `********` + last 4 of an 18-character number. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  const s = id.trim();
  if (s.length >= 12) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
  if (s.length > 4) return '*'.repeat(s.length - 4) + s.slice(-4);
  return '*'.repeat(s.length);
}

/** For public outputs: `138****5678`; other lengths keep at most the last 4 digits. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const s = phone.trim();
  if (s.length >= 8) return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
  if (s.length > 4) return '*'.repeat(s.length - 4) + s.slice(-4);
  return '*'.repeat(s.length);
}
