/**
 * The placeholder syntax of report templates (documented in docs/templates.md). Pure: turns the
 * text of one cell into literal text and placeholders, and reads directives.
 *
 *   {{名称}}              a single value
 *   {{名称|格式}}         a formatted value: 年月, 日期, 金额, 整数, 掩码, 勾选:是/否
 *   {{列表.名称}}         a value of each item of a list: the row repeats once per item
 *   {{#至少 6 行}}        in a repeated row: pad the list with blank rows up to 6
 *   {{#加空行 2}}         in a repeated row: 2 blank rows after the items (to write in)
 *   {{#换页}}             this row starts a new printed page (a form's second page)
 *   {{#分页 列表}}        anywhere in a sheet: the whole sheet is one form per item, stacked
 *                         on the same sheet with a page break after each form
 *   {{#分表 列表 名称}}   the whole sheet is one form per item, each on its own worksheet
 *                         named after the item's 名称
 */

export interface Placeholder {
  kind: 'value';
  /** Full text as written, for messages. */
  raw: string;
  /** List the value belongs to (`成员` in `{{成员.姓名}}`), or undefined for a single value. */
  list: string | undefined;
  name: string;
  format: Format | undefined;
}

export type Format =
  | { kind: '年月' }
  | { kind: '日期' }
  | { kind: '金额' }
  | { kind: '整数' }
  | { kind: '掩码' }
  | { kind: '勾选'; options: string[] };

export type Directive =
  | { kind: 'minRows'; raw: string; rows: number }
  | { kind: 'extraRows'; raw: string; rows: number }
  | { kind: 'pageBreak'; raw: string }
  | { kind: 'perItem'; raw: string; mode: '分页' | '分表'; list: string; sheetName: string | undefined };

export type Segment = { kind: 'text'; text: string } | Placeholder | ({ kind: 'directive' } & { directive: Directive });

export const FORMAT_NAMES = ['年月', '日期', '金额', '整数', '掩码', '勾选'] as const;

/** A problem in one placeholder, without its location (the caller adds sheet and cell). */
export class SyntaxProblem extends Error {
  constructor(
    readonly raw: string,
    message: string,
  ) {
    super(message);
  }
}

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;

export const hasPlaceholder = (text: string): boolean => text.includes('{{');

/** Split a cell's text into literal text, placeholders and directives. Throws SyntaxProblem. */
export function parseCellText(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const start = m.index ?? 0;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push(parsePlaceholder(m[0], m[1] ?? ''));
    last = start + m[0].length;
  }
  const rest = text.slice(last);
  if (rest.includes('{{') || rest.includes('}}')) {
    throw new SyntaxProblem(rest.trim(), '占位符缺少配对的「{{」或「}}」');
  }
  if (rest) out.push({ kind: 'text', text: rest });
  return out;
}

function parsePlaceholder(raw: string, body: string): Segment {
  const inner = normalizeSpaces(body);
  if (inner === '') throw new SyntaxProblem(raw, '占位符是空的');
  if (inner.startsWith('#')) return { kind: 'directive', directive: parseDirective(raw, inner.slice(1).trim()) };
  const bar = inner.indexOf('|');
  const ref = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
  const format = bar >= 0 ? parseFormat(raw, inner.slice(bar + 1).trim()) : undefined;
  if (ref === '') throw new SyntaxProblem(raw, '占位符缺少名称');
  const dot = ref.indexOf('.');
  if (dot >= 0) {
    const list = ref.slice(0, dot).trim();
    const name = ref.slice(dot + 1).trim();
    if (!list || !name || name.includes('.')) throw new SyntaxProblem(raw, '列表占位符应写成「{{列表.名称}}」');
    return { kind: 'value', raw, list, name, format };
  }
  return { kind: 'value', raw, list: undefined, name: ref, format };
}

function parseFormat(raw: string, text: string): Format {
  const colon = text.search(/[:：]/);
  const name = (colon >= 0 ? text.slice(0, colon) : text).trim();
  const arg = colon >= 0 ? text.slice(colon + 1).trim() : '';
  switch (name) {
    case '年月':
    case '日期':
    case '金额':
    case '整数':
    case '掩码':
      if (arg) throw new SyntaxProblem(raw, `格式「${name}」不带参数`);
      return { kind: name };
    case '勾选': {
      const options = arg
        .split(/[/／、,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (options.length < 2) throw new SyntaxProblem(raw, '格式「勾选」要列出选项，如「{{住房安全|勾选:是/否}}」');
      return { kind: '勾选', options };
    }
    default:
      throw new SyntaxProblem(raw, `未知的格式「${name}」。可用的格式：${FORMAT_NAMES.join('、')}`);
  }
}

function parseDirective(raw: string, text: string): Directive {
  const min = /^至少\s*(\d+)\s*行?$/.exec(text);
  if (min) {
    const rows = Number(min[1]);
    if (rows < 1 || rows > 1000) throw new SyntaxProblem(raw, '「至少 N 行」的 N 应在 1 到 1000 之间');
    return { kind: 'minRows', raw, rows };
  }
  const extra = /^加空行\s*(\d+)\s*行?$/.exec(text);
  if (extra) {
    const rows = Number(extra[1]);
    if (rows < 1 || rows > 100) throw new SyntaxProblem(raw, '「加空行 N」的 N 应在 1 到 100 之间');
    return { kind: 'extraRows', raw, rows };
  }
  if (text === '换页') return { kind: 'pageBreak', raw };
  const parts = text.split(' ').filter(Boolean);
  const mode = parts[0];
  if (mode === '分页' || mode === '分表') {
    const list = parts[1];
    if (!list) throw new SyntaxProblem(raw, `「#${mode}」后面要写列表名，如「{{#${mode} 户}}」`);
    if (mode === '分页' && parts.length > 2) throw new SyntaxProblem(raw, '「#分页」只带一个列表名');
    if (parts.length > 3) throw new SyntaxProblem(raw, '「#分表」只带列表名和工作表名称字段');
    return { kind: 'perItem', raw, mode, list, sheetName: parts[2] };
  }
  throw new SyntaxProblem(
    raw,
    '未知的指令。可用的指令：{{#至少 N 行}}、{{#加空行 N}}、{{#换页}}、{{#分页 列表}}、{{#分表 列表 名称}}',
  );
}

/** Full-width and repeated spaces, line breaks: a clerk may type any of them. */
const normalizeSpaces = (s: string): string => s.replace(/[\s\u3000]+/g, ' ').trim();
