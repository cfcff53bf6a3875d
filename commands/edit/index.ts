import { Flags } from '@oclif/core';
import { FpjcError } from '../../src/domain/errors.js';
import { editFromFile } from '../../src/services/edit-file.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderEditFile } from '../../src/ui/render/edit.js';

export default class Edit extends FpjcCommand {
  static override summary = '按更正清单一次更正一批数据（全部办理或全部不办理）';
  static override description =
    '更正清单每行一项：证件号码（改成员）或户编号（改户；加年度则改收支）、字段、原值、新值、原因。' +
    '每行的新值与导入时一样检查；原值与登记库现值不符（表格做好后又被改过）的行拒绝。任何一行有问题，整张清单都不办理（退出码 3），' +
    '问题按行列出并写入错误报告。每行单独记入修改记录，可逐行撤销。单项更正用 fpjc edit member|household|income。';
  static override examples = [
    '<%= config.bin %> edit --file 更正清单.xlsx',
    '<%= config.bin %> edit --file 更正清单.xlsx --dry-run',
  ];
  static override flags = {
    file: Flags.string({ summary: '更正清单（.xlsx 或 .csv）' }),
    errors: Flags.string({ summary: '错误报告写到哪里（默认 <清单>.错误报告.xlsx）' }),
    backup: Flags.boolean({
      summary: '按清单更正前自动备份登记库（--no-backup 不备份）',
      default: true,
      allowNo: true,
    }),
    'dry-run': Flags.boolean({ summary: '只检查，不保存' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Edit);
    if (!flags.file) {
      throw new FpjcError(
        'USAGE',
        '请用 --file 给出更正清单，或用 fpjc edit member <证件号码>、fpjc edit household <户编号>、fpjc edit income <户编号> --year <年度> 更正单项。',
      );
    }
    const register = this.openRegister(flags.db);
    const result = await editFromFile(register, {
      file: flags.file,
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
      backup: flags.backup,
      errors: flags.errors,
    });
    this.output(result, () => renderEditFile(result));
  }
}
