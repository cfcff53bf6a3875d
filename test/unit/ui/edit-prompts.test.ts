import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister, type Register } from '../../../src/register/connection.js';
import { checkValue, currentRecord, type EditTarget, edit } from '../../../src/services/edit-service.js';
import { promptEdit } from '../../../src/ui/prompts/edit.js';
import type { Choice, Prompter } from '../../../src/ui/prompts/prompter.js';
import { fpjc, initRegister, tempDir } from '../../helpers/cli.js';
import { smallCounty, writeSmallCounty } from '../../helpers/fixtures.js';

/** `fpjc edit member` in a terminal without --set, driven through the prompt layer. */

let register: Register;
const ids = smallCounty().ids;
const target: EditTarget = { kind: 'member', idNo: ids.a2 };

/** Answers in order; a select answer is matched against the choice names; inputs are validated. */
function scripted(answers: (string | boolean)[]): Prompter & { asked: string[]; rejected: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const rejected: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`no answer left for「${message}」`);
    return queue.shift()!;
  };
  return {
    asked,
    rejected,
    async select<T>(message: string, choices: readonly Choice<T>[]): Promise<T> {
      const a = String(next(message));
      const c = choices.find((x) => x.name.startsWith(a));
      if (!c) throw new Error(`「${a}」 is not a choice of「${message}」`);
      return c.value;
    },
    async input(message, options = {}) {
      // like inquirer: an invalid answer is shown its message and asked again
      for (;;) {
        const value = String(next(message));
        const ok = options.validate?.(value) ?? true;
        if (ok === true) return value;
        rejected.push(ok);
      }
    },
    async confirm(message) {
      return Boolean(next(message));
    },
    print() {},
  };
}

beforeAll(async () => {
  const dir = tempDir('提问');
  const db = initRegister(dir);
  const files = await writeSmallCounty(dir);
  for (const f of [files.households, files.members]) expect(fpjc(['import', f, '--db', db]).code).toBe(0);
  register = openRegister(db);
}, 60_000);

afterAll(() => register?.close());

describe('interactive edit', () => {
  it('asks for fields and values, refusing a value as import would, then the reason', async () => {
    const p = scripted([
      '健康状况',
      '很好',
      '患有大病',
      '劳动技能',
      '弱劳动力或半劳动力',
      '（不再改了）',
      '入户核实',
      true,
    ]);
    const answer = await promptEdit(
      p,
      '成员',
      currentRecord(register, target),
      (name, value) => checkValue(register, target, name, value),
      undefined,
    );
    expect(p.rejected).toHaveLength(1);
    expect(p.rejected[0]).toContain('健康状况');
    expect(answer).toEqual({
      assignments: [
        { name: '健康状况', value: '患有大病' },
        { name: '劳动技能', value: '弱劳动力或半劳动力' },
      ],
      reason: '入户核实',
    });
    const r = edit(register, { target, ...answer!, operator: '测试员' });
    expect(r.changes.map((c) => c.字段)).toEqual(['健康状况', '劳动技能']);
  });

  it('writes nothing when the clerk does not confirm', async () => {
    const p = scripted(['联系电话', '13800001111', '（不再改了）', false]);
    const answer = await promptEdit(
      p,
      '成员',
      currentRecord(register, target),
      (name, value) => checkValue(register, target, name, value),
      '电话变更',
    );
    expect(answer).toBeNull();
    expect(p.asked).not.toContain('更正原因：');
  });
});
