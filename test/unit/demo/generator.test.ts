import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCounty, splitInt, townshipCount, villageCount } from '../../../src/demo/county.js';
import { DemoGenerator } from '../../../src/demo/generator.js';
import { IdAllocator, PhoneAllocator } from '../../../src/demo/ids.js';
import { netIncome } from '../../../src/demo/model.js';
import { Rng } from '../../../src/demo/prng.js';
import { SCENARIOS } from '../../../src/demo/scenarios.js';
import { FpjcError } from '../../../src/domain/errors.js';
import { checkIdNumber } from '../../../src/domain/id-number.js';
import { generateDemo } from '../../../src/services/demo-service.js';
import { removeTempDirs, tempDir } from './demo-helpers.js';

const TODAY = new Date(2024, 4, 1);

function county(households: number, seed: number) {
  const g = new DemoGenerator({ households, seed, countyCode: '140702', countyName: '榆次区' });
  const batches = [...g.villages()];
  return { g, batches, households: batches.flatMap((b) => b.households) };
}

describe('demo generator', () => {
  it('has a deterministic PRNG per seed and stream', () => {
    const seq = (seed: number, stream: string): number[] => {
      const r = new Rng(seed, stream);
      return Array.from({ length: 5 }, () => r.u32());
    };
    expect(seq(1, 'a')).toEqual(seq(1, 'a'));
    expect(seq(1, 'a')).not.toEqual(seq(2, 'a'));
    expect(seq(1, 'a')).not.toEqual(seq(1, 'b'));
    const r = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = r.int(3, 5);
      expect(k === 3 || k === 4 || k === 5).toBe(true);
    }
  });

  it('allocates unique valid ID numbers even when many share a birth date', () => {
    const ids = new IdAllocator(1);
    const seen = new Set<string>();
    for (let i = 0; i < 1200; i++) {
      const sex = i % 2 ? '男' : '女';
      const { id, birth } = ids.allocate('140702', '1980-01-01', sex);
      const chk = checkIdNumber(id, TODAY);
      expect(chk.ok).toBe(true);
      if (chk.ok) {
        expect(chk.sex).toBe(sex);
        expect(chk.birthDate).toBe(birth);
      }
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
    const phones = new PhoneAllocator(1);
    const ps = new Set(Array.from({ length: 5000 }, () => phones.next()));
    expect(ps.size).toBe(5000);
    for (const p of ps) expect(p).toMatch(/^1[3-9]\d{9}$/);
  });

  it('scales the county: 5–12 townships, ~150 households a village (300k → ~2,000 villages)', () => {
    expect(townshipCount(300)).toBe(5);
    expect(townshipCount(300_000)).toBe(12);
    expect(villageCount(300_000)).toBeGreaterThanOrEqual(1900);
    expect(villageCount(300_000)).toBeLessThanOrEqual(2100);
    const c = buildCounty({
      seed: 1,
      households: 300_000,
      code: '140702',
      name: '榆次区',
      phones: new PhoneAllocator(1),
    });
    expect(c.villages.reduce((s, v) => s + v.households, 0)).toBe(300_000);
    expect(new Set(c.villages.map((v) => v.name)).size).toBe(c.villages.length);
    expect(new Set(c.villages.map((v) => v.code)).size).toBe(c.villages.length);
    for (const v of c.villages) {
      expect(v.name).toMatch(/村$/);
      expect(v.code).toMatch(/^140702\d{6}$/);
      for (const g of v.grids) expect(g.count).toBeLessThanOrEqual(100);
    }
    for (const t of c.townships) expect(t.name).toMatch(/[镇乡]$/);
    expect(splitInt(10, [1, 1, 1], 1)).toEqual([4, 3, 3]);
  });

  it('plants every scenario, even in the smallest county, for several seeds', () => {
    for (const seed of [1, 2, 3, 42]) {
      const { g, households, batches } = county(100, seed);
      expect(households.length).toBe(100);
      const planted = new Set(households.map((h) => h.scenario).filter((s) => s !== null));
      expect(planted).toEqual(new Set(SCENARIOS));
      const v01 = batches.find((b) => b.village.noMonitoring)!;
      expect(v01.households.filter((h) => h.type === '脱贫户').length).toBeGreaterThanOrEqual(10);
      expect(v01.households.every((h) => h.monitoring === null)).toBe(true);
      expect(g.county.villages[g.county.noMonitoringVillage]).toBe(v01.village);
      const ids = new Set<string>();
      for (const h of households) {
        for (const p of h.members) {
          expect(checkIdNumber(p.id, TODAY).ok).toBe(true);
          expect(ids.has(p.id)).toBe(false);
          ids.add(p.id);
        }
      }
      const exact = households.find((h) => h.scenario === 'INCOME_8300')!;
      const r = exact.incomes[1]!;
      expect(netIncome(r) / r.size).toBe(8300);
    }
  });

  it('keeps monitored households at 3–5% and 脱贫户 at 25–35% in a bigger county', () => {
    const { households } = county(5000, 9);
    const monitored = households.filter((h) => h.monitoring).length / households.length;
    expect(monitored).toBeGreaterThan(0.03);
    expect(monitored).toBeLessThan(0.05);
    const poor = households.filter((h) => h.type === '脱贫户').length / households.length;
    expect(poor).toBeGreaterThan(0.25);
    expect(poor).toBeLessThan(0.35);
    const members = households.reduce((s, h) => s + h.members.length, 0) / households.length;
    expect(members).toBeGreaterThan(3);
    expect(members).toBeLessThan(3.6);
  });
});

