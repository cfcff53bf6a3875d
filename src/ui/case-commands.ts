import { Args, Flags } from '@oclif/core';
import { decideAll, decideOne } from '../services/case-service.js';
import { decideFromFile } from '../services/decision-file.js';
import { publicize } from '../services/review-service.js';
import type { WorkflowDef } from '../workflow/stages.js';
import { FpjcCommand } from './base-command.js';
import { checksOf, decideFlags, requireDecisionFlags } from './case-flags.js';
import { renderBatch, renderCase, renderDecideAll, renderPublicize } from './render/cases.js';

/**
 * `review decide|publicize` and `eliminate decide|publicize` are one command each over the two
 * workflows: the subclasses hold the Chinese help text and name their workflow.
 */

export const caseNoArg = (example: string) => ({ caseNo: Args.string({ description: `案件号，如 ${example}` }) });

interface DecideValues {
  db: string;
  operator?: string | undefined;
  household?: string | undefined;
  stage?: string | undefined;
  decision?: string | undefined;
  opinion?: string | undefined;
  date?: string | undefined;
  verified?: string | undefined;
  authorized?: string | undefined;
  deliberated?: string | undefined;
  all?: boolean | undefined;
  township?: string | undefined;
  village?: string | undefined;
  file?: string | undefined;
  errors?: string | undefined;
  'dry-run'?: boolean | undefined;
}

export abstract class DecideCommand extends FpjcCommand {
  protected abstract readonly workflow: WorkflowDef;

  async run(): Promise<void> {
    const def = this.workflow;
    const { args, flags } = (await this.parse(this.constructor as typeof DecideCommand)) as unknown as {
      args: { caseNo?: string };
      flags: DecideValues;
    };
    const register = this.openRegister(flags.db);
    const operator = this.operator(flags.operator);
    if (flags.file) {
      const result = await decideFromFile(register, def, {
        file: flags.file,
        operator,
        dryRun: flags['dry-run'],
        errors: flags.errors,
      });
      this.output(result, () => renderBatch(result));
      return;
    }
    const { stage, decision } = requireDecisionFlags(args.caseNo, flags);
    const common = {
      stage,
      decision,
      opinion: flags.opinion,
      date: flags.date,
      checks: checksOf(flags),
      operator,
      dryRun: flags['dry-run'],
    };
    if (flags.all) {
      const all = decideAll(register, def, { ...common, township: flags.township, village: flags.village });
      this.output(all, () => renderDecideAll(all));
      return;
    }
    const result = decideOne(register, def, { caseNo: args.caseNo, household: flags.household, ...common });
    this.output(result, () => renderCase(result));
  }
}

export { decideFlags };

export const publicizeFlags = {
  village: Flags.string({ summary: '村' }),
  all: Flags.boolean({ summary: '全县（或 --township 乡镇）所有有待公示案件的村，各生成一份公示名单' }),
  township: Flags.string({ summary: '乡镇：不给 --village 时为该乡镇所有有待公示案件的村' }),
  start: Flags.string({ summary: '公示开始日期，默认今天' }),
  out: Flags.string({ summary: '公示名单输出文件夹（默认登记库旁边的「报表」文件夹）' }),
  templates: Flags.string({ summary: '使用这个文件夹里的模板' }),
  'dry-run': Flags.boolean({ summary: '只显示将公示的案件，不写入登记库，不生成公示名单' }),
};

export abstract class PublicizeCommand extends FpjcCommand {
  protected abstract readonly workflow: WorkflowDef;

  async run(): Promise<void> {
    const { flags } = (await this.parse(this.constructor as typeof PublicizeCommand)) as unknown as {
      flags: {
        db: string;
        operator?: string;
        village?: string;
        all?: boolean;
        township?: string;
        start?: string;
        out?: string;
        templates?: string;
        'dry-run'?: boolean;
      };
    };
    const register = this.openRegister(flags.db);
    const result = await publicize(register, this.workflow, {
      ...flags,
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderPublicize(result));
  }
}
