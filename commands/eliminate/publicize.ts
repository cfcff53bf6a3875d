import { Flags } from '@oclif/core';
import { publicize } from '../../src/services/review-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderPublicize } from '../../src/ui/render/cases.js';
import { ELIMINATION } from '../../src/workflow/stages.js';

export default class EliminatePublicize extends FpjcCommand {
  static override summary = '开始村内公示：该村村级初审已通过的风险消除案件从同一天起公示，并生成公示名单';
  static override description =
    '公示天数取年度政策参数（风险消除公示天数，默认 7 天）。公示名单只列户主姓名、家庭人口数、消除方式、主要风险类型、公示起止日期和监督电话，' +
    '不含证件号码、手机号、银行账号和健康状况。监督电话用 fpjc policy set --supervision-phone 设置。';
  static override examples = [
    '<%= config.bin %> eliminate publicize --village 西沟村',
    '<%= config.bin %> eliminate publicize --township 东阳镇 --village 西沟村 --start 2024-06-05 --out 公示',
  ];

  static override flags = {
    village: Flags.string({ summary: '村' }),
    all: Flags.boolean({ summary: '全县（或 --township 乡镇）所有有待公示案件的村，各生成一份公示名单' }),
    township: Flags.string({ summary: '乡镇：不给 --village 时为该乡镇所有有待公示案件的村' }),
    start: Flags.string({ summary: '公示开始日期，默认今天' }),
    out: Flags.string({ summary: '公示名单输出文件夹（默认登记库旁边的「报表」文件夹）' }),
    templates: Flags.string({ summary: '使用这个文件夹里的模板' }),
    'dry-run': Flags.boolean({ summary: '只显示将公示的案件，不写入登记库，不生成公示名单' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminatePublicize);
    const register = this.openRegister(flags.db);
    const result = await publicize(register, ELIMINATION, {
      ...flags,
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderPublicize(result));
  }
}
