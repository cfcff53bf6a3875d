import { Args } from '@oclif/core';
import { EditCommand } from '../../src/ui/edit-command.js';
import { editFlags } from '../../src/ui/edit-flags.js';

export default class EditHousehold extends EditCommand {
  static override summary = '更正一户的信息（户类型、联系电话、三保障和饮水情况等）';
  static override description =
    '字段用户信息导入表的列名，新值与导入时一样检查。监测状态（监测对象类别、风险类型、风险消除）只能按识别、风险消除程序办理，不在这里改。' +
    '在终端中不带 --set 运行时，显示该户信息并逐项提问。';
  static override examples = [
    '<%= config.bin %> edit household 1407020010010001 --set 联系电话=13800001111 --reason 电话变更',
    '<%= config.bin %> edit household 1407020010010001 --set 是否住房出现安全问题=否 --reason 危房改造完成',
  ];
  static override args = { hhNo: Args.string({ description: '户编号', required: true }) };
  static override flags = editFlags;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(EditHousehold);
    const register = this.openRegister(flags.db);
    await this.runEdit(register, { kind: 'household', hhNo: args.hhNo }, flags);
  }
}
