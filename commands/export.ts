import { Args, Flags } from '@oclif/core';
import type { ImportKind } from '../src/domain/fields.js';
import { exportKind } from '../src/services/export-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';

const KINDS = ['regions', 'households', 'members', 'incomes', 'measures', 'alerts'];

export default class Export extends FpjcCommand {
  static override summary = '按导入格式导出登记库数据（xlsx 或 csv），导出后再导入不会产生任何修改';
  static override examples = [
    '<%= config.bin %> export households --out 户信息.xlsx',
    '<%= config.bin %> export members --township 金山镇 --out 金山镇成员.csv',
    '<%= config.bin %> export members --village 下头村 --out 下头村成员.csv --encoding gbk',
  ];
  static override args = {
    kind: Args.string({ description: `数据类型：${KINDS.join('、')}`, required: true, options: KINDS }),
  };
  static override flags = {
    out: Flags.string({ summary: '输出文件（.xlsx 或 .csv）', required: true }),
    township: Flags.string({ summary: '只导出这个乡镇' }),
    village: Flags.string({ summary: '只导出这个村' }),
    encoding: Flags.string({ summary: 'CSV 编码（默认 utf8 带 BOM）', options: ['utf8', 'gbk'] }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Export);
    const register = this.openRegister(flags.db);
    const result = await exportKind(register, {
      kind: args.kind as ImportKind,
      out: flags.out,
      scope: { township: flags.township, village: flags.village },
      encoding: flags.encoding as 'utf8' | 'gbk' | undefined,
    });
    this.output(result, () => `已导出 ${result.rows.toLocaleString('en-US')} 行到「${result.file}」。`);
  }
}
