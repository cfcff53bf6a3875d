// The "floor" of the import benchmark: inflate the first worksheet's XML and count `<c ` and
// `<row` occurrences in the raw bytes, doing nothing else. Imports nothing from dist.
// yauzl reads the zip directory and the raw deflate data; inflating uses 256 KB output chunks,
// as src/io/xlsx-reader.ts does (yauzl's built-in 16 KB inflate is about 2× slower, which would
// flatter any comparison against this floor). Set FLOOR_YAUZL_INFLATE=1 to use yauzl's instead.
import zlib from 'node:zlib';
import yauzl from 'yauzl';

const open = (file) =>
  new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );

const entriesOf = (zip) =>
  new Promise((resolve, reject) => {
    const entries = new Map();
    zip.on('entry', (e) => {
      entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });

const streamOf = (zip, entry) =>
  new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));

async function inflated(zip, entry) {
  if (entry.compressionMethod !== 8 || process.env.FLOOR_YAUZL_INFLATE === '1') return streamOf(zip, entry);
  const raw = await new Promise((resolve, reject) =>
    zip.openReadStream(entry, { decodeFileData: false }, (err, s) => (err ? reject(err) : resolve(s))),
  );
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

async function text(zip, entry) {
  const parts = [];
  for await (const b of await streamOf(zip, entry)) parts.push(b);
  return Buffer.concat(parts).toString('utf8');
}

/** Path of the first worksheet, via xl/workbook.xml and its relationships. */
async function firstSheetPath(zip, entries) {
  const wb = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (wb && rels) {
    const id = /<(?:\w+:)?sheet\b[^>]*?\b\w+:id="([^"]+)"/.exec(await text(zip, wb))?.[1];
    const relsXml = await text(zip, rels);
    for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
      if (m[0].includes(`Id="${id}"`)) {
        const target = /Target="([^"]+)"/.exec(m[0])?.[1] ?? '';
        return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      }
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

function count(buf, needle, carry) {
  // carry: the previous chunk's last bytes, so a needle straddling two chunks is counted once
  let n = 0;
  if (carry.length > 0) {
    const joint = Buffer.concat([carry, buf.subarray(0, needle.length - 1)]);
    for (let i = joint.indexOf(needle); i >= 0; i = joint.indexOf(needle, i + 1)) n++;
  }
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Time to inflate and scan the first sheet of `file`: { ms, rows, cells }. */
export async function measureFloor(file) {
  const started = process.hrtime.bigint();
  const zip = await open(file);
  try {
    const entries = await entriesOf(zip);
    const entry = entries.get(await firstSheetPath(zip, entries));
    if (!entry) throw new Error(`no worksheet in ${file}`);
    const C = Buffer.from('<c ');
    const ROW = Buffer.from('<row');
    let rows = 0;
    let cells = 0;
    let tail = Buffer.alloc(0);
    for await (const buf of await inflated(zip, entry)) {
      cells += count(buf, C, tail.subarray(Math.max(0, tail.length - (C.length - 1))));
      rows += count(buf, ROW, tail.subarray(Math.max(0, tail.length - (ROW.length - 1))));
      tail = buf.subarray(Math.max(0, buf.length - 3));
    }
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, rows, cells };
  } finally {
    zip.close();
  }
}
