import { Flags } from '@oclif/core';
import { screenStatus } from '../../src/services/screen-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderScreenStatus } from '../../src/ui/render/screen.js';

export default class ScreenStatus extends FpjcCommand {
  static override summary = '排查进度：各乡镇/村排查范围、已排查、未排查户数和研判结果（覆盖率 100% 即排查全覆盖）';
  static override examples = [
    '<%= config.bin %> screen status --campaign 2024Q2',
    '<%= config.bin %> screen status --campaign 2024Q2 --township 金山镇',
    '<%= config.bin %> screen status --campaign 2024Q2 --json',
  ];

  static override flags = {
    campaign: Flags.string({ summary: '排查批次编号，如 2024Q2', required: true }),
    township: Flags.string({ summary: '只看这个乡镇（按村列出）' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ScreenStatus);
    const register = this.openRegister(flags.db);
    const result = screenStatus(register, { campaign: flags.campaign, township: flags.township });
    this.output(result, () => renderScreenStatus(result));
  }
}
