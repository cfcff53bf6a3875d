/**
 * Unique, valid identifiers for the demo county without remembering every one of them:
 * 居民身份证 numbers are counted per (region, birth date, sex) — at most 499 a day each — and
 * phone numbers come from a permuted counter.
 */

import { fnv1a } from '../domain/hash.js';
import { makeIdNumber } from '../domain/id-number.js';
import { dayOf, isoOf } from './dates.js';

export class IdAllocator {
  private readonly counts = new Map<string, number>();

  constructor(private readonly seed: number) {}

  /**
   * A new valid number for someone born on `birth` (`YYYY-MM-DD`) in `region6`, with the sex
   * digit right. Returns the number and the birth date used (moved on by a day in the very
   * unlikely case that 499 numbers of that day are taken).
   */
  allocate(region6: string, birth: string, sex: '男' | '女'): { id: string; birth: string } {
    let date = birth;
    for (;;) {
      const key = `${region6}${date}${sex}`;
      const n = this.counts.get(key) ?? 0;
      if (n < 499) {
        this.counts.set(key, n + 1);
        const k = ((n * 37 + (fnv1a(key) ^ this.seed)) >>> 0) % 499;
        const seq = (k + 1) * 2 + (sex === '男' ? 1 : 0);
        return { id: makeIdNumber(region6, date.replace(/-/g, ''), String(seq).padStart(3, '0')), birth: date };
      }
      date = isoOf(dayOf(date) + 1);
    }
  }
}

const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
] as const;

/** 11-digit mobile numbers (1[3-9]…), all different. */
export class PhoneAllocator {
  private n = 0;
  private readonly offset: number;

  constructor(seed: number) {
    this.offset = fnv1a(`phone:${seed}`) % 100_000_000;
  }

  next(): string {
    const c = this.n++;
    const prefix = PHONE_PREFIXES[c % PHONE_PREFIXES.length]!;
    const body = (Math.floor(c / PHONE_PREFIXES.length) * 7919 + this.offset) % 100_000_000;
    return prefix + String(body).padStart(8, '0');
  }
}
