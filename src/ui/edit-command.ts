import { FpjcError } from '../domain/errors.js';
import type { Register } from '../register/connection.js';
import {
  checkValue,
  currentRecord,
  type EditRequest,
  type EditTarget,
  edit,
  parseAssignment,
} from '../services/edit-service.js';
import { FpjcCommand } from './base-command.js';
import { promptEdit } from './prompts/edit.js';
import { canPrompt, inquirerPrompter, isPromptExit } from './prompts/prompter.js';
import { renderEdit } from './render/edit.js';

const TITLE = { member: '成员', household: '户', income: '收支' } as const;

/**
 * What `edit member|household|income` share: --set values to the edit service, or — in a
 * terminal without --set — the record shown and the fields asked for (never without a TTY or
 * under --json: then the missing --set is a usage error).
 */
export abstract class EditCommand extends FpjcCommand {
  protected async runEdit(
    register: Register,
    target: EditTarget,
    flags: {
      set?: string[] | undefined;
      reason?: string | undefined;
      'dry-run'?: boolean;
      operator?: string | undefined;
    },
    extra: Pick<EditRequest, 'moveTo' | 'status' | 'date' | 'newHead'> = {},
  ): Promise<void> {
    const base = { operator: this.operator(flags.operator), dryRun: flags['dry-run'], ...extra };
    let assignments = (flags.set ?? []).map(parseAssignment);
    let reason = flags.reason;
    const nothing = assignments.length === 0 && extra.moveTo === undefined && extra.status === undefined;
    if (nothing) {
      if (!canPrompt(this.jsonMode)) {
        throw new FpjcError(
          'USAGE',
          '没有给出要改的内容：请用 --set 字段=值（可多次）。只有在终端中运行时才会逐项提问。',
        );
      }
      try {
        const answer = await promptEdit(
          inquirerPrompter(),
          `${TITLE[target.kind]} ${target.kind === 'member' ? target.idNo : target.hhNo}${target.kind === 'income' ? ` ${target.year} 年度` : ''}`,
          currentRecord(register, target),
          (name, value) => checkValue(register, target, name, value),
          reason,
        );
        if (!answer) {
          this.note('已取消，没有改动。');
          return;
        }
        assignments = answer.assignments;
        reason = answer.reason;
      } catch (err) {
        if (isPromptExit(err)) {
          this.note('已退出，没有改动。');
          return;
        }
        throw err;
      }
    }
    const result = edit(register, { ...base, target, assignments, reason });
    this.output(result, () => renderEdit(result));
  }
}
