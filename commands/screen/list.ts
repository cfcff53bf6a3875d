import { Flags } from '@oclif/core';
import { listScreen } from '../../src/services/screen-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderScreenList } from '../../src/ui/render/screen.js';

export default class ScreenList extends FpjcCommand {
  static override summary = '列出排查批次中有预警线索的户：规则、排查依据和入户研判结果';
  static override examples = [
    '<%= config.bin %> screen list --campaign 2024Q2 --village 下头村',
    '<%= config.bin %> screen list --campaign 2024Q2 --rule R05',
    '<%= config.bin %> screen list --campaign 2024Q2 --township 金山镇 --json',
  ];

  static override flags = {
    campaign: Flags.string({ summary: '排查批次编号，如 2024Q2', required: true }),
    township: Flags.string({ summary: '只列这个乡镇' }),
    village: Flags.string({ summary: '只列这个村（重名时同时用 --township）' }),
    rule: Flags.string({ summary: '只列这条规则预警的户，如 R05' }),
    'with-missing': Flags.boolean({ summary: '也列出只有“数据缺失”的户' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ScreenList);
    const register = this.openRegister(flags.db);
    const result = listScreen(register, {
      campaign: flags.campaign,
      township: flags.township,
      village: flags.village,
      rule: flags.rule,
      withMissing: flags['with-missing'],
    });
    this.output(result, () => renderScreenList(result));
  }
}
