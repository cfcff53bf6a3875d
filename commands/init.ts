import { Flags } from '@oclif/core';
import { initRegister } from '../src/services/init-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { canPrompt, inquirerPrompter } from '../src/ui/prompts/prompter.js';
import { renderInit } from '../src/ui/render/init.js';

export default class Init extends FpjcCommand {
  static override summary = '创建新的登记库（一个县一个文件）';
  static override description = '在 --db 指定的位置创建登记库并写入县的基本信息。已存在的文件不会被改动（退出码 4）。';
  static override examples = [
    '<%= config.bin %> init --county-code 140702 --county-name 榆次区 --province 山西省 --year 2024',
    '<%= config.bin %> init --db D:\\防贫监测\\榆次区.db --county-code 140702 --county-name 榆次区 --income-line 8300',
  ];

  static override flags = {
    'county-code': Flags.string({ summary: '县级行政区划代码（6 位）', required: true }),
    'county-name': Flags.string({ summary: '县（市、区、旗）名称', required: true }),
    province: Flags.string({ summary: '省（自治区、直辖市）名称' }),
    year: Flags.integer({ summary: '当前工作年度（默认今年）' }),
    'income-line': Flags.string({ summary: '当前年度的监测范围（元/人/年），也可以之后用 fpjc policy set 设置' }),
    clerk: Flags.string({
      summary: '本县数据管理员姓名：不给 --operator 时作为经办人写入修改记录（在终端中不给会询问）',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Init);
    let clerk = flags.clerk;
    if (clerk === undefined && canPrompt(this.jsonMode)) {
      clerk = await inquirerPrompter().input('本县数据管理员姓名（作为修改记录的经办人，可留空）：', {
        default: process.env.FPJC_OPERATOR ?? '',
      });
    }
    const register = this.openRegister(flags.db, { create: true });
    const settings = initRegister(register, {
      clerk,
      countyCode: flags['county-code'],
      countyName: flags['county-name'],
      province: flags.province,
      year: flags.year,
      incomeLine: flags['income-line'],
      operator: this.operator(flags.operator, clerk),
    });
    this.output({ db: register.file, ...settings }, () => renderInit(register.file, settings));
  }
}
