import { Flags } from '@oclif/core';
import { writeDemoVisits } from '../../src/services/demo-visits-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';

export default class DemoVisits extends FpjcCommand {
  static override summary = '演示：为演示县的排查批次生成一份填好的入户排查结果（每户都已入户，少数建议纳入监测）';
  static override description =
    '生成的文件用 fpjc import visits <文件> --campaign <批次> 导入，再用 fpjc review add --from-campaign 立案。只用于演示和练习。';
  static override examples = ['<%= config.bin %> demo visits --campaign 2024Q2 --db demo-county/fpjc.db'];

  static override flags = {
    campaign: Flags.string({ summary: '排查批次', required: true }),
    out: Flags.string({ summary: '输出文件（默认登记库旁边的「<批次>入户排查结果.xlsx」）' }),
    date: Flags.string({ summary: '排查日期（默认批次的排查基准日）' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(DemoVisits);
    const register = this.openRegister(flags.db);
    const r = await writeDemoVisits(register, flags);
    this.output(r, () => `已生成入户排查结果：${r.file}（${r.rows} 户，建议纳入监测 ${r.proposed} 户）`);
  }
}
