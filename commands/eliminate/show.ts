import { Args } from '@oclif/core';
import { showCase } from '../../src/services/case-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderCase } from '../../src/ui/render/cases.js';
import { ELIMINATION } from '../../src/workflow/stages.js';

export default class EliminateShow extends FpjcCommand {
  static override summary = '查看一个风险消除案件：消除方式、核实和公示日期、各环节的结论和意见';
  static override examples = [
    '<%= config.bin %> eliminate show XC2024-0001',
    '<%= config.bin %> eliminate show XC2024-0001 --json',
  ];
  static override args = { caseNo: Args.string({ description: '案件号，如 XC2024-0001', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(EliminateShow);
    const register = this.openRegister(flags.db);
    const result = showCase(register, ELIMINATION, args.caseNo);
    this.output(result, () => renderCase(result));
  }
}
