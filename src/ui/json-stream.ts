import type { Writable } from 'node:stream';

/**
 * Writes a value as JSON, the same document JSON.stringify would give, without building it as one
 * string: arrays and lazy iterables (e.g. a campaign's findings read from the register row by
 * row) are written in chunks, waiting for the stream to drain. Memory stays bounded by the chunk.
 */
export async function writeJson(out: Writable, value: unknown, chunkChars = 1 << 16): Promise<void> {
  let buf = '';
  const flush = async (force: boolean): Promise<void> => {
    if (buf.length === 0 || (!force && buf.length < chunkChars)) return;
    const text = buf;
    buf = '';
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };

  const isIterable = (v: object): v is Iterable<unknown> =>
    typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

  const write = async (v: unknown, inArray: boolean): Promise<void> => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    if (v === null || typeof v !== 'object') {
      const s = JSON.stringify(v);
      // what JSON.stringify does with undefined, functions and symbols inside arrays
      buf += s === undefined ? (inArray ? 'null' : '') : s;
      return;
    }
    if (Array.isArray(v) || isIterable(v)) {
      buf += '[';
      let first = true;
      for (const item of v as Iterable<unknown>) {
        if (!first) buf += ',';
        first = false;
        await write(item, true);
        await flush(false);
      }
      buf += ']';
      return;
    }
    buf += '{';
    let first = true;
    for (const [k, item] of Object.entries(v)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (!first) buf += ',';
      first = false;
      buf += `${JSON.stringify(k)}:`;
      await write(item, false);
      await flush(false);
    }
    buf += '}';
  };

  await write(value, false);
  buf += '\n';
  await flush(true);
}
