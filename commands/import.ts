import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { IMPORT_ORDER, KIND_NAMES_CN } from '../src/domain/fields.js';
import {
  type ImportRequest,
  importFile,
  importFolder,
  importInterruptMessage,
  importTarget,
} from '../src/services/import-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { onInterrupt } from '../src/ui/interrupt.js';
import { progressBar } from '../src/ui/progress.js';
import { renderImport } from '../src/ui/render/import.js';

export default class Import extends FpjcCommand {
  static override summary =
    '导入 Excel/CSV 数据（全国系统导出的监测对象信息、务工信息，户、成员、收入、措施、预警、排查结果）';
  static override description =
    `数据类型可省略，程序按表头自动识别并说明依据；给一个文件夹则按 区划→户→成员→收入→措施→务工→预警 的顺序导入其中全部文件，
全部文件作为一次导入：任何一个文件有问题，所有文件都不导入。
默认“全部或全不”：任何一行有问题，整个文件都不导入（退出码 3），问题清单写到 <文件>.错误报告.xlsx。
重复导入同一文件不会产生任何修改记录；导入不会因空白单元格改变监测状态。
类型：${IMPORT_ORDER.map((k) => `${k}（${KIND_NAMES_CN[k]}）`).join('、')}；也可以写中文名称，如 家庭成员、户信息。`;
  static override examples = [
    '<%= config.bin %> import （自定义）监测对象信息.xlsx',
    '<%= config.bin %> import national 监测对象信息.xlsx --year 2023',
    '<%= config.bin %> import 户信息.xlsx',
    '<%= config.bin %> import members 家庭成员.xlsx --dry-run',
    '<%= config.bin %> import alerts 部门预警-医保.csv --encoding gbk',
    '<%= config.bin %> import alerts 核查反馈.xlsx --results',
    '<%= config.bin %> import D:\\数据\\2024年二季度 --skip-invalid',
  ];

  static override args = {
    kindOrFile: Args.string({ description: '数据类型（可省略）或文件/文件夹', required: true }),
    file: Args.string({ description: '文件（给了数据类型时）' }),
  };

  static override flags = {
    sheet: Flags.string({ summary: '只导入这个工作表（默认全部工作表）' }),
    encoding: Flags.string({ summary: 'CSV 编码（默认自动识别）', options: ['auto', 'utf8', 'gbk', 'gb18030'] }),
    'dry-run': Flags.boolean({ summary: '只检查并报告将会发生的修改，不写入' }),
    'skip-invalid': Flags.boolean({ summary: '导入没有问题的行，跳过有问题的行' }),
    errors: Flags.string({ summary: '问题清单的保存路径（默认 <文件>.错误报告.xlsx）' }),
    backup: Flags.boolean({ summary: '导入前自动备份登记库（--no-backup 不备份）', default: true, allowNo: true }),
    results: Flags.boolean({ summary: '导入的是预警核查结果（核实结果、说明、核实人、核实日期）' }),
    campaign: Flags.string({ summary: '入户排查结果所属的排查批次（导入 visits 时必填）' }),
    reason: Flags.string({ summary: '修改原因（写入修改记录）' }),
    'allow-id-change': Flags.boolean({
      summary:
        '人口编号（或户内姓名+出生日期）与已登记成员相同而证件号码不同的行，按更正证件号码办理（默认作为问题行拒绝）',
    }),
    year: Flags.integer({
      summary: '全国系统按人导出文件中收入列的年度（默认按表头上方的导出时间判断）',
      min: 2000,
      max: 2100,
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Import);
    const target = importTarget(args.kindOrFile, args.file);
    const register = this.openRegister(flags.db, { backup: flags.backup });
    const bar = progressBar(`正在导入 ${path.basename(target.path)}`, { json: this.jsonMode });
    const offInterrupt = onInterrupt(importInterruptMessage(target, flags['dry-run']), () => bar.stop());
    const request: Omit<ImportRequest, 'file'> = {
      kind: target.kind,
      sheet: flags.sheet,
      encoding: flags.encoding as ImportRequest['encoding'],
      dryRun: flags['dry-run'],
      skipInvalid: flags['skip-invalid'],
      errorsPath: flags.errors,
      backup: flags.backup,
      alertResults: flags.results,
      campaign: flags.campaign,
      operator: this.operator(flags.operator),
      reason: flags.reason,
      year: flags.year,
      allowIdChange: flags['allow-id-change'],
      onProgress: (n, total, estimated) => bar.update(n, total, estimated),
    };
    try {
      if (target.folder) {
        const folder = await importFolder(register, target.path, {
          ...request,
          onFile: (file, i, n) => bar.label(`正在导入 ${path.basename(file)}（第 ${i}/${n} 个文件）`),
        });
        bar.stop(); // the bar is cleared before anything is printed
        this.output(folder, () => renderImport(folder.files, folder.skipped, { campaign: flags.campaign }));
      } else {
        const result = await importFile(register, { ...request, file: target.path });
        bar.stop();
        if (result.detected) this.note(`已按表头识别为「${result.kindName}」(${result.kind})：${result.detected}。`);
        this.output(result, () => renderImport([result], [], { campaign: flags.campaign }));
      }
    } finally {
      offInterrupt();
      bar.stop();
    }
  }
}
