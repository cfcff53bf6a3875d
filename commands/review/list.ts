import { Flags } from '@oclif/core';
import { listCaseRecords } from '../../src/services/case-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { parseAsOfFlag } from '../../src/ui/flags.js';
import { renderCaseList } from '../../src/ui/render/cases.js';
import { IDENTIFICATION } from '../../src/workflow/stages.js';

export default class ReviewList extends FpjcCommand {
  static override summary = '识别案件清单：按环节、乡镇、村、状态查看，超过时限的案件单独标出';
  static override examples = [
    '<%= config.bin %> review list',
    '<%= config.bin %> review list --township 金山镇 --stage 乡镇审核',
    '<%= config.bin %> review list --overdue',
    '<%= config.bin %> review list --status 未通过 --json',
  ];

  static override flags = {
    stage: Flags.string({ summary: '只看待办该环节的案件：村提名|公示|乡镇审核|县级审定' }),
    township: Flags.string({ summary: '乡镇' }),
    village: Flags.string({ summary: '村' }),
    status: Flags.string({ summary: '状态：办理中|已认定|未通过' }),
    overdue: Flags.boolean({ summary: '只看从提名起超过时限（识别时限，见 fpjc policy show）仍未审定的案件' }),
    household: Flags.string({ summary: '只看这一户的案件' }),
    'as-of': Flags.string({ summary: '按这一天计算是否超时，默认今天' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ReviewList);
    const register = this.openRegister(flags.db);
    const result = listCaseRecords(register, IDENTIFICATION, { ...flags, asOf: parseAsOfFlag(flags['as-of']) });
    this.output(result, () => renderCaseList(result));
  }
}
