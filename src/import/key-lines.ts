/**
 * The keys an import has met and the row each was first met on (duplicate keys within one file are
 * refused with that row's number). It is the one structure of an import that grows with the file,
 * so it is packed: the keys' UTF-8 bytes one after another in a growing buffer, and an
 * open-addressing table of entry numbers. Exact — a hash match is confirmed byte by byte — at
 * about 40 bytes an 18-character ID number, where a Map<string, number> took about 100.
 */

import { fnv1a } from '../domain/hash.js';

const EMPTY = 0;

export class KeyLines {
  private bytes: Buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** Entry i: its key's first byte in `bytes` (its end is the next entry's start), hash, row. */
  private starts = new Uint32Array(1 << 10);
  private hashes = new Uint32Array(1 << 10);
  private lines = new Int32Array(1 << 10);
  private count = 0;
  /** Entry number + 1 per slot, EMPTY for a free slot; the length is a power of two. */
  private slots = new Uint32Array(1 << 11);
  private scratch: Buffer = Buffer.allocUnsafe(256);

  get size(): number {
    return this.count;
  }

  /** The row `key` was first met on, or undefined. */
  get(key: string): number | undefined {
    const i = this.find(key, hashOf(key));
    return i < 0 ? undefined : this.lines[i];
  }

  /** The row `key` was first met on; a new key is recorded as met on `line`. */
  firstLine(key: string, line: number): number {
    const h = hashOf(key);
    const i = this.find(key, h);
    if (i >= 0) return this.lines[i]!;
    this.insert(key, h, line);
    return line;
  }

  private find(key: string, h: number): number {
    const mask = this.slots.length - 1;
    let encoded = -1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e === EMPTY) return -1;
      const i = e - 1;
      if (this.hashes[i] !== h) continue;
      if (encoded < 0) encoded = this.encode(key);
      const start = this.starts[i]!;
      const end = i + 1 < this.count ? this.starts[i + 1]! : this.used;
      if (end - start === encoded && this.bytes.compare(this.scratch, 0, encoded, start, end) === 0) return i;
    }
  }

  private encode(key: string): number {
    if (this.scratch.length < key.length * 3) this.scratch = Buffer.allocUnsafe(key.length * 3);
    return this.scratch.write(key, 0, 'utf8');
  }

  private insert(key: string, h: number, line: number): void {
    if (this.used + key.length * 3 > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + key.length * 3));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts, new Uint32Array(this.count * 2));
      this.hashes = grow(this.hashes, new Uint32Array(this.count * 2));
      this.lines = grow(this.lines, new Int32Array(this.count * 2));
    }
    const i = this.count++;
    this.starts[i] = this.used;
    this.hashes[i] = h;
    this.lines[i] = line;
    this.used += this.bytes.write(key, this.used, 'utf8');
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(i);
  }

  private place(i: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[i]! & mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = i + 1;
  }

  private rehash(size: number): void {
    this.slots = new Uint32Array(size);
    for (let i = 0; i < this.count; i++) this.place(i);
  }
}

function grow<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** FNV-1a over the UTF-16 code units, finished with a multiply-xorshift so low bits spread. */
function hashOf(key: string): number {
  let h = fnv1a(key);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
