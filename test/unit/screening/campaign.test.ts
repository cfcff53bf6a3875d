import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../src/services/import-service.js';
import { listScreen, screenStatus } from '../../../src/services/screen-service.js';
import { dumpRegister } from '../../helpers/cli.js';
import { writeCsv } from '../../helpers/fixtures.js';
import { findingsOf, newRegister, type TestRegister } from './helpers.js';

let t: TestRegister;
afterEach(() => t?.close());

const VISIT_HEADER = ['户编号', '排查日期', '排查人', '是否入户', '研判结果', '说明', '类别', '风险类型'];

/** Three households in two townships: LOW (R01), DIS (R07), OK (nothing). */
function county(): TestRegister {
  const r = newRegister();
  r.add({ hh: 'LOW', township: '东阳镇', village: '东村', incomes: { 2023: { wage: 5000 } } });
  r.add({ hh: 'DIS', township: '东阳镇', village: '西村', members: [{ health: '残疾', disability_grade: '四级' }] });
  r.add({ hh: 'OK', township: '西河乡', village: '河村' });
  return r;
}

const changeCount = (r: TestRegister): number =>
  (r.db.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;

async function importVisits(r: TestRegister, rows: (string | number | null)[][], campaign = 'T1') {
  const file = writeCsv(
    path.join(path.dirname(r.file), `排查结果-${Math.random().toString(36).slice(2)}.csv`),
    VISIT_HEADER,
    rows,
  );
  return importFile(r.register, { file, kind: 'visits', campaign, operator: '测试', backup: false });
}

describe('fpjc screen: campaigns', () => {
  it('stores the campaign, its scope and its flags; re-running changes nothing but the run time', async () => {
    t = county();
    const r = await t.screen();
    expect(r).toMatchObject({ campaign: 'T1', inScope: 3, flagged: 2, created: true });
    expect(r.byRule).toMatchObject({ R01: 1, R02: 1, R07: 1 });
    expect(r.byTownship.map((x) => [x.乡镇, x.inScope, x.flagged])).toEqual([
      ['东阳镇', 2, 2],
      ['西河乡', 1, 0],
    ]);
    const scope = t.db.prepare('SELECT hh_no FROM campaign_scope ORDER BY 1').pluck().all();
    expect(scope).toEqual(['DIS', 'LOW', 'OK']);
    const changes = changeCount(t);
    const again = await t.screen();
    expect(again.created).toBe(false);
    expect(again.changes?.flags).toMatchObject({ before: 3, after: 3 });
    // only the campaign's last run time is recorded
    expect(changeCount(t) - changes).toBe(1);
  });

  it('replaces the flags on a re-run (audited) and keeps the visit results', async () => {
    t = county();
    await t.screen();
    await importVisits(t, [['DIS', '2024-05-10', '张三', '是', '不纳入', '残疾四级，收入稳定', null, null]]);
    t.db.prepare('UPDATE incomes SET wage = 9000 WHERE hh_no = ? AND year = 2023').run('LOW');
    t.db.prepare("UPDATE members SET health = '健康', disability_grade = NULL WHERE hh_no = 'DIS'").run();
    t.db.prepare("UPDATE incomes SET wage = 1000 WHERE hh_no = 'OK' AND year = 2023").run();
    const r = await t.screen();
    expect(r.changes?.flags.byRule).toMatchObject({
      R01: { before: 1, after: 1 },
      R02: { before: 1, after: 2 },
      R07: { before: 1, after: 0 },
    });
    expect(findingsOf(r, 'LOW').flags).toEqual(['R02']);
    expect(findingsOf(r, 'LOW').evidence.R02).toContain('9,000 元');
    expect(findingsOf(r, 'OK').flags).toEqual(['R01', 'R02']);
    // the audit records the run and, per rule, the flags before and after
    const audit = t.db
      .prepare('SELECT entity, record_key, field, old_value, new_value FROM changes WHERE set_id = ? ORDER BY id')
      .all(r.changeSet);
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          entity: 'campaign',
          record_key: 'T1',
          field: 'last_run_at',
          old_value: expect.any(String),
          new_value: expect.any(String),
        },
        { entity: 'campaign_flags', record_key: 'T1|R02', field: '预警户数', old_value: '1', new_value: '2' },
        { entity: 'campaign_flags', record_key: 'T1|R07', field: '预警户数', old_value: '1', new_value: '0' },
      ]),
    );
    expect(audit.some((a: any) => a.record_key === 'T1|R01')).toBe(false);
    expect(
      t.db.prepare("SELECT count(*) FROM campaign_flags WHERE hh_no = 'LOW' AND rule_id = 'R01'").pluck().get(),
    ).toBe(0);
    const visit = t.db.prepare("SELECT result, note FROM visits WHERE hh_no = 'DIS'").get();
    expect(visit).toEqual({ result: '不纳入', note: '残疾四级，收入稳定' }); // free text keeps Chinese punctuation
  });

  it('--dry-run evaluates and writes nothing', async () => {
    t = county();
    const before = dumpRegister(t.file);
    const r = await t.screen({ dryRun: true });
    expect(r.flagged).toBe(2);
    expect(r.changes).toBeNull();
    expect(dumpRegister(t.file)).toBe(before);
  });

  it('screens one township; keeps it on a re-run; 全县 widens it again', async () => {
    t = county();
    const r = await t.screen({ township: '西河乡' });
    expect(r).toMatchObject({ township: '西河乡', inScope: 1, flagged: 0 });
    const again = await t.screen();
    expect(again.township).toBe('西河乡');
    const all = await t.screen({ township: '全县' });
    expect(all).toMatchObject({ township: null, inScope: 3 });
    await expect(t.screen({ township: '不存在乡' })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('keeps the as-of date and income year of an existing campaign', async () => {
    t = county();
    await t.screen({ asOf: '2024-06-30', incomeYear: 2023 });
    const r = await t.screen({ asOf: undefined });
    expect(r).toMatchObject({ asOf: '2024-06-30', incomeYear: 2023 });
  });

  it('refuses bad campaign ids, rule lists and income years as usage errors', async () => {
    t = county();
    await expect(t.screen({ campaign: '2024 Q2' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(t.screen({ rules: 'R01,R99' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(t.screen({ incomeYear: 2025 })).rejects.toMatchObject({ code: 'USAGE' });
    const r = await t.screen({ rules: 'r1, R07' });
    expect(r.rules).toEqual(['R01', 'R07']);
  });
});

describe('import visits', () => {
  it('records results, upserts by household, and is idempotent', async () => {
    t = county();
    await t.screen();
    const rows = [
      ['LOW', '2024-05-10', '张三', '是', '建议纳入监测', null, '边缘易致贫户', '因病,因学'],
      ['OK', '2024-05-11', '李四', '否', '不纳入', null, null, null],
    ];
    const first = await importVisits(t, rows);
    expect(first).toMatchObject({ inserted: 2, updated: 0, rejected: 0 });
    const again = await importVisits(t, rows);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = await importVisits(t, [['OK', '2024-05-12', '李四', '是', '不纳入', null, null, null]]);
    expect(changed).toMatchObject({ updated: 1 });
    expect(t.db.prepare("SELECT risks FROM visits WHERE hh_no = 'LOW'").pluck().get()).toBe('因病,因学');
  });

  it('rejects rows with Chinese messages and changes nothing', async () => {
    t = county();
    await t.screen({ township: '东阳镇' });
    await t.screen({ campaign: 'T2' });
    const before = dumpRegister(t.file);
    const problemsOf = async (rows: (string | number | null)[][]) => {
      const err = (await importVisits(t, rows).catch((e: unknown) => e)) as {
        code: string;
        details: { problems: { row: number; column: string; message: string }[] };
      };
      expect(err.code).toBe('INVALID_INPUT');
      expect(dumpRegister(t.file)).toBe(before);
      return err.details.problems.map((p) => `${p.row}|${p.column}|${p.message}`);
    };
    // cell and row checks: every row reported
    expect(
      await problemsOf([
        ['LOW', '2024-05-10', '张三', '是', '建议纳入监测', null, null, null],
        ['LOW', '2024-05-10', '张三', '是', '不纳入', '说明', null, null],
        ['DIS', '2024-05-40', '', '也许', '待定', null, null, null],
      ]),
    ).toEqual([
      '2|类别|研判结果为「建议纳入监测」时必须填写类别',
      '2|风险类型|研判结果为「建议纳入监测」时必须填写风险类型',
      '4|排查日期|2024年5月没有 40 日（该月只有 31 天）',
      '4|排查人|「排查人」不能为空',
      '4|是否入户|应为「是」或「否」',
      '4|研判结果|「研判结果」应为：建议纳入监测、不纳入、已是监测对象、风险已稳定消除、其他',
    ]);
    // checks against the register
    expect(await problemsOf([['DIS', '2024-05-10', '张三', '是', '不纳入', null, null, null]])).toEqual([
      '2|说明|该户在本次排查中有预警线索，研判结果为「不纳入」时必须在「说明」中逐户注明研判理由',
    ]);
    expect(await problemsOf([['OK', '2024-05-10', '张三', '是', '不纳入', null, null, null]])).toEqual([
      '2|户编号|户编号 OK 不在排查批次 T1 的排查范围内（该批次只排查了部分乡镇），请核对户编号或批次',
    ]);
    expect(await problemsOf([['NOPE', '2024-05-10', '张三', '是', '不纳入', null, null, null]])).toEqual([
      '2|户编号|户编号 NOPE 不在登记库中，请核对户编号',
    ]);
  });

  it('checks the 研判结果 against the monitoring state', async () => {
    t = newRegister();
    t.add({ hh: 'MON', household: { mon_category: '边缘易致贫户', risk_eliminated: 0, identified_month: '2023-01' } });
    t.add({ hh: 'PLAIN' });
    await t.screen();
    const messageOf = async (row: (string | null)[]) =>
      ((await importVisits(t, [row]).catch((e: unknown) => e)) as { details: { problems: { message: string }[] } })
        .details.problems[0]?.message;
    expect(await messageOf(['MON', '2024-05-10', '甲', '是', '建议纳入监测', null, '边缘易致贫户', '因病'])).toBe(
      '该户已是风险未消除的监测对象，研判结果应为「已是监测对象」',
    );
    expect(await messageOf(['PLAIN', '2024-05-10', '甲', '是', '风险已稳定消除', null, null, null])).toBe(
      '登记库中该户不是监测对象，研判结果不能为「风险已稳定消除」',
    );
    expect(await messageOf(['PLAIN', '2024-05-10', '甲', '是', '已是监测对象', null, null, null])).toContain(
      '不是监测对象',
    );
    const ok = await importVisits(t, [['MON', '2024-05-10', '甲', '是', '已是监测对象', null, null, null]]);
    expect(ok.inserted).toBe(1);
  });

  it('an unknown or missing campaign is a usage error before any row is read', async () => {
    t = county();
    await t.screen();
    await expect(
      importVisits(t, [['LOW', '2024-05-10', '甲', '是', '不纳入', '说明', null, null]], 'T9'),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('没有排查批次「T9」'),
    });
    const file = writeCsv(path.join(path.dirname(t.file), 'v.csv'), VISIT_HEADER, [
      ['LOW', '2024-05-10', '甲', '是', '不纳入', 'x', null, null],
    ]);
    await expect(importFile(t.register, { file, kind: 'visits', operator: '测试' })).rejects.toMatchObject({
      code: 'USAGE',
    });
  });
});

describe('screen status and list', () => {
  it('reports coverage per 乡镇/村 and the 研判结果; 100% when every household is visited', async () => {
    t = county();
    await t.screen();
    await importVisits(t, [['LOW', '2024-05-10', '甲', '是', '建议纳入监测', null, '边缘易致贫户', '因病']]);
    let s = screenStatus(t.register, { campaign: 'T1' });
    expect(s).toMatchObject({
      inScope: 3,
      visited: 1,
      notVisited: 2,
      coverage: 0.3333,
      complete: false,
      flagged: 2,
      flaggedNotVisited: 1,
    });
    expect(s.results).toEqual({ 建议纳入监测: 1, 不纳入: 0, 已是监测对象: 0, 风险已稳定消除: 0, 其他: 0 });
    expect(s.byTownship.map((x) => [x.乡镇, x.inScope, x.visited, x.villages.length])).toEqual([
      ['东阳镇', 2, 1, 2],
      ['西河乡', 1, 0, 1],
    ]);
    await importVisits(t, [
      ['DIS', '2024-05-10', '甲', '是', '其他', '外出务工，电话核实', null, null],
      ['OK', '2024-05-10', '甲', '是', '不纳入', null, null, null],
    ]);
    s = screenStatus(t.register, { campaign: 'T1' });
    expect(s).toMatchObject({ coverage: 1, complete: true, notVisited: 0 });
    await expect(Promise.resolve().then(() => screenStatus(t.register, { campaign: 'XX' }))).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('lists flagged households sorted by category within each village, filtered by village and rule', async () => {
    t = newRegister();
    t.add({ hh: 'A1', members: [{ health: '长期慢性病' }] }); // 必到
    t.add({ hh: 'A2', incomes: { 2023: { wage: 5000 }, 2022: { wage: 5000 } } }); // 纳入研判
    t.add({ hh: 'A3', incomes: { 2023: null } }); // 数据缺失 only
    t.add({ hh: 'B1', village: '西村', members: [{ health: '残疾', disability_grade: '四级' }] });
    await t.screen();
    const all = listScreen(t.register, { campaign: 'T1' });
    expect(all.households.map((h) => [h.村, h.户编号, h.category])).toEqual([
      ['东村', 'A2', '纳入研判'],
      ['东村', 'A1', '必到'],
      ['西村', 'B1', '必查'],
    ]);
    expect(listScreen(t.register, { campaign: 'T1', withMissing: true }).households.map((h) => h.户编号)).toEqual([
      'A2',
      'A1',
      'A3',
      'B1',
    ]);
    expect(listScreen(t.register, { campaign: 'T1', village: '西村' }).households.map((h) => h.户编号)).toEqual(['B1']);
    expect(listScreen(t.register, { campaign: 'T1', rule: 'R10' }).households.map((h) => h.户编号)).toEqual(['A1']);
  });
});
