import { describe, expect, it } from 'vitest';
import {
  type CaseState,
  type DecisionRequest,
  decide,
  openingRefusal,
  overdueDays,
  publicityDoneOn,
  publicityEndOf,
  startPublicity,
} from '../../../src/workflow/engine.js';
import { ELIMINATION, IDENTIFICATION, stageNames, type WorkflowDef } from '../../../src/workflow/stages.js';

const limits = { publicityDays: 5, today: '2024-12-31' };
const CHECKS = { 入户核实: '2024-06-01', 承诺授权: '2024-06-01', 民主评议: '2024-06-02' };

const fresh = (def: WorkflowDef, extra: Partial<CaseState> = {}): CaseState => ({
  kind: def.kind,
  caseNo: `${def.prefix}2024-0001`,
  stage: def.stages[0]!.name,
  status: '办理中',
  openedAt: '2024-05-20',
  publicityStart: null,
  publicityEnd: null,
  lastDecisionAt: null,
  ...extra,
});

const pass = (stage: string, date: string, extra: Partial<DecisionRequest> = {}): DecisionRequest => ({
  stage,
  decision: '通过',
  date,
  opinion: null,
  checks: CHECKS,
  ...extra,
});

/** Walk a case through every stage, starting the 公示 after the first one. */
function walk(def: WorkflowDef): CaseState[] {
  let s = fresh(def);
  const states = [s];
  const dates = ['2024-06-03', '2024-06-10', '2024-06-11', '2024-06-12'];
  def.stages.forEach((stage, i) => {
    if (stage.publicity) {
      const p = startPublicity(def, s, '2024-06-04', 5);
      if (!p.ok) throw new Error(p.message);
      s = { ...s, publicityStart: p.start, publicityEnd: p.end };
    }
    const t = decide(def, s, pass(stage.name, dates[i]!), limits);
    if (!t.ok) throw new Error(t.message);
    s = { ...s, stage: t.stage, status: t.status, lastDecisionAt: dates[i]! };
    states.push(s);
  });
  return states;
}

describe.each([IDENTIFICATION, ELIMINATION])('workflow $kind', (def) => {
  it('walks every stage in order and completes at 县级审定', () => {
    const states = walk(def);
    expect(states.map((s) => s.stage)).toEqual([...stageNames(def), '县级审定']);
    expect(states.at(-1)!.status).toBe(def.doneStatus);
  });

  it('refuses every stage but the current one, at every point of the walk', () => {
    const states = walk(def).slice(0, -1);
    for (const s of states) {
      for (const stage of stageNames(def)) {
        if (stage === s.stage) continue;
        const t = decide(def, s, pass(stage, '2024-06-20'), limits);
        expect(t.ok, `${s.stage} → ${stage}`).toBe(false);
        if (!t.ok) expect(t.message).toMatch(/不能跳过|已经通过/);
      }
    }
  });

  it('refuses an unknown stage, naming the stages', () => {
    const t = decide(def, fresh(def), pass('村委会', '2024-06-03'), limits);
    expect(t).toMatchObject({ ok: false });
    if (!t.ok) expect(t.message).toContain(stageNames(def).join('、'));
  });

  it('closes on 不通过 at any stage, keeping the opinion as 研判结果', () => {
    for (const w of walk(def).slice(0, -1)) {
      // a 公示 objection needs the 公示 under way
      const s = w.stage === '公示' ? { ...w, publicityStart: '2024-06-04' } : w;
      const t = decide(def, s, { ...pass(s.stage, '2024-06-20'), decision: '不通过', opinion: '收入稳定' }, limits);
      expect(t).toMatchObject({
        ok: true,
        status: '未通过',
        closedAt: '2024-06-20',
        opinion: '收入稳定',
        completes: false,
      });
    }
  });

  it('refuses 不通过 without an opinion', () => {
    const t = decide(def, fresh(def), { ...pass(def.stages[0]!.name, '2024-06-03'), decision: '不通过' }, limits);
    expect(t).toMatchObject({ ok: false });
  });

  it('refuses any decision on a closed case', () => {
    for (const status of [def.doneStatus, '未通过'] as const) {
      const t = decide(def, fresh(def, { status }), pass(def.stages[0]!.name, '2024-06-03'), limits);
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.message).toContain('已办结');
    }
  });

  it('refuses a decision dated before the previous one, before the case, or after today', () => {
    const s = fresh(def, { stage: '乡镇审核', lastDecisionAt: '2024-06-10', publicityStart: '2024-06-04' });
    expect(decide(def, s, pass('乡镇审核', '2024-06-09'), limits)).toMatchObject({ ok: false });
    expect(decide(def, s, pass('乡镇审核', '2024-06-10'), limits)).toMatchObject({ ok: true });
    expect(decide(def, fresh(def), pass(def.stages[0]!.name, '2024-05-19'), limits)).toMatchObject({ ok: false });
    expect(decide(def, fresh(def), pass(def.stages[0]!.name, '2025-01-01'), limits)).toMatchObject({ ok: false });
  });

  it('the first stage needs each check with a date not after the decision', () => {
    const first = def.stages[0]!;
    for (const missing of first.checks) {
      const checks = { ...CHECKS, [missing]: undefined };
      const t = decide(def, fresh(def), pass(first.name, '2024-06-03', { checks }), limits);
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.message).toContain(`${missing}日期`);
    }
    const late = decide(
      def,
      fresh(def),
      pass(first.name, '2024-06-03', { checks: { ...CHECKS, 入户核实: '2024-06-05' } }),
      limits,
    );
    expect(late).toMatchObject({ ok: false });
    const ok = decide(def, fresh(def), pass(first.name, '2024-06-03'), limits);
    expect(ok).toMatchObject({ ok: true, stage: '公示' });
    if (ok.ok) expect(Object.keys(ok.checks)).toEqual([...first.checks]);
  });

  it('公示 and 县级审定 need the 公示 started and run its days; an objection may come any day', () => {
    const atPub = fresh(def, { stage: '公示', lastDecisionAt: '2024-06-03' });
    expect(decide(def, atPub, pass('公示', '2024-06-20'), limits)).toMatchObject({ ok: false });
    const started = { ...atPub, publicityStart: '2024-06-04', publicityEnd: publicityEndOf('2024-06-04', 5) };
    expect(started.publicityEnd).toBe('2024-06-08');
    expect(decide(def, started, pass('公示', '2024-06-08'), limits)).toMatchObject({ ok: false });
    expect(decide(def, started, pass('公示', publicityDoneOn('2024-06-04', 5)), limits)).toMatchObject({ ok: true });
    expect(
      decide(
        def,
        started,
        { ...pass('公示', '2024-06-05'), decision: '不通过', opinion: '群众有异议，经核属实' },
        limits,
      ),
    ).toMatchObject({ ok: true, status: '未通过' });
    const atCounty = { ...started, stage: '县级审定', lastDecisionAt: '2024-06-05' };
    expect(decide(def, atCounty, pass('县级审定', '2024-06-08'), limits)).toMatchObject({ ok: false });
    expect(decide(def, atCounty, pass('县级审定', '2024-06-09'), limits)).toMatchObject({ ok: true, completes: true });
    expect(decide(def, { ...atCounty, publicityStart: null }, pass('县级审定', '2024-06-20'), limits)).toMatchObject({
      ok: false,
    });
  });

  it('starts a 公示 only at the 公示 stage, once, not before the first decision', () => {
    expect(startPublicity(def, fresh(def), '2024-06-04', 5)).toMatchObject({ ok: false });
    const atPub = fresh(def, { stage: '公示', lastDecisionAt: '2024-06-03' });
    expect(startPublicity(def, atPub, '2024-06-02', 5)).toMatchObject({ ok: false });
    expect(startPublicity(def, atPub, '2024-06-03', 7)).toMatchObject({
      ok: true,
      start: '2024-06-03',
      end: '2024-06-09',
    });
    expect(startPublicity(def, { ...atPub, publicityStart: '2024-06-03' }, '2024-06-05', 5)).toMatchObject({
      ok: false,
    });
    expect(startPublicity(def, { ...atPub, status: '未通过' }, '2024-06-05', 5)).toMatchObject({ ok: false });
    expect(startPublicity(def, { ...atPub, stage: '乡镇审核' }, '2024-06-05', 5)).toMatchObject({ ok: false });
  });
});

