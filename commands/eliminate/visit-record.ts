import { Flags } from '@oclif/core';
import { FpjcError } from '../../src/domain/errors.js';
import { visitRecord } from '../../src/services/elimination-service.js';
import { visitsFromFile } from '../../src/services/visit-file.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderVisitBatch, renderVisitRecord } from '../../src/ui/render/elimination.js';

export default class EliminateVisitRecord extends FpjcCommand {
  static override summary = '登记回访结果：稳定，或出现新风险（即按识别程序重新立案，原识别和消除记录保留）';
  static override description =
    '--file 读取回访结果表（户编号、回访日期、回访人、回访结果、说明、类别、风险类型各列），整表检查，有任何问题全部不登记（退出码 3）。';
  static override examples = [
    '<%= config.bin %> eliminate visit-record --household 1407020020010001 --date 2024-12-02 --result 稳定 --visitor 李回访',
    '<%= config.bin %> eliminate visit-record --household 1407020020010001 --result 出现新风险 --risk 因病 --note 户主突发重病',
    '<%= config.bin %> eliminate visit-record --file 金山镇回访结果.xlsx',
  ];
  static override flags = {
    household: Flags.string({ summary: '户编号', exclusive: ['file'] }),
    date: Flags.string({ summary: '回访日期（默认今天）' }),
    result: Flags.string({ summary: '回访结果：稳定|出现新风险' }),
    visitor: Flags.string({ summary: '回访人（默认经办人）' }),
    note: Flags.string({ summary: '说明' }),
    category: Flags.string({ summary: '出现新风险时：拟认定的监测对象类别（默认原类别）' }),
    risk: Flags.string({ summary: '出现新风险时：风险类型，多项用逗号分隔' }),
    file: Flags.string({ summary: '回访结果表（.xlsx/.csv）' }),
    errors: Flags.string({ summary: '回访结果表有问题时，问题清单写到这个文件（默认 <文件>.错误报告.xlsx）' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminateVisitRecord);
    const register = this.openRegister(flags.db);
    const operator = this.operator(flags.operator);
    if (flags.file) {
      const result = await visitsFromFile(register, {
        file: flags.file,
        operator,
        dryRun: flags['dry-run'],
        errors: flags.errors,
      });
      this.output(result, () => renderVisitBatch(result));
      return;
    }
    const missing = [!flags.household && '--household', !flags.result && '--result'].filter(Boolean);
    if (missing.length)
      throw new FpjcError('USAGE', `缺少 ${missing.join('、')}。一次登记多户请用 --file 回访结果表。`);
    const result = visitRecord(register, {
      household: flags.household!,
      date: flags.date,
      result: flags.result!,
      visitor: flags.visitor,
      note: flags.note,
      category: flags.category,
      risks: flags.risk,
      operator,
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderVisitRecord(result));
  }
}
