import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { qualityDoc } from '../../../src/quality/doc.js';
import { QUALITY_RULES } from '../../../src/quality/rules/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('docs/quality.md', () => {
  it('is generated from the rule modules (run npm run docs:quality after changing a rule)', () => {
    expect(fs.readFileSync(path.join(root, 'docs', 'quality.md'), 'utf8')).toBe(qualityDoc());
  });

  it('documents every rule with its reading', () => {
    const doc = qualityDoc();
    for (const r of QUALITY_RULES) expect(doc).toContain(`| ${r.id} | ${r.severity} |`);
    for (const r of QUALITY_RULES) expect(r.reading.length, r.id).toBeGreaterThan(10);
  });
});
