import { FpjcError } from '../domain/errors.js';
import { parsePolicyValue } from '../domain/policy.js';
import { ChangeLog } from '../register/audit.js';
import type { Register } from '../register/connection.js';
import { type CountySettings, readSettings, writePolicyValue, writeSettings } from '../register/settings-repo.js';

export interface InitInput {
  countyCode: string;
  countyName: string;
  province?: string | undefined;
  year?: number | undefined;
  incomeLine?: string | undefined;
  /** The county's data clerk, recorded as 经办人 when a command is run without --operator. */
  clerk?: string | undefined;
  operator: string;
}

export function validateCountyCode(code: string): string {
  const c = code.trim();
  if (!/^\d{6}$/.test(c)) {
    throw new FpjcError('USAGE', `--county-code「${code}」不对：县级行政区划代码应为 6 位数字，例如 140702。`);
  }
  return c;
}

/** Fill a newly created register with the county's settings (the file itself is made by openRegister). */
export function initRegister(register: Register, input: InitInput): CountySettings {
  const countyCode = validateCountyCode(input.countyCode);
  const countyName = input.countyName.trim();
  if (!countyName) throw new FpjcError('USAGE', '--county-name 不能为空，请填写县（市、区、旗）名称。');
  const year = input.year ?? new Date().getFullYear();
  if (!Number.isInteger(year) || year < 2016 || year > 2100) {
    throw new FpjcError('USAGE', `--year「${input.year}」不对：应为 2016–2100 之间的年份。`);
  }
  let incomeLine: unknown;
  if (input.incomeLine !== undefined) {
    const parsed = parsePolicyValue('incomeLine', input.incomeLine);
    if (!parsed.ok) throw new FpjcError('USAGE', parsed.message);
    incomeLine = parsed.value;
  }
  register.write(() => {
    const log = new ChangeLog(register.db, { operator: input.operator, command: 'init', reason: '创建登记库' });
    writeSettings(register.db, log, {
      countyCode,
      countyName,
      province: input.province?.trim() || null,
      currentYear: year,
      createdAt: new Date().toISOString(),
      clerk: input.clerk?.trim() || null,
    });
    if (incomeLine !== undefined) writePolicyValue(register.db, log, year, 'incomeLine', incomeLine);
  });
  return readSettings(register.db);
}
