import { Flags } from '@oclif/core';
import { FpjcError } from '../domain/errors.js';
import type { CheckName, WorkflowDef } from '../workflow/stages.js';

/** Flags `review decide` and `eliminate decide` share, and the check dates they carry. */
export function decideFlags(def: WorkflowDef) {
  const stages = def.stages.map((s) => s.name).join('|');
  const first = def.stages[0]!;
  return {
    household: Flags.string({ summary: '户编号（代替案件号：该户办理中的案件）' }),
    stage: Flags.string({ summary: `环节：${stages}` }),
    decision: Flags.string({ summary: '结论：通过|不通过' }),
    opinion: Flags.string({ summary: '意见（不通过时必填，即研判结果）' }),
    date: Flags.string({ summary: '决定日期，格式 2024-06-10（默认今天）' }),
    verified: Flags.string({ summary: `入户核实日期（「${first.name}」通过时必填）` }),
    ...(first.checks.includes('承诺授权')
      ? { authorized: Flags.string({ summary: `承诺授权书签署日期（「${first.name}」通过时必填）` }) }
      : {}),
    deliberated: Flags.string({ summary: `民主评议日期（「${first.name}」通过时必填）` }),
    all: Flags.boolean({
      summary:
        '同一结论办理范围内（--township/--village，默认全县）所有待办 --stage 环节的案件，有一件不能办理则全部不办理',
    }),
    township: Flags.string({ summary: '配合 --all：乡镇' }),
    village: Flags.string({ summary: '配合 --all：村' }),
    file: Flags.string({
      summary: '决定表（.xlsx/.csv）：案件号或户编号、环节、结论、意见、经办人、日期各列，一次办理一批',
    }),
    errors: Flags.string({ summary: '决定表有问题时，问题清单写到这个文件（默认 <决定表>.错误报告.xlsx）' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };
}

interface DecideFlagValues {
  household?: string | undefined;
  stage?: string | undefined;
  decision?: string | undefined;
  verified?: string | undefined;
  authorized?: string | undefined;
  deliberated?: string | undefined;
  file?: string | undefined;
}

/** The missing flags of a one-case decision, as a usage error naming them. */
export function requireDecisionFlags(
  caseNo: string | undefined,
  f: DecideFlagValues & { all?: boolean | undefined },
): { stage: string; decision: string } {
  const missing = [
    !caseNo && !f.household && !f.all ? '<案件号>（或 --household、--all）' : null,
    f.stage ? null : '--stage',
    f.decision ? null : '--decision',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new FpjcError(
      'USAGE',
      `缺少 ${missing.join('、')}。一次办理多件请用 --file 决定表.xlsx。用 --help 查看示例。`,
    );
  }
  return { stage: f.stage!, decision: f.decision! };
}

export const checksOf = (f: DecideFlagValues): Partial<Record<CheckName, string | undefined>> => ({
  入户核实: f.verified,
  承诺授权: f.authorized,
  民主评议: f.deliberated,
});
