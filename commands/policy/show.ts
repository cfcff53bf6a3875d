import { Flags } from '@oclif/core';
import { showPolicy } from '../../src/services/policy-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderPolicy } from '../../src/ui/render/policy.js';

export default class PolicyShow extends FpjcCommand {
  static override summary = '查看某年度的政策参数（监测范围、大病自付线、公示天数等）及其来源';
  static override examples = ['<%= config.bin %> policy show', '<%= config.bin %> policy show --year 2024 --json'];
  static override flags = { year: Flags.integer({ summary: '年度（默认登记库的当前年度）' }) };

  async run(): Promise<void> {
    const { flags } = await this.parse(PolicyShow);
    const register = this.openRegister(flags.db);
    const view = showPolicy(register, flags.year);
    this.output(view, () => renderPolicy(view));
  }
}