describe('opening a case', () => {
  it('one open case per household and kind', () => {
    const r = openingRefusal(IDENTIFICATION, { hhNo: '1', openCase: 'SB2024-0003', monitoring: 'none' });
    expect(r?.message).toContain('SB2024-0003');
  });
  it('no identification of an unresolved 监测对象; an eliminated one may be re-identified', () => {
    expect(openingRefusal(IDENTIFICATION, { hhNo: '1', openCase: null, monitoring: 'unresolved' })).not.toBeNull();
    expect(openingRefusal(IDENTIFICATION, { hhNo: '1', openCase: null, monitoring: 'eliminated' })).toBeNull();
    expect(openingRefusal(IDENTIFICATION, { hhNo: '1', openCase: null, monitoring: 'none' })).toBeNull();
  });
  it('elimination only of an unresolved 监测对象', () => {
    expect(openingRefusal(ELIMINATION, { hhNo: '1', openCase: null, monitoring: 'none' })).not.toBeNull();
    expect(openingRefusal(ELIMINATION, { hhNo: '1', openCase: null, monitoring: 'eliminated' })).not.toBeNull();
    expect(openingRefusal(ELIMINATION, { hhNo: '1', openCase: null, monitoring: 'unresolved' })).toBeNull();
  });
});

describe('overdue', () => {
  it('counts days from the start and warns past the limit only', () => {
    expect(overdueDays('2024-06-01', 15, '2024-06-16')).toBeNull();
    expect(overdueDays('2024-06-01', 15, '2024-06-17')).toEqual({ days: 16, limit: 15, since: '2024-06-01' });
  });
});

describe('elimination specifics', () => {
  it('村级初审 records 入户核实 and 民主评议 (no 承诺授权) and ends 已消除', () => {
    const s = fresh(ELIMINATION);
    const noAuth = { 入户核实: '2024-06-01', 民主评议: '2024-06-02' };
    const t = decide(ELIMINATION, s, pass('村级初审', '2024-06-03', { checks: noAuth }), limits);
    expect(t).toMatchObject({ ok: true, stage: '公示', checks: noAuth });
    const missing = decide(
      ELIMINATION,
      s,
      pass('村级初审', '2024-06-03', { checks: { 入户核实: '2024-06-01' } }),
      limits,
    );
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('民主评议日期') });
    expect(walk(ELIMINATION).at(-1)).toMatchObject({ status: '已消除', stage: '县级审定' });
  });

  it('a refused elimination names the command of elimination and asks for the reason not to eliminate', () => {
    const closed = decide(
      ELIMINATION,
      fresh(ELIMINATION, { status: '未通过' }),
      pass('村级初审', '2024-06-03'),
      limits,
    );
    expect(closed).toMatchObject({ ok: false, message: expect.stringContaining('fpjc eliminate propose') });
    const bare = decide(
      ELIMINATION,
      fresh(ELIMINATION),
      { ...pass('村级初审', '2024-06-03'), decision: '不通过' },
      limits,
    );
    expect(bare).toMatchObject({ ok: false, message: expect.stringContaining('不予消除') });
  });
});
