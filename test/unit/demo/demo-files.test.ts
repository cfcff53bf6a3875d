import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALERTS,
  exportFields,
  HOUSEHOLDS,
  INCOMES,
  type KindDef,
  MEASURES,
  MEMBERS,
  REGIONS,
} from '../../../src/domain/fields.js';
import { checkIdNumber } from '../../../src/domain/id-number.js';
import { ageAt } from '../../../src/domain/normalize.js';
import { DEVELOPMENTAL_MEASURES, LABOUR_CAPABLE_SKILLS, VOCABULARIES } from '../../../src/domain/vocab.js';
import {
  DEMO_FILE_NAMES,
  DEMO_NATIONAL_DIR,
  DEMO_NATIONAL_FILES,
  type DemoResult,
} from '../../../src/services/demo-service.js';
import { makeDemo, qualityPlanted, type Rec, rawRows, records, removeTempDirs } from './demo-helpers.js';

const AS_OF = '2024-05-01';
/** Other seeds and sizes can be tried with DEMO_TEST_SEED / DEMO_TEST_HOUSEHOLDS. */
const SEED = Number(process.env.DEMO_TEST_SEED ?? 1);
const SIZE = Number(process.env.DEMO_TEST_HOUSEHOLDS ?? 300);
const TODAY = new Date(2024, 4, 1);

let a: DemoResult;
let b: DemoResult;
let c: DemoResult;
let hh: Rec[];
let mem: Rec[];
let inc: Rec[];
let mea: Rec[];
let alertRows: Rec[];
let csvRows: Rec[];
let regions: Rec[];

const KIND_OF_FILE: Record<string, KindDef> = {
  [DEMO_FILE_NAMES.regions]: REGIONS,
  [DEMO_FILE_NAMES.households]: HOUSEHOLDS,
  [DEMO_FILE_NAMES.members]: MEMBERS,
  [DEMO_FILE_NAMES.incomes]: INCOMES,
  [DEMO_FILE_NAMES.measures]: MEASURES,
  [DEMO_FILE_NAMES.alerts]: ALERTS,
  [DEMO_FILE_NAMES.alertsCsv]: ALERTS,
};

const f = (r: DemoResult, name: string): string => path.join(r.outDir, name);
const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const n = (v: unknown): number => (v === null || v === undefined || v === '' ? 0 : Number(v));
const net = (r: Rec): number =>
  n(r.工资性收入) + n(r.生产经营性收入) + n(r.财产性收入) + n(r.转移性收入) - n(r.生产经营性支出);
const perCapita = (r: Rec): number => net(r) / n(r.家庭人口数);

afterAll(removeTempDirs);

beforeAll(async () => {
  [a, b, c] = await Promise.all([makeDemo(SIZE, SEED, 'a'), makeDemo(SIZE, SEED, 'b'), makeDemo(SIZE, SEED + 1, 'c')]);
  hh = (await records(f(a, DEMO_FILE_NAMES.households), HOUSEHOLDS)).rows;
  mem = (await records(f(a, DEMO_FILE_NAMES.members), MEMBERS)).rows;
  inc = (await records(f(a, DEMO_FILE_NAMES.incomes), INCOMES)).rows;
  mea = (await records(f(a, DEMO_FILE_NAMES.measures), MEASURES)).rows;
  alertRows = (await records(f(a, DEMO_FILE_NAMES.alerts), ALERTS)).rows;
  csvRows = (await records(f(a, DEMO_FILE_NAMES.alertsCsv), ALERTS)).rows;
  regions = (await records(f(a, DEMO_FILE_NAMES.regions), REGIONS)).rows;
});

