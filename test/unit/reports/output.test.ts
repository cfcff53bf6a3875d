import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FpjcError } from '../../../src/domain/errors.js';
import {
  defaultOutDir,
  resolveOutput,
  safeFileName,
  unitFileName,
  writeAtomically,
} from '../../../src/reports/output.js';
import { tempDir } from './fixture.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('report output', () => {
  it('names files by scope in Chinese, safe for Windows', () => {
    expect(unitFileName(['东阳镇', '西沟村'], '监测对象台账')).toBe('东阳镇-西沟村-监测对象台账.xlsx');
    expect(unitFileName(['东阳镇', ''], '监测对象台账')).toBe('东阳镇-监测对象台账.xlsx');
    expect(unitFileName(['榆次区'], '监测帮扶汇总表')).toBe('榆次区-监测帮扶汇总表.xlsx');
    expect(safeFileName('a/b:c*d?"e<f>g|h')).toBe('a_b_c_d__e_f_g_h');
  });

  it('puts reports in a 报表 folder next to the register by default; --out FILE only for one file', () => {
    expect(defaultOutDir('/data/县/fpjc.db')).toBe(path.join('/data/县', '报表'));
    expect(resolveOutput(undefined, '/data/fpjc.db', true)).toEqual({
      dir: path.join('/data', '报表'),
      file: undefined,
    });
    expect(resolveOutput('/tmp/台账.xlsx', '/data/fpjc.db', false)).toEqual({ dir: '/tmp', file: '/tmp/台账.xlsx' });
    expect(() => resolveOutput('/tmp/台账.xlsx', '/data/fpjc.db', true)).toThrow(/文件夹/);
    expect(() => resolveOutput('/tmp/台账.xls', '/data/fpjc.db', false)).toThrow(/\.xlsx/);
  });

  it('writes through a temp file renamed into place', async () => {
    const dir = tempDir('输出');
    const target = path.join(dir, '子目录', '台账.xlsx');
    await writeAtomically(target, async (tmp) => {
      expect(path.dirname(tmp)).toBe(path.dirname(target));
      expect(fs.existsSync(target)).toBe(false);
      fs.writeFileSync(tmp, 'x');
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('x');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['台账.xlsx']);
  });

  it('a target open in Excel (EBUSY/EPERM on Windows) is FILE_BUSY, the old file is kept and the temp file removed', async () => {
    const dir = tempDir('占用');
    const target = path.join(dir, '台账.xlsx');
    fs.writeFileSync(target, 'old');
    for (const code of ['EBUSY', 'EPERM']) {
      vi.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
        throw Object.assign(new Error(`${code}: resource busy or locked, rename`), { code });
      });
      const err = await writeAtomically(target, async (tmp) => fs.writeFileSync(tmp, 'new')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FpjcError);
      expect((err as FpjcError).code).toBe('FILE_BUSY');
      expect((err as FpjcError).message).toContain('Excel');
      expect((err as FpjcError).message).toContain(target);
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
      expect(fs.readdirSync(dir)).toEqual(['台账.xlsx']);
    }
  });

  it('a folder with the target name is FILE_BUSY with its own message', async () => {
    const dir = tempDir('同名');
    const target = path.join(dir, '台账.xlsx');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, '里面.txt'), '');
    const err = await writeAtomically(target, async (tmp) => fs.writeFileSync(tmp, 'new')).catch((e: unknown) => e);
    expect((err as FpjcError).code).toBe('FILE_BUSY');
    expect((err as FpjcError).message).toContain('文件夹');
    expect(fs.readdirSync(dir)).toEqual(['台账.xlsx']);
  });

  it('a failure while writing removes the temp file and keeps the error', async () => {
    const dir = tempDir('失败');
    const target = path.join(dir, '台账.xlsx');
    const err = await writeAtomically(target, async (tmp) => {
      fs.writeFileSync(tmp, 'half');
      throw new FpjcError('TEMPLATE', '模板有问题');
    }).catch((e: unknown) => e);
    expect((err as FpjcError).code).toBe('TEMPLATE');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
