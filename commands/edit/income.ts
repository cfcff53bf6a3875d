import { Args, Flags } from '@oclif/core';
import { EditCommand } from '../../src/ui/edit-command.js';
import { editFlags } from '../../src/ui/edit-flags.js';

export default class EditIncome extends EditCommand {
  static override summary = '更正一户某年度的收支（工资性收入、合规自付支出等）';
  static override description =
    '字段用收支信息导入表的列名，新值与导入时一样检查；家庭纯收入、人均纯收入由各项收入算出，不能直接改。';
  static override examples = [
    '<%= config.bin %> edit income 1407020010010001 --year 2023 --set 工资性收入=12000 --reason 务工收入核实',
  ];
  static override args = { hhNo: Args.string({ description: '户编号', required: true }) };
  static override flags = { ...editFlags, year: Flags.integer({ summary: '年度', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(EditIncome);
    const register = this.openRegister(flags.db);
    await this.runEdit(register, { kind: 'income', hhNo: args.hhNo, year: flags.year }, flags);
  }
}
