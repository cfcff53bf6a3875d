import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FpjcError } from '../../../src/domain/errors.js';
import { unitFileNames } from '../../../src/reports/output.js';
import { runReport } from '../../../src/services/report-service.js';
import { buildFixture, type Fixture, tempDir } from './fixture.js';

let fx: Fixture;
const LONG = `${'很长的村名'.repeat(18)}村`; // 91 characters, 273 bytes in UTF-8

beforeAll(() => {
  fx = buildFixture('报表文件名');
  fx.register.write(() => {
    const rename = fx.register.db.prepare('UPDATE villages SET name = ? WHERE id = ?');
    rename.run('a/b村', 1);
    rename.run('a_b村', 2);
    rename.run(LONG, 3);
  });
});
afterAll(() => fx.register.close());
afterEach(() => vi.restoreAllMocks());

const bytes = (s: string): number => Buffer.byteLength(s);

describe('report file names', () => {
  it('are unique when sanitised names collide (the village code is added) and fit 255 bytes and MAX_PATH', () => {
    const dir = path.join('/tmp', 'x'.repeat(120));
    const names = unitFileNames(
      dir,
      [
        { parts: ['东阳镇', 'a/b村'], code: '140702101001' },
        { parts: ['东阳镇', 'a_b村'], code: '140702101002' },
        { parts: ['东阳镇', 'A_B村'], code: undefined },
        { parts: ['北田镇', LONG], code: '140702102001' },
        { parts: ['北田镇', `${LONG}甲`], code: '140702102002' },
        { parts: ['北田镇', '南庄村'], code: '140702102003' },
      ],
      '监测对象台账',
    );
    expect(names.slice(0, 3)).toEqual([
      '东阳镇-a_b村（140702101001）-监测对象台账.xlsx',
      '东阳镇-a_b村（140702101002）-监测对象台账.xlsx',
      '东阳镇-A_B村-监测对象台账.xlsx',
    ]);
    expect(names[5]).toBe('北田镇-南庄村-监测对象台账.xlsx');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.endsWith('-监测对象台账.xlsx')).toBe(true);
      // room left for the `.NAME.PID.tmp` temp name
      expect(bytes(`.${n}.4194304.tmp`)).toBeLessThanOrEqual(255);
      expect(path.join(dir, `.${n}.4194304.tmp`).length).toBeLessThan(260);
    }
    expect(names[3]).toContain('…');
    expect(names[3]).not.toBe(names[4]);
  });

  it('a report by village writes every village, colliding and long names included, and cleans temp files of killed runs', async () => {
    const out = tempDir('报表输出');
    const stale = path.join(out, '.东阳镇-a_b村-监测对象台账.xlsx.999999999.tmp');
    fs.writeFileSync(stale, '110101199001011234');
    const r = await runReport(fx.register, {
      id: 'ledger',
      by: 'village',
      operator: '测试员',
      asOf: '2024-06-30',
      out,
    });
    const names = r.files.map((f) => path.basename(f.file));
    expect(names).toContain('东阳镇-a_b村（140702101001）-监测对象台账.xlsx');
    expect(names).toContain('东阳镇-a_b村（140702101002）-监测对象台账.xlsx');
    expect(names.some((n) => n.startsWith('北田镇-很长的村名') && n.includes('…'))).toBe(true);
    expect(fs.readdirSync(out).sort()).toEqual(names.sort());
  });

  it('a report failing part-way (full disk) names the files already written and leaves no temp file', async () => {
    const out = tempDir('报表输出');
    const rename = fs.renameSync;
    let n = 0;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).endsWith('.xlsx') && ++n === 3) {
        throw Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
      }
      return rename(from, to);
    });
    const err = await runReport(fx.register, {
      id: 'ledger',
      by: 'village',
      operator: '测试员',
      asOf: '2024-06-30',
      out,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FpjcError);
    const e = err as FpjcError;
    expect(e.message).toContain('磁盘空间不足');
    const written = e.details?.written as string[];
    expect(written.length).toBeGreaterThanOrEqual(2);
    for (const f of written) {
      expect(e.message).toContain(f);
      expect(fs.existsSync(f)).toBe(true);
    }
    expect(e.message).toContain(`已写成 ${written.length} 个文件`);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(out).sort()).toEqual(written.map((f) => path.basename(f)).sort());
  });
});
