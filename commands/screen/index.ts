import { Flags } from '@oclif/core';
import { RULES } from '../../src/screening/rules/index.js';
import { runScreen } from '../../src/services/screen-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { parseAsOfFlag } from '../../src/ui/flags.js';
import { progressBar } from '../../src/ui/progress.js';
import { renderScreen } from '../../src/ui/render/screen.js';

export default class Screen extends FpjcCommand {
  static override summary = '集中排查：按排查规则筛查全县（或一个乡镇）农户，保存排查批次和预警线索';
  static override description = `按排查规则（五个必查、六个必核、四个必到等）逐户筛查，结果按乡镇汇总。
收入类规则使用收入年度（默认为排查基准日的上一年）及其上一年的收入，监测范围取排查基准日所在年度的标准（fpjc policy show）。
缺少数据无法判断的，单独列为“数据缺失”。重复运行同一批次会替换其预警线索，已导入的入户排查结果保留不变；
重复运行时排查基准日、收入年度、名称和乡镇沿用上次的设置（--township 全县 可改回全县）。
规则：${RULES.map((r) => `${r.id} ${r.name}（${r.category}）`).join('；')}。`;
  static override examples = [
    '<%= config.bin %> screen --campaign 2024Q2 --as-of 2024-05-01',
    '<%= config.bin %> screen --campaign 2024Q2 --name 2024年第二季度集中排查 --income-year 2023 --out 排查清单',
    '<%= config.bin %> screen --campaign 2024Q2 --township 金山镇 --rules R01,R02,R11 --dry-run',
    '<%= config.bin %> screen --campaign 2024Q2 --json',
  ];

  static override flags = {
    campaign: Flags.string({ summary: '排查批次编号，如 2024Q2', required: true }),
    name: Flags.string({ summary: '批次名称（默认如“2024年第二季度集中排查”）' }),
    'as-of': Flags.string({ summary: '排查基准日，格式 2024-05-01（默认今天，重复运行时沿用上次）' }),
    'income-year': Flags.integer({ summary: '收入年度（默认排查基准日的上一年）' }),
    rules: Flags.string({ summary: '只运行这些规则，逗号分隔，如 R01,R02,R11（默认全部）' }),
    township: Flags.string({ summary: '只排查这个乡镇（“全县”表示全县）' }),
    'dry-run': Flags.boolean({ summary: '只筛查并显示结果，不写入登记库' }),
    out: Flags.string({ summary: '同时生成排查清单（每村一个 .xlsx）到这个文件夹' }),
    by: Flags.string({ summary: '排查清单分文件方式（配合 --out）', options: ['county', 'township', 'village'] }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Screen);
    const register = this.openRegister(flags.db);
    const bar = progressBar('正在筛查', { json: this.jsonMode });
    let result: Awaited<ReturnType<typeof runScreen>>;
    try {
      result = await runScreen(register, {
        campaign: flags.campaign,
        name: flags.name,
        asOf: parseAsOfFlag(flags['as-of']),
        incomeYear: flags['income-year'],
        rules: flags.rules,
        township: flags.township,
        dryRun: flags['dry-run'],
        out: flags.out,
        by: flags.by as 'county' | 'township' | 'village' | undefined,
        operator: this.operator(flags.operator),
        listFindings: this.jsonMode,
        onProgress: (n) => bar.update(n),
      });
    } finally {
      bar.stop();
    }
    await this.outputStream(result, () => renderScreen(result));
  }
}
