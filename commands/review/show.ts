import { Args } from '@oclif/core';
import { showCase } from '../../src/services/case-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderCase } from '../../src/ui/render/cases.js';
import { IDENTIFICATION } from '../../src/workflow/stages.js';

export default class ReviewShow extends FpjcCommand {
  static override summary = '查看一个识别案件：来源、核实和公示日期、各环节的结论和意见';
  static override examples = [
    '<%= config.bin %> review show SB2024-0001',
    '<%= config.bin %> review show SB2024-0001 --json',
  ];
  static override args = { caseNo: Args.string({ description: '案件号，如 SB2024-0001', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ReviewShow);
    const register = this.openRegister(flags.db);
    const result = showCase(register, IDENTIFICATION, args.caseNo);
    this.output(result, () => renderCase(result));
  }
}
