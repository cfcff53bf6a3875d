import { Flags } from '@oclif/core';
import { proposeElimination } from '../../src/services/elimination-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderCaseAdd } from '../../src/ui/render/cases.js';

export default class EliminatePropose extends FpjcCommand {
  static override summary = '风险消除立案：为符合条件的监测对象开立消除案件，进入村级初审环节';
  static override description =
    '案件依次经过 村级初审（入户核实、民主评议）→ 公示 → 乡镇审核 → 县级审定，县级审定通过即标注风险已消除。' +
    '立案当天须符合风险消除条件（见 fpjc eliminate check），否则拒绝并说明理由；每户同时只能有一个办理中的消除案件。';
  static override examples = [
    '<%= config.bin %> eliminate propose --household 1407020010010001 --method 帮扶消除',
    '<%= config.bin %> eliminate propose --all-eligible --township 金山镇 --method 帮扶消除 --date 2024-11-01',
  ];
  static override flags = {
    household: Flags.string({ summary: '户编号', exclusive: ['all-eligible'] }),
    'all-eligible': Flags.boolean({ summary: '为范围内（--township/--village，默认全县）所有符合条件的户立案' }),
    township: Flags.string({ summary: '配合 --all-eligible：乡镇' }),
    village: Flags.string({ summary: '配合 --all-eligible：村' }),
    method: Flags.string({ summary: '风险消除方式：帮扶消除|自然消除', required: true }),
    date: Flags.string({ summary: '立案日期（默认今天），按这一天评估条件' }),
    'income-year': Flags.integer({ summary: '评估用的收入年度（默认立案日期的上一年）' }),
    note: Flags.string({ summary: '说明' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminatePropose);
    const register = this.openRegister(flags.db);
    const result = proposeElimination(register, {
      household: flags.household,
      allEligible: flags['all-eligible'],
      township: flags.township,
      village: flags.village,
      method: flags.method,
      date: flags.date,
      note: flags.note,
      incomeYear: flags['income-year'],
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderCaseAdd(result));
  }
}
