import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FpjcError } from '../domain/errors.js';

/** The package's templates/ folder, found from this file (src/reports or dist/src/reports). */
export function builtInTemplatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'templates');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new FpjcError('FILE_NOT_FOUND', '找不到 fpjc 自带的报表模板文件夹 templates，请重新安装 fpjc。');
}

/** The template file of a report: the county's copy in --templates DIR when it has one, else the built-in one. */
export function resolveTemplate(file: string, overrideDir: string | undefined): { path: string; custom: boolean } {
  if (overrideDir) {
    const dir = path.resolve(overrideDir);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new FpjcError(
        'FILE_NOT_FOUND',
        `找不到模板文件夹「${dir}」。--templates 应指向存放自定义模板（.xlsx）的文件夹。`,
      );
    }
    const own = path.join(dir, file);
    if (fs.existsSync(own)) return { path: own, custom: true };
  }
  return { path: path.join(builtInTemplatesDir(), file), custom: false };
}
