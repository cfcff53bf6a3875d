/**
 * A full disk where no tmpfs can be mounted (Windows, CI without root): SQLite's own page limit
 * (PRAGMA max_page_count) makes the register's writes fail with the real SQLITE_FULL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FpjcError } from '../../../src/domain/errors.js';
import { openRegister } from '../../../src/register/connection.js';
import { importFile } from '../../../src/services/import-service.js';
import { initRegister } from '../../../src/services/init-service.js';

const HEADER = '户编号,乡镇,村,户类型,户主姓名,户主证件号码,家庭人口数\n';

describe('a register that runs out of space', () => {
  it('an import fails with DISK_FULL (exit 4), a Chinese message, and nothing written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc 满-'));
    const register = openRegister(path.join(dir, '登记库.db'), { create: true });
    initRegister(register, {
      countyCode: '140702',
      countyName: '榆次区',
      year: 2024,
      incomeLine: '8300',
      operator: '测试',
    });
    const file = path.join(dir, '户信息.csv');
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `1407020010${String(i).padStart(6, '0')},东阳镇,西沟村,一般农户,户主${i},,3`,
    );
    fs.writeFileSync(file, HEADER + rows.join('\n'));
    const pages = register.db.pragma('page_count', { simple: true }) as number;
    register.db.pragma(`max_page_count = ${pages + 20}`);
    const count = () =>
      register.db
        .prepare('SELECT (SELECT count(*) FROM households) + (SELECT count(*) FROM change_sets)')
        .pluck()
        .get();
    const before = count();
    const err = await importFile(register, { file, kind: 'households', operator: '测试' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FpjcError);
    expect(err).toMatchObject({ code: 'DISK_FULL', exitCode: 4 });
    expect((err as Error).message).toMatch(/磁盘空间不足.*登记库未改动/);
    expect(register.db.inTransaction).toBe(false);
    expect(count()).toBe(before);
    register.close();
  });
});
