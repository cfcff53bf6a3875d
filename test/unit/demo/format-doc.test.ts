import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderFormatDoc } from '../../../src/demo/format-doc.js';
import { ALERT_RESULTS, KINDS } from '../../../src/domain/fields.js';
import { VOCABULARIES } from '../../../src/domain/vocab.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DOC = path.join(ROOT, 'docs/import-formats.md');

/** The text without the table padding that the formatter (biome) adds; line ends as LF. */
function normalize(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const t = line.trim();
      if (!t.startsWith('|') || !t.endsWith('|')) return line;
      const cells = t
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
      if (cells.every((c) => /^:?-+:?$/.test(c))) return `|${cells.map(() => '---').join('|')}|`;
      return `| ${cells.join(' | ')} |`;
    })
    .join('\n');
}

describe('docs/import-formats.md', () => {
  it('is the text generated from the field dictionary (UPDATE_DOCS=1 rewrites it)', () => {
    const text = renderFormatDoc();
    if (process.env.UPDATE_DOCS === '1') {
      fs.writeFileSync(DOC, text, 'utf8');
      // the formatter pads the tables; the comparison below ignores that padding
      const biome = path.join(ROOT, 'node_modules/@biomejs/biome/bin/biome');
      execFileSync(process.execPath, [biome, 'format', '--write', DOC], { cwd: ROOT, stdio: 'ignore' });
    }
    const onDisk = fs.readFileSync(DOC, 'utf8');
    expect(
      normalize(onDisk),
      'docs/import-formats.md is out of date: run UPDATE_DOCS=1 npx vitest run test/unit/demo/format-doc.test.ts',
    ).toBe(normalize(text));
  });

  it('documents every column of every kind, its aliases and its vocabulary values', () => {
    const text = renderFormatDoc();
    for (const kind of [...Object.values(KINDS), ALERT_RESULTS]) {
      for (const f of kind.fields) {
        expect(text).toContain(`| ${f.header} |`);
        for (const a of f.aliases ?? []) expect(text).toContain(a);
        if (f.vocab) for (const v of VOCABULARIES[f.vocab].values) expect(text).toContain(v);
      }
    }
    for (const topic of ['GBK', 'UTF-8', '4.10102E+17', '202405', '是', '第 3 行']) expect(text).toContain(topic);
  });
});