describe('demo files', () => {
  it('writes every file with the counts it reports, a 说明.txt and the marker', () => {
    expect(a.households).toBe(SIZE);
    expect(a.files.map((x) => path.basename(x.file))).toEqual([
      '行政区划.xlsx',
      '户信息.xlsx',
      '家庭成员.xlsx',
      '收支信息.xlsx',
      '帮扶措施.xlsx',
      '部门预警.xlsx',
      '部门预警-医保.csv',
      ...Object.values(DEMO_NATIONAL_FILES),
    ]);
    expect(a.files.filter((x) => path.dirname(x.file).endsWith(DEMO_NATIONAL_DIR))).toHaveLength(5);
    expect(fs.existsSync(f(a, '.fpjc-demo'))).toBe(true);
    expect(fs.readFileSync(f(a, '说明.txt'), 'utf8')).toContain('榆次区');
    expect(hh.length).toBe(SIZE);
    expect(mem.length).toBe(a.members);
    expect(inc.length).toBe(2 * SIZE);
    const count = (name: string): number => a.files.find((x) => path.basename(x.file) === name)!.rows;
    expect(mea.length).toBe(count(DEMO_FILE_NAMES.measures));
    expect(alertRows.length).toBe(count(DEMO_FILE_NAMES.alerts));
    expect(csvRows.length).toBe(count(DEMO_FILE_NAMES.alertsCsv));
    expect(regions.length).toBe(count(DEMO_FILE_NAMES.regions));
  });

  it('is deterministic: same seed → same rows (and same CSV bytes); another seed → different data', async () => {
    for (const name of Object.values(DEMO_FILE_NAMES)) {
      const ra = await rawRows(f(a, name));
      const rb = await rawRows(f(b, name));
      expect(rb, name).toEqual(ra);
    }
    expect(fs.readFileSync(f(b, DEMO_FILE_NAMES.alertsCsv))).toEqual(fs.readFileSync(f(a, DEMO_FILE_NAMES.alertsCsv)));
    const ma = await rawRows(f(a, DEMO_FILE_NAMES.members));
    const mc = await rawRows(f(c, DEMO_FILE_NAMES.members));
    expect(mc).not.toEqual(ma);
  });

  it('uses the dictionary headers; 户信息 has a title and an export-info row above the header (row 3)', async () => {
    for (const [name, kind] of Object.entries(KIND_OF_FILE)) {
      const r = await records(f(a, name), kind);
      expect(r.header, name).toEqual(exportFields(kind).map((x) => x.header));
      expect(r.headerRow, name).toBe(name === DEMO_FILE_NAMES.households ? 3 : 1);
    }
    const raw = await rawRows(f(a, DEMO_FILE_NAMES.households));
    expect(raw[0]!.cells[0]).toBe('榆次区（演示）户信息');
    expect(String(raw[1]!.cells[0])).toMatch(/^导出时间：2024-05-01/);
  });

  it('writes ID numbers, 户编号 and phones as text; every ID is valid and every member ID unique', () => {
    const ids = new Set<string>();
    for (const m of mem) {
      expect(typeof m.证件号码).toBe('string');
      const chk = checkIdNumber(s(m.证件号码), TODAY);
      expect(chk.ok, s(m.证件号码)).toBe(true);
      if (!chk.ok) continue;
      expect(m.性别).toBe(chk.sex);
      expect(m.出生日期).toBe(chk.birthDate);
      expect(ids.has(chk.idNo)).toBe(false);
      ids.add(chk.idNo);
      if (m.联系电话 !== null) expect(s(m.联系电话)).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(mem.some((m) => !s(m.证件号码).startsWith('14'))).toBe(true); // some born elsewhere
    for (const h of hh) {
      expect(typeof h.户编号).toBe('string');
      expect(checkIdNumber(s(h.户主证件号码), TODAY).ok).toBe(true);
      expect(s(h.联系电话)).toMatch(/^1[3-9]\d{9}$/);
    }
    for (const al of [...alertRows, ...csvRows]) expect(checkIdNumber(s(al.证件号码), TODAY).ok).toBe(true);
    for (const m of mea) if (m.证件号码 !== null) expect(ids.has(s(m.证件号码))).toBe(true);
    expect(new Set(hh.map((h) => h.户编号)).size).toBe(hh.length);
    for (const h of hh) expect(s(h.户编号)).toMatch(/^140702\d{10}$/);
  });

  it('keeps households and members consistent: one 户主, 户主姓名/证件号码, 家庭人口数 = members', () => {
    const byHh = new Map<string, Rec[]>();
    for (const m of mem) {
      const list = byHh.get(s(m.户编号)) ?? [];
      list.push(m);
      byHh.set(s(m.户编号), list);
    }
    expect(byHh.size).toBe(hh.length);
    for (const h of hh) {
      const ms = byHh.get(s(h.户编号))!;
      expect(ms.length).toBe(h.家庭人口数);
      const heads = ms.filter((m) => m.与户主关系 === '户主');
      expect(heads.length).toBe(1);
      expect(heads[0]!.姓名).toBe(h.户主姓名);
      expect(heads[0]!.证件号码).toBe(h.户主证件号码);
      const inc23 = inc.find((r) => r.户编号 === h.户编号 && r.年度 === 2023)!;
      expect(n(inc23.家庭人口数)).toBeLessThanOrEqual(ms.length);
      expect(ms.length - n(inc23.家庭人口数)).toBe(ms.filter((m) => s(m.出生日期) > '2023-12-31').length);
    }
  });

  it('uses only canonical vocabulary values in every enumerated column', async () => {
    for (const [name, kind] of Object.entries(KIND_OF_FILE)) {
      const { rows } = await records(f(a, name), kind);
      for (const field of exportFields(kind)) {
        if (field.type === 'bool') {
          for (const r of rows)
            if (r[field.header] !== null) expect(['是', '否'], `${name} ${field.header}`).toContain(r[field.header]);
        }
        if (!field.vocab) continue;
        const values = VOCABULARIES[field.vocab].values;
        for (const r of rows) {
          const v = r[field.header];
          if (v === null) continue;
          const parts = field.type === 'multiEnum' ? s(v).split(',') : [s(v)];
          for (const p of parts) expect(values, `${name} ${field.header}`).toContain(p);
        }
      }
    }
  });

  it('fills every column of every file somewhere', async () => {
    for (const [name, kind] of Object.entries(KIND_OF_FILE)) {
      if (name === DEMO_FILE_NAMES.alertsCsv) continue;
      const { rows } = await records(f(a, name), kind);
      for (const field of exportFields(kind)) {
        expect(
          rows.some((r) => r[field.header] !== null),
          `${name} ${field.header}`,
        ).toBe(true);
      }
    }
  });

  it('gives members plausible attributes for their age', () => {
    // the households with a planted data-quality problem break these on purpose
    const planted = qualityPlanted(SIZE, SEED);
    for (const m of mem) {
      if (planted.has(m.户编号 as string)) continue;
      const age = ageAt(s(m.出生日期), AS_OF);
      const school = s(m.在校生状况);
      if (school === '学龄前儿童') expect(age).toBeLessThan(7);
      if (age >= 7 && age <= 12) expect(school).toMatch(/^小学|^七年级/);
      if (age < 16) expect(m.劳动技能).toBe('无劳动力');
      if (age >= 16 && age < 60 && m.健康状况 === '健康' && school === '非在校生') {
        expect(['普通劳动力', '技能劳动力']).toContain(m.劳动技能);
      }
      if (age >= 60) expect(['普通劳动力', '技能劳动力']).not.toContain(m.劳动技能);
      if (m.健康状况 && s(m.健康状况).includes('残疾')) {
        expect(m.残疾类别).not.toBeNull();
        expect(m.残疾等级).not.toBeNull();
      } else {
        expect(m.残疾类别).toBeNull();
      }
      const months = m['务工时间(月)'];
      if (months !== null) {
        expect(n(months)).toBeGreaterThanOrEqual(1);
        expect(n(months)).toBeLessThanOrEqual(12);
        expect(['未务工', null]).not.toContain(m.务工状况);
      }
      if (m.享受低保政策情况 !== '未享受') expect(m.纳入低保时间).not.toBeNull();
      if (m.是否特困供养人员 === '是') expect(m.纳入特困时间).not.toBeNull();
    }
    const relations = new Set(mem.map((m) => m.与户主关系));
    for (const r of ['户主', '配偶', '之子', '之女', '之儿媳', '之孙子', '之孙女']) expect(relations).toContain(r);
    expect(mem.filter((m) => m.民族 === '汉族').length / mem.length).toBeGreaterThan(0.9);
  });

  it('computes incomes whose parts sum up, around the 8,300 line', () => {
    for (const r of inc) {
      expect(n(r.财产性收入)).toBe(n(r.资产收益扶贫分红收入) + n(r.其他财产性收入));
      expect(n(r.转移性收入)).toBe(
        n(r.计划生育金) + n(r.低保金) + n(r.特困供养金) + n(r.养老保险金) + n(r.生态补偿金) + n(r.其他转移性收入),
      );
      for (const h of INCOMES.fields)
        if (h.type === 'money' && !h.allowNegative) expect(n(r[h.header])).toBeGreaterThanOrEqual(0);
    }
    const y23 = inc.filter((r) => r.年度 === 2023);
    const y22 = new Map(inc.filter((r) => r.年度 === 2022).map((r) => [r.户编号, r]));
    const pcs = y23.map(perCapita).sort((x, y) => x - y);
    const median = pcs[pcs.length >> 1]!;
    expect(median).toBeGreaterThan(11000);
    expect(median).toBeLessThan(20000);
    const below = pcs.filter((p) => p < 8300).length / pcs.length;
    expect(below).toBeGreaterThan(0.005);
    expect(below).toBeLessThan(0.15);
    expect(y23.some((r) => perCapita(r) === 8300)).toBe(true);
    expect(y23.some((r) => perCapita(r) < perCapita(y22.get(r.户编号)!))).toBe(true);
    expect(y23.some((r) => n(r.合规自付支出) === 10000)).toBe(true);
    expect(y23.some((r) => n(r.合规自付支出) > 10000)).toBe(true);
    expect(y23.some((r) => n(r.合规自付支出) + n(r.其他刚性支出) > net(y22.get(r.户编号)!))).toBe(true);
    expect(y23.some((r) => n(r.工资性收入) / (net(r) + n(r.生产经营性支出)) >= 0.6)).toBe(true);
    // typed totals: mostly empty, some agreeing, a few disagreeing
    const typed = inc.filter((r) => r.家庭纯收入 !== null);
    expect(typed.length).toBeGreaterThanOrEqual(4);
    expect(typed.length).toBeLessThan(inc.length * 0.1);
    const disagree = typed.filter(
      (r) => n(r.家庭纯收入) !== net(r) || Math.abs(n(r.人均纯收入) - net(r) / n(r.家庭人口数)) > 0.01,
    );
    expect(disagree.length).toBeGreaterThanOrEqual(2);
    expect(typed.length - disagree.length).toBeGreaterThanOrEqual(2);
  });

  it('splits villages into 网格 of at most 100 households', () => {
    const perGrid = new Map<string, number>();
    for (const h of hh) {
      const key = `${s(h.乡镇)}/${s(h.村)}/${s(h.网格)}`;
      perGrid.set(key, (perGrid.get(key) ?? 0) + 1);
    }
    for (const count of perGrid.values()) expect(count).toBeLessThanOrEqual(100);
    expect(new Set(regions.map((r) => `${s(r.乡镇)}/${s(r.村)}/${s(r.网格)}`))).toEqual(new Set(perGrid.keys()));
    for (const r of regions) {
      expect(s(r.乡镇)).toMatch(/[镇乡]$/);
      expect(s(r.村)).toMatch(/村$/);
      expect(s(r.村代码).startsWith(s(r.乡镇代码))).toBe(true);
    }
    expect(new Set(regions.map((r) => r.乡镇)).size).toBeGreaterThanOrEqual(5);
  });

  it('writes the 医保 list as a GBK CSV with CRLF line ends', () => {
    const bytes = fs.readFileSync(f(a, DEMO_FILE_NAMES.alertsCsv));
    const text = iconv.decode(bytes, 'gbk');
    expect(iconv.encode(text, 'gbk')).toEqual(bytes);
    expect(text.startsWith('来源部门,证件号码,姓名')).toBe(true);
    expect(text.split('\r\n').length).toBe(csvRows.length + 2);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(csvRows.every((r) => r.来源部门 === '医保')).toBe(true);
    expect(alertRows.some((r) => r.来源部门 === '医保')).toBe(false);
  });
});

describe('demo edge cases', () => {
  const members = (no: unknown): Rec[] => mem.filter((m) => m.户编号 === no);
  const noLabour = (no: unknown): boolean => members(no).every((m) => !LABOUR_CAPABLE_SKILLS.includes(s(m.劳动技能)));
  const covered = (no: unknown): boolean =>
    members(no).some((m) => m.享受低保政策情况 !== '未享受' || m.是否特困供养人员 === '是');
  const income = (no: unknown, year: number): Rec => inc.find((r) => r.户编号 === no && r.年度 === year)!;
  const monitored = (): Rec[] => hh.filter((h) => h.监测对象类别 !== null);
  const unresolved = (): Rec[] => monitored().filter((h) => h.风险是否已消除 === '否');
  const eliminated = (): Rec[] => monitored().filter((h) => h.风险是否已消除 === '是');
  const measuresOf = (no: unknown): Rec[] => mea.filter((m) => m.户编号 === no);
  const months = (ym: unknown): number => {
    const t = s(ym);
    return (2024 - Number(t.slice(0, 4))) * 12 + 5 - Number(t.slice(4, 6));
  };

  it('has 脱贫户 and monitored households of every category and state', () => {
    const poor = hh.filter((h) => h.户类型 === '脱贫户').length / hh.length;
    expect(poor).toBeGreaterThan(0.2);
    expect(poor).toBeLessThan(0.4);
    expect(new Set(monitored().map((h) => h.监测对象类别))).toEqual(
      new Set(['脱贫不稳定户', '边缘易致贫户', '突发严重困难户']),
    );
    for (const h of monitored()) {
      if (h.监测对象类别 === '脱贫不稳定户') expect(h.户类型).toBe('脱贫户');
      else expect(h.户类型).toBe('一般农户');
      expect(h.致贫返贫风险1).not.toBeNull();
      expect(s(h.识别监测时间)).toMatch(/^20(21|22|23|24)\d{2}$/);
      expect(['已实施', '尚未实施']).toContain(h.实施开发式帮扶措施情况);
    }
    const colours = unresolved().map((h) => months(h.识别监测时间));
    expect(colours.some((m) => m >= 12)).toBe(true); // red
    expect(colours.some((m) => m >= 6 && m < 12)).toBe(true); // yellow
    expect(colours.some((m) => m < 6)).toBe(true); // blue
    expect(eliminated().some((h) => months(h.风险消除时间) >= 6)).toBe(true); // 回访 due
    expect(eliminated().some((h) => months(h.风险消除时间) < 6)).toBe(true);
    expect(new Set(eliminated().map((h) => h.风险消除方式))).toEqual(new Set(['帮扶消除', '自然消除']));
    for (const h of eliminated()) expect(s(h.风险消除时间) >= s(h.识别监测时间)).toBe(true);
    expect(eliminated().some((h) => h.监测联系人 === null)).toBe(true);
    for (const h of unresolved()) expect(h.监测联系人).not.toBeNull();
    for (const h of hh.filter((x) => x.监测对象类别 === null)) {
      expect(h.风险是否已消除).toBeNull();
      expect(h.致贫返贫风险1).toBeNull();
    }
    expect(hh.some((h) => h.致贫返贫风险5 !== null)).toBe(true);
    expect(hh.some((h) => h.因自然灾害子项 !== null)).toBe(true);
  });

  it('has a village with ≥ 10 脱贫户 and no 监测对象 (V01)', () => {
    const villages = new Map<string, Rec[]>();
    for (const h of hh) {
      const key = `${s(h.乡镇)}/${s(h.村)}`;
      villages.set(key, [...(villages.get(key) ?? []), h]);
    }
    const v01 = [...villages.values()].filter(
      (list) => list.filter((h) => h.户类型 === '脱贫户').length >= 10 && list.every((h) => h.监测对象类别 === null),
    );
    expect(v01.length).toBeGreaterThanOrEqual(1);
  });

  it('has the households the screening rules look for', () => {
    // R12: whole household without labour and without 低保/特困
    expect(hh.some((h) => noLabour(h.户编号) && !covered(h.户编号) && h.是否整户无劳动能力兜底保障户 === '否')).toBe(
      true,
    );
    // 兜底 households
    expect(hh.some((h) => h.是否整户无劳动能力兜底保障户 === '是' && noLabour(h.户编号) && covered(h.户编号))).toBe(
      true,
    );
    // R23: eliminated, 2023 income below the line; or a 三保障 problem again
    expect(eliminated().some((h) => perCapita(income(h.户编号, 2023)) < 8300)).toBe(true);
    expect(eliminated().some((h) => h.是否住房出现安全问题 === '是')).toBe(true);
    // R24: eliminated, no labour, mainly transfers
    expect(
      eliminated().some((h) => {
        const r = income(h.户编号, 2023);
        return noLabour(h.户编号) && n(r.转移性收入) > 0.5 * net(r);
      }),
    ).toBe(true);
    // R20: unresolved with labour, ≥ 6 months, no 开发式 measure; R21: only 综合保障
    const withLabour = unresolved().filter((h) => !noLabour(h.户编号) && months(h.识别监测时间) >= 6);
    expect(
      withLabour.some((h) => !measuresOf(h.户编号).some((m) => DEVELOPMENTAL_MEASURES.includes(s(m.帮扶措施类别)))),
    ).toBe(true);
    expect(
      withLabour.some((h) => {
        const ms = measuresOf(h.户编号);
        return ms.length > 0 && ms.every((m) => m.帮扶措施类别 === '综合保障');
      }),
    ).toBe(true);
    for (const h of monitored()) {
      const dev = measuresOf(h.户编号).some((m) => DEVELOPMENTAL_MEASURES.includes(s(m.帮扶措施类别)));
      expect(h.实施开发式帮扶措施情况).toBe(dev ? '已实施' : '尚未实施');
    }
    // R22: unresolved, income above the line and rising, ≥ 6 months
    expect(
      unresolved().some(
        (h) =>
          months(h.识别监测时间) >= 6 &&
          perCapita(income(h.户编号, 2023)) > 8300 &&
          perCapita(income(h.户编号, 2023)) > perCapita(income(h.户编号, 2022)),
      ),
    ).toBe(true);
    // R01: below the line and not monitored
    expect(hh.some((h) => h.监测对象类别 === null && perCapita(income(h.户编号, 2023)) < 8300)).toBe(true);
    // 三保障 / 饮水
    for (const col of [
      '是否住房出现安全问题',
      '是否义务教育阶段适龄儿童少年失学辍学',
      '是否饮水出现安全问题',
      '是否有家庭成员未参加城乡居民(职工)基本医疗保险',
    ]) {
      const yes = hh.filter((h) => h[col] === '是').length;
      expect(yes, col).toBeGreaterThanOrEqual(1);
      expect(yes, col).toBeLessThan(hh.length * 0.05);
    }
    const dropout = hh.find((h) => h.是否义务教育阶段适龄儿童少年失学辍学 === '是')!;
    expect(members(dropout.户编号).some((m) => m.在校生状况 === '非在校生' && ageAt(s(m.出生日期), AS_OF) < 16)).toBe(
      true,
    );
    const uninsured = hh.find((h) => h['是否有家庭成员未参加城乡居民(职工)基本医疗保险'] === '是')!;
    expect(members(uninsured.户编号).some((m) => m.是否参加城乡居民基本医疗保险 === '否')).toBe(true);
  });

  it('has members at the boundaries and in the situations the rules look for', () => {
    const ages = mem.map((m) => ageAt(s(m.出生日期), AS_OF));
    expect(mem.some((m) => m.出生日期 === '1965-05-01')).toBe(true);
    expect(mem.some((m) => m.出生日期 === '1964-05-01')).toBe(true);
    expect(ages).toContain(59);
    expect(ages).toContain(60);
    const workMonths = mem.map((m) => m['务工时间(月)']);
    expect(workMonths).toContain(6);
    expect(workMonths).toContain(5);
    expect(mem.some((m) => s(m.纳入低保时间) >= '2023-01-01')).toBe(true);
    expect(mem.some((m) => s(m.纳入特困时间) >= '2023-01-01')).toBe(true);
    expect(mem.some((m) => m.残疾等级 === '一级')).toBe(true);
    expect(mem.some((m) => m.残疾等级 === '二级')).toBe(true);
    expect(mem.some((m) => m['是否失能/半失能'] === '失能')).toBe(true);
    expect(mem.some((m) => m['是否留守儿童/困境儿童'] === '留守儿童')).toBe(true);
    expect(mem.some((m) => s(m.健康状况).includes('患有大病'))).toBe(true);
    expect(mem.some((m) => s(m.健康状况).includes('长期慢性病'))).toBe(true);
    // the same phone in two households (data-quality edge)
    const phones = hh.map((h) => h.联系电话);
    expect(new Set(phones).size).toBe(phones.length - 1);
  });

  it('has department alerts of every kind, mostly matched, some for people not in the register', () => {
    const all = [...alertRows, ...csvRows];
    const ids = new Set(mem.map((m) => m.证件号码));
    const depts = new Set(all.map((r) => r.来源部门));
    for (const d of ['医保', '民政', '残联', '住建', '教育', '人社', '水利', '应急']) expect(depts).toContain(d);
    const unmatched = all.filter((r) => !ids.has(r.证件号码));
    expect(unmatched.length).toBeGreaterThanOrEqual(2);
    expect(unmatched.length / all.length).toBeLessThan(0.2);
    for (const r of unmatched) expect(r.户编号).toBeNull();
    for (const r of all.filter((x) => ids.has(x.证件号码))) {
      const m = mem.find((x) => x.证件号码 === r.证件号码)!;
      expect(r.户编号).toBe(m.户编号);
      expect(r.姓名).toBe(m.姓名);
    }
    for (const r of all) {
      expect(s(r.预警日期)).toMatch(/^2024-0[1-4]-\d{2}$/);
      expect(r.乡镇).not.toBeNull();
      expect(r.村).not.toBeNull();
    }
    expect(csvRows.some((r) => n(r.指标值) >= 10000)).toBe(true);
    const keys = all.map((r) => [r.来源部门, r.证件号码, r.预警类型, r.预警日期].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
