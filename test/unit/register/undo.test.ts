import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../src/register/audit.js';
import { openRegister, type Register } from '../../../src/register/connection.js';
import { applyElimination, applyIdentification } from '../../../src/register/monitoring-repo.js';
import { addVocabExtension, writePolicyValue } from '../../../src/register/settings-repo.js';
import { changesOf, dependentSets, keyAfter, markUndone, revertChangeSet } from '../../../src/register/undo-repo.js';
import { Upserter } from '../../../src/register/upsert.js';

/** Undo record by record, for each kind of record the audit log keeps. */

const HH = '1407020010010001';

function register(): Register {
  const r = openRegister(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc 撤销-')), 'a.db'), { create: true });
  r.db.exec(`INSERT INTO townships (id, name) VALUES (1, '东阳镇');
    INSERT INTO villages (id, township_id, name) VALUES (1, 1, '西沟村');
    INSERT INTO households (hh_no, village_id, hh_type) VALUES ('${HH}', 1, '一般农户');
    INSERT INTO incomes (hh_no, year, size, wage) VALUES ('${HH}', 2023, 3, 12000);`);
  return r;
}

/** Every row of the tables an undo may touch (audit tables left out; a policy's time stamp is not audited). */
function dump(r: Register): string {
  return ['households', 'incomes', 'measures', 'vocab_extensions', 'monitoring_events', 'elimination_snapshots']
    .map((t) => JSON.stringify(r.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()))
    .concat(JSON.stringify(r.db.prepare('SELECT year, key, value FROM policy ORDER BY year, key').all()))
    .join('\n');
}

/** Run `fn` as one change set, then undo it; returns the undo's set id. */
function roundTrip(r: Register, fn: (log: ChangeLog) => void): { set: number; undo: number } {
  const log = new ChangeLog(r.db, { operator: '测试员', command: 'test' });
  r.write(() => fn(log));
  const set = log.openedId!;
  const undo = new ChangeLog(r.db, { operator: '测试员', command: 'undo' });
  r.write(() => {
    revertChangeSet(r.db, undo, set, changesOf(r.db, set));
    markUndone(r.db, set, undo.id());
  });
  return { set, undo: undo.openedId! };
}

describe('undo', () => {
  it('reverts updates and inserts of keyed records, a measure whose content holds "|" included', () => {
    const r = register();
    const before = dump(r);
    roundTrip(r, (log) => {
      new Upserter(r.db, { table: 'incomes', entity: 'income', keyColumns: ['hh_no', 'year'] }, log).upsert({
        hh_no: HH,
        year: 2023,
        wage: 15000.5,
        size: 4,
      });
      new Upserter(
        r.db,
        {
          table: 'measures',
          entity: 'measure',
          keyColumns: ['hh_no', 'member_id_no', 'category', 'content', 'start_date'],
        },
        log,
      ).upsert({
        hh_no: HH,
        member_id_no: '',
        category: '产业帮扶',
        content: '养牛|养羊',
        start_date: '2024-01',
        developmental: 1,
      });
    });
    expect(dump(r)).toBe(before);
    r.close();
  });

  it('reverts policy values, vocabulary extensions, and an identification with its events', () => {
    const r = register();
    r.write(() =>
      writePolicyValue(r.db, new ChangeLog(r.db, { operator: 'x', command: 'init' }), 2024, 'incomeLine', 8000),
    );
    const before = dump(r);
    roundTrip(r, (log) => {
      writePolicyValue(r.db, log, 2024, 'incomeLine', 8300);
      writePolicyValue(r.db, log, 2024, 'bottomShare', 0.3);
      addVocabExtension(r.db, log, 'riskType', '因婚');
      applyIdentification(
        r.db,
        log,
        HH,
        { category: '边缘易致贫户', risks: ['因病'], disasterSub: null, month: '2024-05' },
        { source: '测试' },
      );
    });
    expect(dump(r)).toBe(before);
    r.close();
  });

  it('puts back the 风险消除后 snapshot an elimination replaced', () => {
    const r = register();
    const setup = new ChangeLog(r.db, { operator: 'x', command: 'setup' });
    r.write(() => {
      applyIdentification(
        r.db,
        setup,
        HH,
        { category: '边缘易致贫户', risks: ['因病'], disasterSub: null, month: '2024-01' },
        { source: '测试' },
      );
      r.db.exec(
        `INSERT INTO elimination_snapshots (hh_no, eliminated_month, wage, source) VALUES ('${HH}', '2024-08', 1, '旧')`,
      );
    });
    const before = dump(r);
    roundTrip(r, (log) =>
      applyElimination(r.db, log, HH, { method: '帮扶消除', month: '2024-08' }, { source: '测试' }),
    );
    expect(dump(r)).toBe(before);
    r.close();
  });

  it('finds later change sets of the same record, also under a changed key, and not undone pairs', () => {
    const r = register();
    const up = (log: ChangeLog, wage: number) =>
      new Upserter(r.db, { table: 'incomes', entity: 'income', keyColumns: ['hh_no', 'year'] }, log).upsert({
        hh_no: HH,
        year: 2023,
        wage,
      });
    const first = new ChangeLog(r.db, { operator: 'x', command: 'a' });
    r.write(() => up(first, 1));
    const second = new ChangeLog(r.db, { operator: 'x', command: 'b' });
    r.write(() => up(second, 2));
    const id = first.openedId!;
    expect(dependentSets(r.db, id, changesOf(r.db, id)).map((s) => s.id)).toEqual([second.openedId]);
    const { undo } = roundTrip(r, (log) => up(log, 3));
    expect(undo).toBeGreaterThan(0);
    // the third set and its undo cancel out
    expect(dependentSets(r.db, id, changesOf(r.db, id)).map((s) => s.id)).toEqual([second.openedId]);
    expect(keyAfter('member', 'A', 'id_no', 'B')).toBe('B');
    expect(keyAfter('measure', `${HH}|A|健康帮扶|x|y|2024`, 'member_id_no', 'B')).toBe(`${HH}|B|健康帮扶|x|y|2024`);
    expect(keyAfter('household', HH, 'phone', '1')).toBe(HH);
    r.close();
  });
});
