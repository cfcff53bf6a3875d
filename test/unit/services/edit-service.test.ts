import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FpjcError } from '../../../src/domain/errors.js';
import { openRegister, type Register } from '../../../src/register/connection.js';
import { type EditRequest, edit } from '../../../src/services/edit-service.js';
import { importFile } from '../../../src/services/import-service.js';
import { undoChangeSet } from '../../../src/services/undo-service.js';
import { dumpRegister, initRegister, tempDir } from '../../helpers/cli.js';
import { idOf, MEMBER_HEADER, smallCounty, writeCsv, writeSmallCounty } from '../../helpers/fixtures.js';

/**
 * The edit service in process (the command-line path is in test/e2e/corrections.test.ts): values
 * refused with the message import gives for the same cell, the record rules, 户主 hand-over.
 */

const A = '1407020010010001';
const B = '1407020010010002';
const C = '1407020020010001';
const c = smallCounty();
const ids = c.ids;
let dir: string;
let template: string;
let register: Register | null = null;

/** A fresh register with the small county (a copy of one imported once). */
function fresh(): Register {
  const file = path.join(tempDir('更正服务'), '登记库.db');
  fs.copyFileSync(template, file);
  register = openRegister(file);
  return register;
}

afterEach(() => {
  register?.close();
  register = null;
});

beforeAll(async () => {
  dir = tempDir('更正服务');
  template = initRegister(dir);
  const files = await writeSmallCounty(dir);
  const r = openRegister(template);
  for (const file of [files.households, files.members, files.incomes])
    await importFile(r, { file, operator: '测试员' });
  r.close();
}, 60_000);

const run = (r: Register, req: Omit<EditRequest, 'operator' | 'reason'> & { reason?: string }) =>
  edit(r, { reason: '测试', operator: '测试员', ...req });

function refusal(fn: () => unknown): FpjcError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FpjcError) return err;
    throw err;
  }
  throw new Error('not refused');
}

/** The message import gives for one member cell (the row otherwise as registered). */
async function importMessage(r: Register, header: string, value: string): Promise<string> {
  const row = [...c.members.find((m) => m[1] === ids.a2)!];
  row[MEMBER_HEADER.indexOf(header)] = value;
  const file = writeCsv(path.join(dir, `成员-${header}.csv`), MEMBER_HEADER, [row]);
  const err = await importFile(r, {
    file,
    operator: '测试员',
    dryRun: true,
    errorsPath: path.join(dir, 'x.xlsx'),
  }).catch((e: unknown) => e);
  return (err as FpjcError).details!.problems
    ? ((err as FpjcError).details!.problems as { message: string }[])[0]!.message
    : String(err);
}

