import { Args } from '@oclif/core';
import { showHousehold } from '../../src/services/show-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderHousehold } from '../../src/ui/render/show.js';

export default class ShowHousehold extends FpjcCommand {
  static override summary = '查看一户的全部信息：成员、收入、监测记录、帮扶措施、案件、预警';
  static override examples = [
    '<%= config.bin %> show household 1407020010010001',
    '<%= config.bin %> show household 1407020010010001 --json',
    '<%= config.bin %> show household 任晓刚',
  ];
  static override args = { hhNo: Args.string({ description: '户编号，或户主、成员的姓名', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ShowHousehold);
    const register = this.openRegister(flags.db);
    const view = showHousehold(register, args.hhNo);
    this.output(view, () => renderHousehold(view));
  }
}
