import { Args, Flags } from '@oclif/core';
import { history } from '../src/services/history-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { renderHistory } from '../src/ui/render/edit.js';

export default class History extends FpjcCommand {
  static override summary = '查看一个人或一户的全部修改记录（导入、更正、审核办理、撤销）';
  static override description =
    '每次修改列出时间、经办人、命令、原因和每个字段的原值与新值。一个人按其用过的所有证件号码查询；一户包括其成员、收支、帮扶措施、监测记录、案件和预警。';
  static override examples = [
    '<%= config.bin %> history 140702197003151234',
    '<%= config.bin %> history 1407020010010001 --since 2024-05-01',
  ];
  static override args = { key: Args.string({ description: '证件号码或户编号', required: true }) };
  static override flags = { since: Flags.string({ summary: '只看此日期以后的修改，如 2024-05-01' }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(History);
    const register = this.openRegister(flags.db);
    const result = history(register, { key: args.key, since: flags.since });
    this.output(result, () => renderHistory(result));
  }
}