describe('edit validates exactly like import', () => {
  it('refuses a bad value with the message import gives for the same cell, exit 3, nothing written', async () => {
    const r = fresh();
    const before = dumpRegister(r.file);
    const badId = `${ids.a2.slice(0, 17)}${ids.a2.endsWith('0') ? '1' : '0'}`;
    for (const [header, value] of [
      ['证件号码', badId],
      ['证件号码', '1.40702E+17'],
      ['劳动技能', '很能干'],
      ['出生日期', '1972-13-40'],
      ['健康状况', '还行'],
    ] as const) {
      const err = refusal(() =>
        run(r, { target: { kind: 'member', idNo: ids.a2 }, assignments: [{ name: header, value }] }),
      );
      expect(err.exitCode).toBe(3);
      expect(err.details!.reason).toBe(await importMessage(r, header, value));
    }
    expect(dumpRegister(r.file)).toBe(before);
  });

  it('checks the record as it would be: a new 证件号码 must agree with the stored sex and birth date', () => {
    const r = fresh();
    const other = idOf('19800101', 9, '男');
    const err = refusal(() =>
      run(r, { target: { kind: 'member', idNo: ids.a2 }, assignments: [{ name: '证件号码', value: other }] }),
    );
    expect(err.message).toMatch(/性别|出生日期/);
    // corrected together, the record is consistent again
    const ok = run(r, {
      target: { kind: 'member', idNo: ids.a2 },
      assignments: [
        { name: '证件号码', value: other },
        { name: '性别', value: '男' },
        { name: '出生日期', value: '1980-01-01' },
      ],
    });
    expect(ok.idChange).toEqual({ 原证件号码: ids.a2, 新证件号码: other });
    const taken = refusal(() =>
      run(r, { target: { kind: 'member', idNo: ids.a1 }, assignments: [{ name: '证件号码', value: other }] }),
    );
    expect(taken.message).toContain('刘秀英');
  });

  it('names the fields it knows; monitoring state, keys and a missing reason are usage errors', () => {
    const r = fresh();
    const member = { kind: 'member', idNo: ids.a1 } as const;
    expect(refusal(() => run(r, { target: member, assignments: [{ name: '爱好', value: '读书' }] })).message).toContain(
      '可以改的字段',
    );
    for (const name of ['监测对象类别', '风险是否已消除', '户编号']) {
      const e = refusal(() => run(r, { target: { kind: 'household', hhNo: A }, assignments: [{ name, value: 'x' }] }));
      expect(e.exitCode).toBe(2);
    }
    expect(
      refusal(() =>
        run(r, { target: { kind: 'income', hhNo: A, year: 2023 }, assignments: [{ name: '年度', value: '2024' }] }),
      ).exitCode,
    ).toBe(2);
    expect(
      refusal(() => run(r, { target: member, assignments: [{ name: '联系电话', value: '13800001111' }], reason: ' ' }))
        .message,
    ).toContain('--reason');
    expect(refusal(() => run(r, { target: member, assignments: [] })).exitCode).toBe(2);
    expect(
      refusal(() => run(r, { target: { kind: 'member', idNo: '140702199001011234' }, assignments: [] })).exitCode,
    ).toBe(2);
  });

  it('edits a household (an alias, an inverse yes/no) and an income year; the same value is no change', () => {
    const r = fresh();
    const h = run(r, {
      target: { kind: 'household', hhNo: A },
      assignments: [
        { name: '户联系电话', value: '13800001111' },
        { name: '是否解决安全饮用水', value: '否' },
      ],
    });
    expect(h.changes).toEqual([
      { 类别: '户', 记录: A, 字段: '联系电话', 原值: '13812345678', 新值: '13800001111' },
      { 类别: '户', 记录: A, 字段: '是否饮水出现安全问题', 原值: null, 新值: '是' },
    ]);
    const again = run(r, {
      target: { kind: 'household', hhNo: A },
      assignments: [{ name: '联系电话', value: '13800001111' }],
    });
    expect(again).toMatchObject({ changes: [], changeSet: null });
    const moved = run(r, {
      target: { kind: 'household', hhNo: A },
      assignments: [
        { name: '乡镇', value: '北田镇' },
        { name: '村', value: '南庄村' },
      ],
    });
    expect(moved.changes.map((x) => x.字段)).toContain('村');
    expect(
      refusal(() => run(r, { target: { kind: 'household', hhNo: A }, assignments: [{ name: '村', value: '西钩村' }] }))
        .message,
    ).toContain('登记库中没有北田镇西钩村');
    const inc = run(r, {
      target: { kind: 'income', hhNo: A, year: 2023 },
      assignments: [
        { name: '工资性收入', value: '15,000' },
        { name: '家庭人口数', value: '2' },
      ],
    });
    expect(inc.changes.map((x) => [x.字段, x.原值, x.新值])).toEqual([
      ['家庭人口数', '3', '2'],
      ['工资性收入', '12000', '15000'],
    ]);
    expect(
      refusal(() =>
        run(r, { target: { kind: 'income', hhNo: A, year: 2023 }, assignments: [{ name: '家庭人口数', value: '0' }] }),
      ).message,
    ).toContain('1–50');
    const dry = run(r, {
      target: { kind: 'household', hhNo: B },
      assignments: [{ name: '联系电话', value: '13900000001' }],
      dryRun: true,
    });
    expect(dry).toMatchObject({ dryRun: true, changeSet: null });
  });
});

