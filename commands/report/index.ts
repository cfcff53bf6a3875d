import { Args, Flags } from '@oclif/core';
import { listReports, runReport } from '../../src/services/report-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { parseAsOfFlag } from '../../src/ui/flags.js';
import { onInterrupt } from '../../src/ui/interrupt.js';
import { progressBar } from '../../src/ui/progress.js';
import { renderReportResult } from '../../src/ui/render/report.js';

export default class Report extends FpjcCommand {
  static override summary = '生成报表和正式表格（汇总表、台账、摸底排查表、预警反馈表、花名册）';
  static override description =
    '按 templates 文件夹中的 Excel 模板生成报表，保留模板的格式、合并单元格、列宽和打印设置。运行 fpjc report list 查看全部报表。' +
    '输出默认写到登记库旁边的「报表」文件夹；--by township|village 时每个乡镇或村一个文件（没有数据的乡镇或村不生成）。' +
    '县里可以复制模板修改样式和文字，放在一个文件夹中用 --templates 指定（占位符写法见 docs/templates.md）。';
  static override examples = [
    '<%= config.bin %> report summary --year 2024',
    '<%= config.bin %> report ledger --by village --out 台账',
    '<%= config.bin %> report survey-form --township 金山镇 --village 下头村',
    '<%= config.bin %> report alerts --by village',
    '<%= config.bin %> report roster --village 下头村 --out 下头村花名册.xlsx',
    '<%= config.bin %> report ledger --templates 本县模板 --json',
  ];

  static override args = {
    id: Args.string({
      description: `报表：${listReports()
        .map((r) => `${r.id}（${r.title}）`)
        .join('、')}`,
      required: true,
    }),
  };

  static override flags = {
    township: Flags.string({ summary: '只包括这个乡镇' }),
    village: Flags.string({ summary: '只包括这个村（重名时同时用 --township）' }),
    year: Flags.integer({ summary: '年度（汇总表的“当年”；摸底排查表预填上一年度的收入），默认统计日期所在年份' }),
    campaign: Flags.string({ summary: '排查批次，如 2024Q2（摸底排查表只出该批次排查出的户）' }),
    'as-of': Flags.string({ summary: '统计日期（三色预警、年龄按此计算），格式 2024-05-01，默认今天' }),
    by: Flags.string({
      summary: '分文件：county 一个文件，township 每个乡镇一个，village 每个村一个（默认见 report list）',
      options: ['county', 'township', 'village'],
    }),
    out: Flags.string({
      summary: '输出文件夹，或一个 .xlsx 文件（只生成一个文件时）。默认：登记库旁边的「报表」文件夹',
    }),
    templates: Flags.string({ summary: '自定义模板文件夹：其中与自带模板同名的 .xlsx 文件代替自带模板' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Report);
    const register = this.openRegister(flags.db);
    const progress = progressBar('生成报表', { json: this.jsonMode, total: 1, unit: '个文件' });
    // the unfinished temp files are removed on exit (src/reports/output.ts)
    const offInterrupt = onInterrupt('已中断：报表没有生成完，已写完的文件保留，没写完的临时文件已删除。', () =>
      progress.stop(),
    );
    let result: Awaited<ReturnType<typeof runReport>>;
    try {
      result = await runReport(
        register,
        {
          id: args.id,
          township: flags.township,
          village: flags.village,
          year: flags.year,
          campaign: flags.campaign,
          asOf: parseAsOfFlag(flags['as-of']),
          by: flags.by as 'county' | 'township' | 'village' | undefined,
          out: flags.out,
          templates: flags.templates,
          operator: this.operator(flags.operator),
        },
        (done, total) => progress.update(done, total),
      );
    } finally {
      offInterrupt();
      progress.stop();
    }
    this.output(result, () => renderReportResult(result));
  }
}
