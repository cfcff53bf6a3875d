import { Flags } from '@oclif/core';
import { dueVisits } from '../../src/services/elimination-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { parseAsOfFlag } from '../../src/ui/flags.js';
import { renderVisits } from '../../src/ui/render/elimination.js';

export default class EliminateVisits extends FpjcCommand {
  static override summary = '回访名单：风险消除满回访月数（默认 6 个月）且消除后尚未回访的户';
  static override description =
    '回访结果用 fpjc eliminate visit-record 逐户登记，或填入回访表后用 --file 一次登记。回访表用 fpjc report visit-form 生成。';
  static override examples = [
    '<%= config.bin %> eliminate visits',
    '<%= config.bin %> eliminate visits --as-of 2024-12-01 --township 金山镇 --json',
  ];
  static override flags = {
    'as-of': Flags.string({ summary: '截至日期（默认今天）' }),
    township: Flags.string({ summary: '乡镇' }),
    village: Flags.string({ summary: '村' }),
    all: Flags.boolean({ summary: '也列出消除后已回访过的户' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminateVisits);
    const register = this.openRegister(flags.db);
    const result = dueVisits(register, { ...flags, asOf: parseAsOfFlag(flags['as-of']) });
    this.output(result, () => renderVisits(result));
  }
}
