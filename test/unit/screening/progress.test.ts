import { afterEach, describe, expect, it } from 'vitest';
import { coverageText, summarizeCoverage, summaryParagraph } from '../../../src/screening/progress.js';
import { newRegister, type TestRegister } from './helpers.js';

let t: TestRegister;
afterEach(() => t?.close());

const row = (
  township: string,
  village: string,
  villageId: number,
  result: string | null,
  households: number,
  flagged = 0,
) => ({
  townshipId: township === '东阳镇' ? 1 : 2,
  township,
  villageId,
  village,
  result,
  households,
  flagged,
  people: households * 3,
});

describe('coverage and the summary paragraph', () => {
  it('adds up per 村, 乡镇 and overall', () => {
    const { total, townships } = summarizeCoverage([
      row('东阳镇', '东村', 1, null, 2, 1),
      row('东阳镇', '东村', 1, '不纳入', 5, 2),
      row('东阳镇', '西村', 2, '建议纳入监测', 1, 1),
      row('西河乡', '河村', 3, '不纳入', 4),
    ]);
    expect(total).toMatchObject({
      inScope: 12,
      visited: 10,
      notVisited: 2,
      coverage: 0.8333,
      complete: false,
      flagged: 4,
      flaggedNotVisited: 1,
    });
    expect(total.results).toEqual({ 建议纳入监测: 1, 不纳入: 9, 已是监测对象: 0, 风险已稳定消除: 0, 其他: 0 });
    expect(townships.map((x) => [x.乡镇, x.inScope, x.visited, x.villages.map((v) => v.村)])).toEqual([
      ['东阳镇', 8, 6, ['东村', '西村']],
      ['西河乡', 4, 4, ['河村']],
    ]);
    expect(townships[1]!.complete).toBe(true);
    expect(coverageText(total.coverage)).toBe('83.3%');
    expect(coverageText(1)).toBe('100%');
  });

  it('writes the paragraph in the style of the seeds’ reports', () => {
    const { total } = summarizeCoverage([
      row('东阳镇', '东村', 1, '不纳入', 98, 40),
      row('东阳镇', '东村', 1, '建议纳入监测', 2, 2),
    ]);
    const text = summaryParagraph({
      area: '榆次区',
      campaignName: '2024年第二季度集中排查',
      date: '2024-06-05',
      coverage: total,
      villagesInScope: 1,
      villagesVisited: 1,
      byCategory: { 纳入研判: 10, 必查: 30, 必核: 5, 必到: 20, 帮扶: 0 },
      flaggedVillages: 1,
      proposed: { households: 2, people: 7 },
      identified: { households: 1, people: 4 },
    });
    expect(text).toBe(
      '截至2024年6月5日，榆次区2024年第二季度集中排查共排查农户100户300人，覆盖1个行政村（排查范围内共1个行政村、100户300人），排查覆盖率 100%，实现排查全覆盖。' +
        '通过部门预警和数据比对筛查出有风险线索的农户42户，其中纳入研判10户、必查30户、必核5户、必到20户；脱贫户较多但2021年以来未识别监测对象的村1个，已列为重点排查村。' +
        '经入户排查、综合研判，建议纳入监测2户7人，不纳入98户。' +
        '按“村提名、乡镇审核、县级审定”程序，排查以来共识别监测对象1户4人。',
    );
  });
});

describe('storage', () => {
  it('stores many flags (several INSERT batches) in 户编号 and rule order', async () => {
    t = newRegister();
    for (let i = 0; i < 150; i++) t.add({ hh: `H${String(i).padStart(3, '0')}`, incomes: { 2023: { wage: 5000 } } });
    const r = await t.screen({ rules: 'R01,R02' });
    expect(r.byRule).toEqual({ R01: 150, R02: 150 });
    expect(t.db.prepare("SELECT count(*) FROM campaign_flags WHERE campaign_id = 'T1'").pluck().get()).toBe(300);
    expect([...r.flags].slice(0, 3).map((f) => `${f.户编号} ${f.rule}`)).toEqual(['H000 R01', 'H000 R02', 'H001 R01']);
  });
});
