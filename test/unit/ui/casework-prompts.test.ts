import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../src/register/audit.js';
import { insertCase } from '../../../src/register/cases-repo.js';
import { openRegister, type Register } from '../../../src/register/connection.js';
import { caseRecordByNo } from '../../../src/services/case-service.js';
import { addCase } from '../../../src/services/review-service.js';
import { walkCases } from '../../../src/ui/prompts/casework.js';
import { type Choice, inquirerPrompter, type Prompter } from '../../../src/ui/prompts/prompter.js';
import { ELIMINATION, IDENTIFICATION } from '../../../src/workflow/stages.js';
import { fpjc, initRegister, tempDir } from '../../helpers/cli.js';
import { writeSmallCounty } from '../../helpers/fixtures.js';

/** The interactive walk of bare `fpjc review`, driven through the prompt layer. */

const HH = '1407020010010002';
let register: Register;

/** Answers in order; a select answer is matched against the choice names. */
function scripted(answers: (string | boolean)[]): Prompter & { asked: string[]; printed: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const printed: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`no answer left for「${message}」`);
    return queue.shift()!;
  };
  return {
    asked,
    printed,
    async select<T>(message: string, choices: readonly Choice<T>[]): Promise<T> {
      const a = String(next(message));
      const c = choices.find((x) => x.name.includes(a));
      if (!c) throw new Error(`「${a}」 is not a choice of「${message}」: ${choices.map((x) => x.name).join(' / ')}`);
      return c.value;
    },
    async input(message, options = {}) {
      const a = String(next(message));
      const value = a === '' ? (options.default ?? '') : a;
      const ok = options.validate?.(value) ?? true;
      if (ok !== true) throw new Error(`rejected「${value}」for「${message}」: ${ok}`);
      return value;
    },
    async confirm(message) {
      return Boolean(next(message));
    },
    print(text) {
      printed.push(text);
    },
  };
}

beforeAll(async () => {
  const dir = tempDir('逐案');
  const db = initRegister(dir);
  const files = await writeSmallCounty(dir);
  for (const f of [files.households, files.members, files.incomes])
    expect(fpjc(['import', f, '--db', db]).code).toBe(0);
  register = openRegister(db);
  addCase(register, {
    household: HH,
    source: '农户自主申报',
    category: '突发严重困难户',
    risks: '因病',
    date: '2024-06-01',
    operator: '测试员',
  });
}, 60_000);

afterAll(() => register?.close());

describe('interactive elimination', () => {
  it('walks an elimination case: 村级初审 asks for 入户核实 and 民主评议 only', async () => {
    const log = new ChangeLog(register.db, { operator: '测试员', command: 'test' });
    insertCase(register.db, log, {
      caseNo: 'XC2024-0001',
      hhNo: '1407020010010001',
      kind: '消除',
      source: '帮扶消除',
      sourceRef: null,
      stage: '村级初审',
      openedAt: '2024-06-01',
      category: '脱贫不稳定户',
      risks: '因病',
      disasterSub: null,
      method: '帮扶消除',
      note: null,
    });
    const p = scripted(['东阳镇', '西沟村', '通过', '', '2024-06-05', '2024-06-03', '', true]);
    const r = await walkCases(register, ELIMINATION, p, '王经办', '2024-06-30');
    expect(r.decided).toHaveLength(1);
    expect(p.asked).toEqual([
      '选择乡镇',
      '选择村',
      '案件 XC2024-0001：办理「村级初审」',
      '意见',
      '决定日期',
      '入户核实日期',
      '民主评议日期',
      expect.stringContaining('确认'),
    ]);
    expect(caseRecordByNo(register.db, 'XC2024-0001', '2024-06-30')).toMatchObject({
      stage: '公示',
      入户核实日期: '2024-06-03',
      民主评议日期: '2024-06-05',
    });
  });
});

