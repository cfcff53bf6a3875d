import { Args, Flags } from '@oclif/core';
import { EditCommand } from '../../src/ui/edit-command.js';
import { editFlags } from '../../src/ui/edit-flags.js';

export default class EditMember extends EditCommand {
  static override summary = '更正一个人的信息：改字段、改证件号码、换户、死亡或迁出';
  static override description =
    '新值与导入时一样检查，导入会拒绝的值这里同样拒绝（退出码 3）。改证件号码时，该人的帮扶措施、预警、务工记录随之改为新号码，' +
    '户的监测历史和案件不变。户主死亡、迁出或换户时须用 --new-head 同时指定新户主。每次更正记入修改记录，可用 fpjc undo 撤销。' +
    '在终端中不带 --set 运行时，显示此人信息并逐项提问。';
  static override examples = [
    '<%= config.bin %> edit member 140702197003151234 --set 证件号码=140702197003151242 --reason 身份证号录错',
    '<%= config.bin %> edit member 140702197003151234 --set 健康状况=患有大病 --set 劳动技能=弱劳动力或半劳动力 --reason 入户核实',
    '<%= config.bin %> edit member 140702199501011234 --move-to 1407020010010002 --set 与户主关系=配偶 --reason 婚嫁',
    '<%= config.bin %> edit member 140702195501011234 --status 死亡 --date 2024-03-15 --new-head 140702195807071222 --reason 户主去世',
  ];
  static override args = { idNo: Args.string({ description: '证件号码', required: true }) };
  static override flags = {
    ...editFlags,
    'move-to': Flags.string({ summary: '迁入另一户（户编号），如分户、婚嫁' }),
    status: Flags.string({ summary: '成员状态：死亡、迁出、其他、在册' }),
    date: Flags.string({ summary: '死亡、迁出的日期（与 --status 一起用）' }),
    'new-head': Flags.string({ summary: '户主死亡、迁出或换户时，原户的新户主（证件号码）' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(EditMember);
    const register = this.openRegister(flags.db);
    await this.runEdit(register, { kind: 'member', idNo: args.idNo }, flags, {
      moveTo: flags['move-to'],
      status: flags.status,
      date: flags.date,
      newHead: flags['new-head'],
    });
  }
}