describe('moves, deaths and the 户主', () => {
  it('a 户主 leaving needs a new one of the same household, who then heads it', () => {
    const r = fresh();
    const dies = {
      target: { kind: 'member', idNo: ids.b1 },
      assignments: [],
      status: '去世',
      date: '2024-03-15',
    } as const;
    expect(refusal(() => run(r, dies)).message).toContain('--new-head');
    expect(refusal(() => run(r, { ...dies, newHead: ids.a2 })).message).toContain(`户 ${B} 的另一位在册成员`);
    expect(refusal(() => run(r, { ...dies, date: undefined, newHead: ids.b2 })).message).toContain('--date');
    expect(
      refusal(() => run(r, { target: { kind: 'member', idNo: ids.b2 }, assignments: [], newHead: ids.b1 })).exitCode,
    ).toBe(2);
    run(r, { ...dies, newHead: ids.b2 });
    const get = (sql: string, ...p: unknown[]) => r.db.prepare(sql).get(...p);
    expect(get('SELECT status, status_date FROM members WHERE id_no = ?', ids.b1)).toEqual({
      status: '死亡',
      status_date: '2024-03-15',
    });
    expect(get('SELECT relation FROM members WHERE id_no = ?', ids.b2)).toEqual({ relation: '户主' });
    expect(get('SELECT head_id_no, head_name FROM households WHERE hh_no = ?', B)).toEqual({
      head_id_no: ids.b2,
      head_name: '赵桂兰',
    });
    // back to 在册: the date goes
    run(r, {
      target: { kind: 'member', idNo: ids.b1 },
      assignments: [{ name: '与户主关系', value: '配偶' }],
      status: '在册',
    });
    expect(get('SELECT status, status_date FROM members WHERE id_no = ?', ids.b1)).toEqual({
      status: '在册',
      status_date: null,
    });
  });

  it('moves a member; a 户主 moving into a household with one must say the new relation', () => {
    const r = fresh();
    expect(
      refusal(() => run(r, { target: { kind: 'member', idNo: ids.c1 }, assignments: [], moveTo: A, newHead: ids.c2 }))
        .message,
    ).toContain('已有户主');
    expect(
      refusal(() => run(r, { target: { kind: 'member', idNo: ids.a3 }, assignments: [], moveTo: '9999' })).exitCode,
    ).toBe(3);
    expect(
      refusal(() => run(r, { target: { kind: 'member', idNo: ids.a3 }, assignments: [], moveTo: A })).exitCode,
    ).toBe(2);
    const m = run(r, { target: { kind: 'member', idNo: ids.a3 }, assignments: [], moveTo: C });
    expect(m.changes).toContainEqual({ 类别: '成员', 记录: ids.a3, 字段: '户编号', 原值: A, 新值: C });
  });
});

describe('undo of an import that later records refer to', () => {
  it('is refused (exit 3) naming the later change sets; once those are undone it goes through', async () => {
    const r = fresh();
    const hh = '1407020020010009';
    const id = idOf('19900101', 50, '男');
    const households = writeCsv(
      path.join(dir, '新户.csv'),
      ['户编号', '乡镇', '村', '户类型', '户主姓名'],
      [[hh, '北田镇', '南庄村', '一般农户', '孙大']],
    );
    const members = writeCsv(
      path.join(dir, '新户成员.csv'),
      ['户编号', '证件号码', '姓名', '与户主关系'],
      [[hh, id, '孙大', '户主']],
    );
    const first = await importFile(r, { file: households, operator: '测试员' });
    const second = await importFile(r, { file: members, operator: '测试员' });
    const before = dumpRegister(r.file);
    const err = refusal(() => undoChangeSet(r, { changeSet: String(first.changeSet), operator: '测试员' }));
    expect(err).toMatchObject({ code: 'REFUSED', exitCode: 3 });
    expect(err.message).toContain(`${second.changeSet}（import members）`);
    expect(dumpRegister(r.file)).toBe(before);
    undoChangeSet(r, { changeSet: String(second.changeSet), operator: '测试员' });
    const done = undoChangeSet(r, { changeSet: String(first.changeSet), operator: '测试员' });
    expect(done.count).toBe(1);
    expect(r.db.prepare('SELECT count(*) AS n FROM households WHERE hh_no = ?').get(hh)).toEqual({ n: 0 });
  });
});
