import type { DefaultFont } from './template.js';

/**
 * How text fits a cell on paper (pure). Excel, WPS and LibreOffice break a wrapped line between
 * any two CJK characters, so 「郭家堡镇」 may print as 郭家堡/镇. The renderer breaks the lines of
 * a filled-in cell itself, between items (after 、，；, before （), and only breaks inside an
 * item that is wider than the whole cell.
 */

/** Width of a text in em: CJK and full-width characters 1, others about half (0.55, as fallback fonts draw digits). */
export function textEms(s: string): number {
  let w = 0;
  for (const ch of s) w += charEms(ch);
  return w;
}

function charEms(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x2e80 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x2460 && c <= 0x27bf) ? 1 : 0.55;
}

/**
 * Pixels (at 96 dpi) of one width unit: Excel measures column widths in the widest digit of the
 * workbook's default font (Calibri 11: 7 px; 宋体 11: 8 px, its digits are half an em, rounded up).
 */
export function digitPx(font: DefaultFont): number {
  const em = (font.size * 96) / 72;
  return /calibri|carlito|arial|helvetica/i.test(font.name) ? Math.round(em * 0.48) : Math.ceil(em * 0.5);
}

/** Pixels of a column `width` units wide, as Excel draws it (the unit plus 5 px of padding). */
export const columnPx = (width: number, font: DefaultFont): number => Math.trunc(width * digitPx(font) + 5);

/**
 * Width (in units of `font`) a column needs for `text` in a cell font of `size` points: the text
 * and its padding, with a tenth to spare for fonts that draw digits wider than 宋体.
 */
export function widthFor(text: string, size: number, font: DefaultFont = { name: 'Calibri', size: 11 }): number {
  const px = textEms(text) * ((size * 96) / 72) * 1.1 + 8;
  return Math.ceil(((px - 5) / digitPx(font)) * 2) / 2;
}

/** Separators after which a line may break; the comma and the point not between digits. */
const BREAK_AFTER = new Set([
  '、',
  '，',
  '；',
  '。',
  '：',
  '！',
  '？',
  '）',
  '」',
  '』',
  '》',
  ' ',
  '\u3000',
  ';',
  ')',
]);
const OPENING = new Set(['（', '(', '「', '『', '《']);
/** Characters that must not start a line. */
const NO_START = new Set([
  '、',
  '，',
  '；',
  '。',
  '：',
  '！',
  '？',
  '）',
  '」',
  '』',
  '》',
  ')',
  ',',
  '.',
  ';',
  ':',
  '%',
]);

/** The pieces of a text that are not broken: each ends at a break opportunity. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    cur += ch;
    const ascii = (ch === ',' || ch === '.') && next !== undefined && !/\d/.test(next);
    if (next !== undefined && (BREAK_AFTER.has(ch) || ascii || OPENING.has(next)) && !NO_START.has(next)) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Break a token wider than a line: by characters, keeping runs of digits and letters whole. */
function splitLong(token: string, ems: number): string[] {
  const units = token.match(/[A-Za-z0-9.,%+-]+|[\s\S]/gu) ?? [];
  const out: string[] = [];
  let line = '';
  for (const u of units) {
    if (line && textEms(line + u) > ems && !NO_START.has(u)) {
      out.push(line);
      line = '';
    }
    line += u;
  }
  if (line) out.push(line);
  return out;
}

/** The lines of one paragraph in a cell `ems` wide. */
function paragraphLines(text: string, ems: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens(text)) {
    if (textEms(line + tok.trimEnd()) <= ems) {
      line += tok;
      continue;
    }
    if (line) lines.push(line.trimEnd());
    line = '';
    const t = tok.trimStart();
    if (textEms(t.trimEnd()) <= ems) line = t;
    else {
      const parts = splitLong(t, ems);
      line = parts.pop() ?? '';
      lines.push(...parts);
    }
  }
  if (line || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** The lines of a text in a cell `ems` wide, broken between items; the text's own line breaks are kept. */
export function breakLines(text: string, ems: number): string[] {
  return text.split(/\r?\n/).flatMap((p) => paragraphLines(p, Math.max(1, ems)));
}
