import { Flags } from '@oclif/core';
import { POLICY_KEYS, POLICY_PARAMS } from '../../src/domain/policy.js';
import { setPolicy } from '../../src/services/policy-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderPolicySet } from '../../src/ui/render/policy.js';

export default class PolicySet extends FpjcCommand {
  static override summary = '设置某年度的政策参数（按年度保存，修改记入修改记录）';
  static override examples = [
    '<%= config.bin %> policy set --year 2024 --income-line 8300',
    '<%= config.bin %> policy set --year 2024 --big-illness-self-pay 10000 --color-scheme 按收入 --reason 县乡村振兴局文件',
  ];
  static override flags = {
    year: Flags.integer({ summary: '年度', required: true }),
    // one flag per parameter of the policy table (src/domain/policy.ts)
    ...(Object.fromEntries(
      POLICY_KEYS.map((k) => [POLICY_PARAMS[k].flag, Flags.string({ summary: POLICY_PARAMS[k].label })]),
    ) as Record<string, ReturnType<typeof Flags.string>>),
    reason: Flags.string({ summary: '修改原因（如文件名）' }),
    'dry-run': Flags.boolean({ summary: '只检查，不保存' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PolicySet);
    const register = this.openRegister(flags.db);
    const result = setPolicy(register, {
      year: flags.year,
      values: Object.fromEntries(
        POLICY_KEYS.map((k) => [k, (flags as Record<string, unknown>)[POLICY_PARAMS[k].flag] as string | undefined]),
      ),
      operator: this.operator(flags.operator),
      reason: flags.reason,
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderPolicySet(result));
  }
}
