import { Args, Flags } from '@oclif/core';
import { undoChangeSet } from '../src/services/undo-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { renderUndo } from '../src/ui/render/edit.js';

export default class Undo extends FpjcCommand {
  static override summary = '撤销一次修改（一次导入、更正或审核办理），撤销本身也记入修改记录';
  static override description =
    '修改记录号用 fpjc history <证件号码|户编号> 查看。在一个事务中恢复该次修改前的值；之后又有修改改动了同样的记录时拒绝撤销（退出码 3），并列出那些修改，须先撤销它们。';
  static override examples = ['<%= config.bin %> undo 42 --dry-run', '<%= config.bin %> undo 42 --reason 导错了文件'];
  static override args = { changeSet: Args.string({ description: '修改记录号', required: true }) };
  static override flags = {
    reason: Flags.string({ summary: '撤销原因（写入修改记录）' }),
    backup: Flags.boolean({
      summary: '撤销前自动备份登记库（--no-backup 不备份）',
      default: true,
      allowNo: true,
    }),
    'dry-run': Flags.boolean({ summary: '只显示将要恢复的内容，不保存' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Undo);
    const register = this.openRegister(flags.db);
    const result = undoChangeSet(register, {
      changeSet: args.changeSet,
      operator: this.operator(flags.operator),
      reason: flags.reason,
      dryRun: flags['dry-run'],
      backup: flags.backup,
    });
    this.output(result, () => renderUndo(result));
  }
}
