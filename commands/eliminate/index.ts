import { FpjcError } from '../../src/domain/errors.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { walkCases } from '../../src/ui/prompts/casework.js';
import { canPrompt, inquirerPrompter } from '../../src/ui/prompts/prompter.js';
import { ELIMINATION } from '../../src/workflow/stages.js';

export default class EliminateWalk extends FpjcCommand {
  static override summary = '逐案办理风险消除案件（在终端中提问）：选乡镇、村，逐户查看并办理当前环节';
  static override description =
    '只在终端中使用。脚本中请用 fpjc eliminate decide（一件）或 fpjc eliminate decide --file（一批）。子命令：check、propose、list、show、decide、publicize、rollback、visits、visit-record、mark-no-labour。';
  static override examples = [
    '<%= config.bin %> eliminate',
    '<%= config.bin %> eliminate --db 榆次区.db --operator 王丽',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminateWalk);
    if (!canPrompt(this.jsonMode)) {
      throw new FpjcError(
        'USAGE',
        '没有终端（或用了 --json）时不会提问。请用 fpjc eliminate decide <案件号> --stage <环节> --decision 通过|不通过 --opinion <意见> 办理一件，' +
          '或 fpjc eliminate decide --file <决定表.xlsx> 办理一批；用 fpjc eliminate list 查看待办案件。',
      );
    }
    const register = this.openRegister(flags.db);
    const r = await walkCases(register, ELIMINATION, inquirerPrompter(), this.operator(flags.operator));
    this.log(
      `共办理 ${r.decided.length} 件，跳过 ${r.skipped} 件${r.publicized ? `，开始公示 ${r.publicized} 户` : ''}。`,
    );
  }
}
