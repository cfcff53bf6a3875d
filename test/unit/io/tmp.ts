import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { RawRow } from '../../../src/io/raw-row.js';

/** A fresh folder under os.tmpdir(), removed after the test file. */
export function tmpDir(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fpjc-io-${tag}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function collect(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  // the progress hints (lastRow, lastRowEstimated) are not row content
  for await (const { lastRow: _l, lastRowEstimated: _e, ...r } of rows) out.push(r);
  return out;
}

/** The FpjcError code a promise rejects with (or 'RESOLVED'). */
export async function errorCode(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
    return { code: 'RESOLVED', message: '' };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { code: e.code ?? 'NO_CODE', message: e.message ?? '' };
  }
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random text mixing 1-, 2-, 3- and 4-byte UTF-8 characters, mostly CJK, incl. emoji and CJK ext. B. */
export function randomText(rand: () => number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const k = rand();
    let cp: number;
    if (k < 0.1)
      cp = 0x21 + Math.floor(rand() * 94); // ASCII
    else if (k < 0.15)
      cp = 0xa1 + Math.floor(rand() * 0x6ff); // 2 bytes
    else if (k < 0.85)
      cp = 0x4e00 + Math.floor(rand() * 0x51a0); // CJK, 3 bytes
    else if (k < 0.93)
      cp = 0x1f600 + Math.floor(rand() * 0x50); // emoji, 4 bytes
    else cp = 0x20000 + Math.floor(rand() * 0xa6d0); // CJK ext. B, 4 bytes
    s += String.fromCodePoint(cp);
  }
  return s;
}
