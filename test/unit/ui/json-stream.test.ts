import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../../src/ui/json-stream.js';

async function collect(value: unknown, chunk = 8): Promise<{ text: string; writes: number }> {
  let text = '';
  let writes = 0;
  const out = new Writable({
    highWaterMark: 16,
    write(c, _e, cb) {
      text += String(c);
      writes++;
      setImmediate(cb);
    },
  });
  await writeJson(out, value, chunk);
  return { text, writes };
}

describe('writeJson', () => {
  it('writes the document JSON.stringify writes', async () => {
    const value = {
      a: 1,
      b: 'x"\n中文',
      c: [1, null, undefined, { d: true, e: undefined }],
      f: undefined,
      g: new Date(Date.UTC(2024, 4, 1)),
      h: {},
      i: [],
    };
    expect((await collect(value)).text).toBe(`${JSON.stringify(value)}\n`);
  });

  it('streams a lazy iterable as an array, in many writes', async () => {
    function* rows() {
      for (let i = 0; i < 1000; i++) yield { 户编号: String(i).padStart(16, '0'), rule: 'R01' };
    }
    const { text, writes } = await collect({ ok: true, result: { flags: { [Symbol.iterator]: rows } } }, 256);
    const parsed = JSON.parse(text);
    expect(parsed.result.flags).toHaveLength(1000);
    expect(parsed.result.flags[999]).toEqual({ 户编号: '0000000000000999', rule: 'R01' });
    expect(writes).toBeGreaterThan(50);
  });
});
