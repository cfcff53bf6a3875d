import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TEMPLATE_BUILDERS } from './forms.js';

/**
 * Writes the generated templates (src/reports/forms.ts) into a folder, by default the
 * package's templates/. Run with `npm run templates` after changing a form; commit the .xlsx
 * files with the code (a test checks they match).
 */
export async function buildTemplates(dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, build] of Object.entries(TEMPLATE_BUILDERS)) {
    const file = path.join(dir, name);
    await build().xlsx.writeFile(file);
    written.push(file);
  }
  return written;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'templates');
  for (const f of await buildTemplates(dir)) console.log(`已生成模板：${f}`);
}
