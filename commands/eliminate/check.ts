import { Flags } from '@oclif/core';
import { checkElimination } from '../../src/services/elimination-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { parseAsOfFlag } from '../../src/ui/flags.js';
import { renderCheck } from '../../src/ui/render/elimination.js';

export default class EliminateCheck extends FpjcCommand {
  static override summary = '风险消除评估：每个风险未消除的监测对象列为 符合条件 / 不符合条件 / 暂不消除，逐条说明理由';
  static override description =
    '条件：收入年度人均纯收入不低于监测范围且不低于上年；无“三保障”和饮水安全问题；识别满最短监测月数（默认 6 个月）；' +
    '每个风险类型都有对应的帮扶措施；有监测联系人和电话。整户无劳动能力、或收入主要靠低保特困兜底的户暂不标注风险消除。' +
    '符合条件但满一个季度仍未申请消除的标为“应消未消”。收入年度默认为评估日期的上一年。';
  static override examples = [
    '<%= config.bin %> eliminate check',
    '<%= config.bin %> eliminate check --as-of 2024-11-01 --township 金山镇',
    '<%= config.bin %> eliminate check --household 1407020010010001 --json',
  ];
  static override flags = {
    'as-of': Flags.string({ summary: '评估日期（默认今天）' }),
    township: Flags.string({ summary: '乡镇' }),
    village: Flags.string({ summary: '村' }),
    household: Flags.string({ summary: '只评估这一户' }),
    'income-year': Flags.integer({ summary: '收入年度（默认评估日期的上一年）' }),
    verbose: Flags.boolean({ summary: '列出每一户的全部理由（默认只列不符合条件的理由）' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminateCheck);
    const register = this.openRegister(flags.db);
    const result = checkElimination(register, {
      asOf: parseAsOfFlag(flags['as-of']),
      township: flags.township,
      village: flags.village,
      household: flags.household,
      incomeYear: flags['income-year'],
    });
    this.output(result, () => renderCheck(result, flags.verbose));
  }
}
