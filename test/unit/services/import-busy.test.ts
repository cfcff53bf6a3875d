import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Windows refuses to open a file Excel holds with EBUSY/EPERM; this machine can't make such a
// lock, so the open is made to fail the way Windows fails it.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (file: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
    if (String(file).includes('被占用'))
      throw Object.assign(new Error(`EBUSY: resource busy or locked, open '${String(file)}'`), { code: 'EBUSY' });
    return (actual.open as (...a: unknown[]) => ReturnType<typeof actual.open>)(file, ...rest);
  };
  return { ...actual, open, default: { ...actual, open } };
});

const { importFile } = await import('../../../src/services/import-service.js');
const { openRegister } = await import('../../../src/register/connection.js');

describe('a file open in another program', () => {
  it('is refused with a Chinese message saying to close it, and the register is unchanged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc 占用-'));
    const file = path.join(dir, '家庭成员-被占用.csv');
    fs.writeFileSync(file, '户编号,证件号码,姓名,与户主关系\n1,2,3,户主\n');
    const register = openRegister(path.join(dir, 'a.db'), { create: true });
    const before = register.db.prepare('SELECT count(*) AS n FROM change_sets').get();
    const err = await importFile(register, { file, kind: 'members', operator: '测试' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FILE_BUSY', exitCode: 1 });
    expect((err as Error).message).toContain('请先关闭该文件后重试');
    expect(register.db.prepare('SELECT count(*) AS n FROM change_sets').get()).toEqual(before);
    register.close();
  });
});