describe('interactive review', () => {
  it('chooses a township and village, shows the household, decides after confirming', async () => {
    const p = scripted(['东阳镇', '西沟村', '通过', '', '2024-06-05', '2024-06-02', '2024-06-02', '', true]);
    const r = await walkCases(register, IDENTIFICATION, p, '王经办', '2024-06-30');
    expect(r).toMatchObject({ township: '东阳镇', village: '西沟村', skipped: 0 });
    expect(r.decided).toHaveLength(1);
    expect(p.asked).toEqual([
      '选择乡镇',
      '选择村',
      '案件 SB2024-0001：办理「村提名」',
      '意见',
      '决定日期',
      '入户核实日期',
      '承诺授权日期',
      '民主评议日期',
      expect.stringContaining('确认'),
    ]);
    const summary = p.printed.join('\n');
    expect(summary).toContain('李福');
    expect(summary).toContain('家庭成员 2 人');
    expect(summary).toContain('近两年收支');
    const c = caseRecordByNo(register.db, 'SB2024-0001', '2024-06-30')!;
    expect(c).toMatchObject({ stage: '公示', 入户核实日期: '2024-06-02', 民主评议日期: '2024-06-05' });
    expect(c.decisions[0]).toMatchObject({ stage: '村提名', decision: '通过', opinion: '同意', operator: '王经办' });
  });

  it('offers to start the village 公示, and writes nothing when not confirmed', async () => {
    const p = scripted(['东阳镇', '西沟村', '开始本村公示']);
    const r = await walkCases(register, IDENTIFICATION, p, '王经办', '2024-06-06');
    expect(r.publicized).toBe(1);
    expect(caseRecordByNo(register.db, 'SB2024-0001')!.公示开始).toBe('2024-06-06');

    const no = scripted(['东阳镇', '西沟村', '「公示」不通过', '群众有异议', '2024-06-08', false]);
    const r2 = await walkCases(register, IDENTIFICATION, no, '王经办', '2024-06-08');
    expect(r2).toMatchObject({ decided: [], skipped: 1 });
    expect(caseRecordByNo(register.db, 'SB2024-0001')!.status).toBe('办理中');
  });

  it('a refused decision is reported and nothing is written', async () => {
    // the 公示 has not run its 5 days on 2024-06-08
    const p = scripted(['东阳镇', '西沟村', '「公示」通过', '', '2024-06-08', true]);
    const r = await walkCases(register, IDENTIFICATION, p, '王经办', '2024-06-08');
    expect(r.decided).toHaveLength(0);
    expect(p.printed.join('\n')).toContain('未办理：');
    expect(caseRecordByNo(register.db, 'SB2024-0001')!.stage).toBe('公示');
  });

  it('drives the real @inquirer/prompts through a stream', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (d) => (screen += String(d)));
    const prompter = inquirerPrompter({ input, output });
    // Each prompt opens a readline on the input and listens for keypresses: count the prompts
    // that opened, and press Enter in each one once it listens.
    let opened = 0;
    input.on('newListener', (event) => {
      if (event === 'keypress' && input.listenerCount('keypress') === 0) opened++;
    });
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const pressEnter = async (times: number) => {
      for (let i = 0; i < times; i++) {
        while (opened <= i || input.listenerCount('keypress') === 0) await tick();
        await tick();
        input.write('\r');
      }
    };
    // one 乡镇, one 村; the first action is 「公示」通过 (5 days have passed on 2024-06-20); the
    // opinion and the date keep their defaults; confirmed
    const walking = walkCases(register, IDENTIFICATION, prompter, '王经办', '2024-06-20');
    await pressEnter(6);
    const r = await walking;
    expect(screen).toContain('选择乡镇');
    expect(screen).toContain('东阳镇（1 件）');
    // the first choice is 「公示」通过 on 2024-06-20 (5 days have passed): opinion and date defaulted, confirmed
    expect(r.decided).toHaveLength(1);
    expect(caseRecordByNo(register.db, 'SB2024-0001')!.stage).toBe('乡镇审核');
  });
});
