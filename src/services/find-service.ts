import { FpjcError } from '../domain/errors.js';
import { maskIdNumber } from '../domain/id-number.js';
import type { Register } from '../register/connection.js';
import { findPeople } from '../register/find-repo.js';

export interface FoundPerson {
  户编号: string;
  乡镇: string;
  村: string;
  户主: string | null;
  姓名: string;
  证件号码: string;
  与户主关系: string | null;
  状态: string;
}

export interface FindResult {
  text: string;
  matched: string | null;
  people: FoundPerson[];
  /** More people matched than are listed. */
  more: boolean;
}

export const FIND_LIMIT = 50;

/** `fpjc find`: a quick search by 姓名, a fragment of 证件号码 / 户编号, or a phone number. */
export function findPeopleIn(register: Register, text: string, opts: { mask?: boolean } = {}): FindResult {
  const t = text.trim();
  if (t.length === 0) throw new FpjcError('USAGE', '请给出要查找的姓名、证件号码（可只写一部分，至少 3 位）或电话。');
  if (/^\d{1,2}$/.test(t)) throw new FpjcError('USAGE', `「${t}」太短：号码至少写 3 位。`);
  const rows = findPeople(register.db, t, FIND_LIMIT + 1);
  const mask = opts.mask !== false;
  return {
    text: t,
    matched: rows[0]?.matched ?? null,
    more: rows.length > FIND_LIMIT,
    people: rows.slice(0, FIND_LIMIT).map((r) => ({
      户编号: r.hh_no,
      乡镇: r.township,
      村: r.village,
      户主: r.head_name,
      姓名: r.name,
      证件号码: mask ? maskIdNumber(r.id_no) : r.id_no,
      与户主关系: r.relation,
      状态: r.status,
    })),
  };
}
