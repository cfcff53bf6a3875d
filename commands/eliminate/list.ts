import { Flags } from '@oclif/core';
import { listCaseRecords } from '../../src/services/case-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderCaseList } from '../../src/ui/render/cases.js';
import { ELIMINATION } from '../../src/workflow/stages.js';

export default class EliminateList extends FpjcCommand {
  static override summary = '风险消除案件清单：按环节、乡镇、村、状态查看';
  static override examples = [
    '<%= config.bin %> eliminate list',
    '<%= config.bin %> eliminate list --township 金山镇 --stage 乡镇审核',
    '<%= config.bin %> eliminate list --status 未通过 --json',
  ];

  static override flags = {
    stage: Flags.string({ summary: '只看待办该环节的案件：村级初审|公示|乡镇审核|县级审定' }),
    township: Flags.string({ summary: '乡镇' }),
    village: Flags.string({ summary: '村' }),
    status: Flags.string({ summary: '状态：办理中|已消除|未通过' }),
    household: Flags.string({ summary: '只看这一户的案件' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminateList);
    const register = this.openRegister(flags.db);
    const result = listCaseRecords(register, ELIMINATION, flags);
    this.output(result, () => renderCaseList(result));
  }
}
