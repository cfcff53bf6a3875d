import { Args, Flags } from '@oclif/core';
import { endMeasureById } from '../../src/services/measure-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderMeasureChange } from '../../src/ui/render/elimination.js';

export default class MeasureEnd extends FpjcCommand {
  static override summary = '结束一项帮扶措施（写上结束时间，措施记录保留）';
  static override description =
    '措施编号见 fpjc measure list 或 fpjc show household。该户最后一项开发式措施结束后，“实施开发式帮扶措施情况”改为“尚未实施”。';
  static override examples = ['<%= config.bin %> measure end 12 --date 2024-10-31 --reason 公益岗位期满'];
  static override args = { id: Args.integer({ description: '措施编号', required: true }) };
  static override flags = {
    date: Flags.string({ summary: '结束日期（默认今天）' }),
    reason: Flags.string({ summary: '原因，写入修改记录' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(MeasureEnd);
    const register = this.openRegister(flags.db);
    const result = endMeasureById(register, {
      id: args.id,
      date: flags.date,
      reason: flags.reason,
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderMeasureChange(result, '已结束'));
  }
}
