/**
 * Hand-built .xlsx packages for hostile-input tests, including decompression bombs made in
 * milliseconds: a deflate stream is a run of blocks, so one piece compressed with a full flush
 * (byte-aligned, no back-references) can be repeated any number of times and closed with an
 * empty final block. A 3 GB part costs 3 MB of zip and no 3 GB buffer anywhere.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

/** Text of a part, or pieces of text each repeated `times` (the bomb). */
export type PartBody = string | Buffer | { pieces: { text: string | Buffer; times?: number }[] };

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const crc32 = (buf: Buffer): number =>
  typeof (zlib as { crc32?: (b: Buffer) => number }).crc32 === 'function'
    ? (zlib as unknown as { crc32: (b: Buffer) => number }).crc32(buf)
    : 0; // yauzl and the reader do not check the data CRC; Node < 20.15 has no zlib.crc32

function deflate(body: PartBody): { data: Buffer; size: number; crc: number } {
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    return { data: zlib.deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
  }
  const parts: Buffer[] = [];
  let size = 0;
  for (const piece of body.pieces) {
    const raw = Buffer.isBuffer(piece.text) ? piece.text : Buffer.from(piece.text, 'utf8');
    const block = zlib.deflateRawSync(raw, { finishFlush: zlib.constants.Z_FULL_FLUSH });
    const times = piece.times ?? 1;
    for (let i = 0; i < times; i++) parts.push(block);
    size += raw.length * times;
  }
  parts.push(Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff])); // final empty stored block
  if (size > 0xffffffff) throw new Error('part too large for a zip without zip64');
  return { data: Buffer.concat(parts), size, crc: 0 };
}

/** A zip of deflated entries, written by hand (local headers, central directory, end record). */
export function writeZip(file: string, parts: Record<string, PartBody>): string {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, body] of Object.entries(parts)) {
    const { data, size, crc } = deflate(body);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, data);
    central.push(dir, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...chunks, dirBytes, end]));
  return file;
}

/** The package parts around one sheet body (and optional shared strings). */
export function xlsxParts(sheet: PartBody, sharedStrings?: PartBody): Record<string, PartBody> {
  const parts: Record<string, PartBody> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="家庭成员" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${
      sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''
    }</Relationships>`,
    'xl/worksheets/sheet1.xml': sheet,
  };
  if (sharedStrings) parts['xl/sharedStrings.xml'] = sharedStrings;
  return parts;
}

export const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`;
export const SHEET_END = '</sheetData></worksheet>';
export const SST_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}">`;
export const SST_END = '</sst>';

/** A sheet of inline-string rows. */
export const inlineRows = (rows: string[][]): string =>
  rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v) => `<c t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`)
    .join('');
