import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../src/domain/id-number.js';
import { KeyLines } from '../../../src/import/key-lines.js';

describe('KeyLines (the keys an import has met)', () => {
  it('records a new key with its row and answers the first row for a repeat', () => {
    const k = new KeyLines();
    expect(k.get('a')).toBeUndefined();
    expect(k.firstLine('a', 4)).toBe(4);
    expect(k.firstLine('b', 5)).toBe(5);
    expect(k.firstLine('a', 9)).toBe(4);
    expect(k.get('a')).toBe(4);
    expect(k.get('b')).toBe(5);
    expect(k.size).toBe(2);
  });

  it('tells apart keys that are prefixes of one another, multi-byte keys and the empty key', () => {
    const k = new KeyLines();
    const keys = ['', '5', '52', '520', '张三', '张三丰', '张三|2024-01', '张三|2024-1', '𠀀', '𠀀𠀀'];
    for (const [i, key] of keys.entries()) expect(k.firstLine(key, i + 10)).toBe(i + 10);
    for (const [i, key] of keys.entries()) expect(k.get(key)).toBe(i + 10);
    expect(k.get('张')).toBeUndefined();
    expect(k.get('5200')).toBeUndefined();
    expect(k.size).toBe(keys.length);
  });

  it('keeps every one of many ID numbers exactly across its growth', () => {
    const k = new KeyLines();
    const n = 60_000;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const birth = `${1950 + (i % 60)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = makeIdNumber('520102', birth, String(i % 1000).padStart(3, '0'));
      ids.push(`${id}|${i}`);
    }
    for (const [i, id] of ids.entries()) expect(k.firstLine(id, i)).toBe(i);
    expect(k.size).toBe(n);
    for (let i = 0; i < n; i += 7) expect(k.firstLine(ids[i]!, -1)).toBe(i);
    expect(k.get('520102195001010000|60000')).toBeUndefined();
  });
});
