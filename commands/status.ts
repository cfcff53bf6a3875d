import { Flags } from '@oclif/core';
import { registerStatus } from '../src/services/status-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { parseAsOfFlag } from '../src/ui/flags.js';
import { renderStatus } from '../src/ui/render/status.js';

export default class Status extends FpjcCommand {
  static override summary = '登记库概况：户数、人数、监测对象、案件、预警、最近的导入和排查';
  static override examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status --json',
    '<%= config.bin %> status --as-of 2024-05-01',
  ];

  static override flags = {
    'as-of': Flags.string({ summary: '统计日期（三色预警按此计算），格式 2024-05-01，默认今天' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    const register = this.openRegister(flags.db);
    const result = registerStatus(register, { asOf: parseAsOfFlag(flags['as-of']) });
    this.output(result, () => renderStatus(result));
  }
}
