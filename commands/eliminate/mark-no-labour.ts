import { Flags } from '@oclif/core';
import { markNoLabour } from '../../src/services/elimination-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderNoLabour } from '../../src/ui/render/elimination.js';

export default class EliminateMarkNoLabour extends FpjcCommand {
  static override summary =
    '认定整户无劳动能力兜底保障户（乡镇确认）：在册成员都无劳动能力的监测对象，暂不标注风险消除';
  static override description =
    '只有在册成员的劳动技能都是“丧失劳动力”或“无劳动力”时才能认定；有成员劳动技能未填的请先补填。--clear 取消认定。';
  static override examples = [
    '<%= config.bin %> eliminate mark-no-labour --household 1407020010010002 --confirmed-by 金山镇王主任 --date 2024-06-10',
    '<%= config.bin %> eliminate mark-no-labour --household 1407020010010002 --confirmed-by 金山镇王主任 --clear',
  ];
  static override flags = {
    household: Flags.string({ summary: '户编号', required: true }),
    'confirmed-by': Flags.string({ summary: '乡镇确认人', required: true }),
    date: Flags.string({ summary: '确认日期（默认今天）' }),
    clear: Flags.boolean({ summary: '取消认定' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminateMarkNoLabour);
    const register = this.openRegister(flags.db);
    const result = markNoLabour(register, {
      household: flags.household,
      confirmedBy: flags['confirmed-by'],
      date: flags.date,
      clear: flags.clear,
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderNoLabour(result));
  }
}