describe('demo output folder', () => {
  afterAll(removeTempDirs);

  it('refuses a non-empty folder that is not a demo folder, and an existing demo without --force', async () => {
    const dir = tempDir('guard');
    fs.writeFileSync(path.join(dir, '我的文件.xlsx'), 'x');
    await expect(generateDemo({ households: 100, seed: 1, outDir: dir, force: true })).rejects.toMatchObject({
      code: 'USAGE',
    });
    expect(fs.readdirSync(dir)).toEqual(['我的文件.xlsx']);

    const demo = path.join(tempDir('again'), '演示');
    await generateDemo({ households: 100, seed: 1, outDir: demo, force: false });
    const err = await generateDemo({ households: 100, seed: 1, outDir: demo, force: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FpjcError);
    expect((err as FpjcError).code).toBe('USAGE');
    expect((err as FpjcError).message).toContain('--force');
  });

  it('with --force deletes the previous demo files, register, backups and reports, and nothing else', async () => {
    const demo = path.join(tempDir('force'), '演示');
    await generateDemo({ households: 100, seed: 1, outDir: demo, force: false });
    for (const x of ['fpjc.db', 'fpjc.db-wal', 'fpjc.db-shm']) fs.writeFileSync(path.join(demo, x), 'old');
    fs.mkdirSync(path.join(demo, 'fpjc-备份'));
    fs.writeFileSync(path.join(demo, 'fpjc-备份', 'a.db'), 'old');
    fs.mkdirSync(path.join(demo, '报表'));
    fs.writeFileSync(path.join(demo, '笔记.txt'), 'keep');
    const r = await generateDemo({ households: 120, seed: 2, outDir: demo, force: true });
    expect(r.households).toBe(120);
    const left = fs.readdirSync(demo).sort();
    expect(left).toEqual(
      [
        '.fpjc-demo',
        '全国系统导出',
        '笔记.txt',
        '说明.txt',
        '行政区划.xlsx',
        '户信息.xlsx',
        '家庭成员.xlsx',
        '收支信息.xlsx',
        '帮扶措施.xlsx',
        '部门预警.xlsx',
        '部门预警-医保.csv',
      ].sort(),
    );
  });

  it('rejects a household count out of range', async () => {
    await expect(
      generateDemo({ households: 10, seed: 1, outDir: tempDir('small'), force: false }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
  });
});
