import { Args, Flags } from '@oclif/core';
import { FpjcError } from '../src/domain/errors.js';
import { restoreRegister } from '../src/services/backup-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { canPrompt, inquirerPrompter } from '../src/ui/prompts/prompter.js';
import { renderRestore } from '../src/ui/render/backup.js';

export default class Restore extends FpjcCommand {
  static override summary = '从备份恢复登记库（先检查备份，并把当前登记库另存为“恢复前”备份）';
  static override description =
    '备份文件先经过完整性和结构检查，旧版本的备份会升级到本版本的结构；当前登记库的全部内容被备份中的内容替换，替换前的登记库自动保存在 fpjc-备份 文件夹中，可以再恢复回来。';
  static override examples = [
    '<%= config.bin %> backup list',
    '<%= config.bin %> restore fpjc-备份\\登记库-20240501-093000-导入前.db --dry-run',
    '<%= config.bin %> restore D:\\备份\\登记库-2024年5月.db --yes',
  ];
  static override args = {
    file: Args.string({
      description: '备份文件（fpjc backup list 中列出的文件，或 fpjc backup 生成的文件）',
      required: true,
    }),
  };
  static override flags = {
    'dry-run': Flags.boolean({ summary: '只检查备份并说明将恢复的内容，不改动登记库' }),
    yes: Flags.boolean({ summary: '不再询问，直接恢复（脚本中必须给出）' }),
    reason: Flags.string({ summary: '恢复原因（写入修改记录）' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Restore);
    const register = this.openRegister(flags.db);
    const request = { file: args.file, operator: this.operator(flags.operator), reason: flags.reason };
    if (!flags['dry-run'] && !flags.yes) {
      const check = restoreRegister(register, { ...request, dryRun: true });
      if (!canPrompt(this.jsonMode)) {
        throw new FpjcError('USAGE', '恢复会替换登记库的全部内容：请加 --yes 确认（或先加 --dry-run 查看）。');
      }
      this.note(renderRestore(check));
      const ok = await inquirerPrompter().confirm('用这个备份替换当前登记库的全部内容？', false);
      if (!ok) {
        this.note('已取消，登记库未改动。');
        return;
      }
    }
    const result = restoreRegister(register, { ...request, dryRun: flags['dry-run'] });
    this.output(result, () => renderRestore(result));
  }
}
