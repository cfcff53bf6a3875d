import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../src/register/audit.js';
import { openRegister } from '../../../src/register/connection.js';
import { SCHEMA_VERSION } from '../../../src/register/schema.js';
import { Upserter } from '../../../src/register/upsert.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc 登记库-'));

function withVillage(file: string) {
  const r = openRegister(file, { create: true });
  r.db.exec(
    "INSERT INTO townships (id, name) VALUES (1, '东阳镇'); INSERT INTO villages (id, township_id, name) VALUES (1, 1, '西沟村');",
  );
  return r;
}

describe('register', () => {
  it('creates the schema at the current version with WAL and foreign keys', () => {
    const r = openRegister(path.join(tmp(), 'a.db'), { create: true });
    expect(r.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(r.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      r.db.prepare("INSERT INTO members (id_no, hh_no, name, relation) VALUES ('x', 'nope', 'n', '户主')").run(),
    ).toThrow(/FOREIGN KEY/);
    r.close();
  });

  it('refuses a newer schema, a foreign SQLite file and a missing file with exit-4 errors', () => {
    const dir = tmp();
    const file = path.join(dir, 'a.db');
    openRegister(file, { create: true }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openRegister(file)).toThrow(expect.objectContaining({ code: 'REGISTER_NEWER', exitCode: 4 }));
    const other = path.join(dir, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE t (x)');
    o.close();
    expect(() => openRegister(other)).toThrow(expect.objectContaining({ code: 'REGISTER_CORRUPT' }));
    const text = path.join(dir, 'text.db');
    fs.writeFileSync(text, 'not a database at all, just some text that is long enough'.repeat(20));
    expect(() => openRegister(text)).toThrow(expect.objectContaining({ exitCode: 4 }));
    expect(() => openRegister(path.join(dir, 'none.db'))).toThrow(
      expect.objectContaining({ code: 'REGISTER_MISSING' }),
    );
    expect(() => openRegister(file, { create: true })).toThrow(expect.objectContaining({ code: 'REGISTER_EXISTS' }));
  });

  it('rolls a failed write transaction back completely', () => {
    const r = withVillage(path.join(tmp(), 'a.db'));
    expect(() =>
      r.write(() => {
        r.db.prepare("INSERT INTO households (hh_no, village_id, hh_type) VALUES ('1', 1, '一般农户')").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(r.db.prepare('SELECT count(*) AS n FROM households').get()).toEqual({ n: 0 });
    r.close();
  });
});

describe('audit log and upsert', () => {
  it('a buffered log writes the same changes in the same order, many to a statement, once flushed', () => {
    const r = withVillage(path.join(tmp(), 'a.db'));
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ hh_no: String(i).padStart(4, '0'), village_id: 1, hh_type: '一般农户' }));
    const written = (buffered: boolean) =>
      r.write(() => {
        r.db.exec('DELETE FROM changes; DELETE FROM households');
        const log = new ChangeLog(r.db, { operator: '王会计', command: 'test' }, undefined, { buffered });
        const u = new Upserter(r.db, { table: 'households', entity: 'household', keyColumns: ['hh_no'] }, log);
        for (const row of rows(ChangeLog.ROWS * 2 + 5)) u.upsert(row);
        new Upserter(r.db, { table: 'households', entity: 'household', keyColumns: ['hh_no'] }, log).upsert({
          hh_no: '0003',
          hh_type: '脱贫户',
        });
        const beforeFlush = r.db.prepare('SELECT count(*) FROM changes').pluck().get();
        log.flush();
        const all = r.db
          .prepare('SELECT entity, record_key, op, field, old_value, new_value FROM changes ORDER BY id')
          .all();
        return { beforeFlush, all, counted: log.changes };
      });
    const direct = written(false);
    const buffered = written(true);
    expect(direct.beforeFlush).toBe(ChangeLog.ROWS * 2 + 6);
    // two full statements written, the last 6 changes still held
    expect(buffered.beforeFlush).toBe(ChangeLog.ROWS * 2);
    expect(buffered.all).toEqual(direct.all);
    expect(buffered.counted).toBe(ChangeLog.ROWS * 2 + 6);
    expect(buffered.all.at(-1)).toMatchObject({ record_key: '0003', field: 'hh_type', new_value: '脱贫户' });
    r.close();
  });

  it('records inserts, field updates with old and new values, and nothing when nothing changed', () => {
    const r = withVillage(path.join(tmp(), 'a.db'));
    const run = (row: Record<string, string | number | null>) =>
      r.write(() => {
        const log = new ChangeLog(r.db, { operator: '王会计', command: 'test', reason: '单元测试' });
        const u = new Upserter(r.db, { table: 'households', entity: 'household', keyColumns: ['hh_no'] }, log);
        return { outcome: u.upsert(row).outcome, set: log.openedId };
      });
    expect(run({ hh_no: '0001', village_id: 1, hh_type: '一般农户', phone: '13800000000' }).outcome).toBe('inserted');
    const same = run({ hh_no: '0001', village_id: 1, hh_type: '一般农户', phone: '13800000000' });
    expect(same).toEqual({ outcome: 'unchanged', set: null });
    // a file without the phone column leaves the phone alone
    expect(run({ hh_no: '0001', hh_type: '脱贫户' }).outcome).toBe('updated');
    const changes = r.db
      .prepare(
        'SELECT s.operator, s.reason, c.op, c.record_key, c.field, c.old_value, c.new_value FROM changes c JOIN change_sets s ON s.id = c.set_id ORDER BY c.id',
      )
      .all();
    expect(changes).toEqual([
      {
        operator: '王会计',
        reason: '单元测试',
        op: 'insert',
        record_key: '0001',
        field: null,
        old_value: null,
        new_value: null,
      },
      {
        operator: '王会计',
        reason: '单元测试',
        op: 'update',
        record_key: '0001',
        field: 'hh_type',
        old_value: '一般农户',
        new_value: '脱贫户',
      },
    ]);
    expect(r.db.prepare('SELECT phone FROM households').get()).toEqual({ phone: '13800000000' });
    expect(r.db.prepare('SELECT count(*) AS n FROM change_sets').get()).toEqual({ n: 2 });
    r.close();
  });
});
