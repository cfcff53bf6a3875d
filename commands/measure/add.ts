import { Flags } from '@oclif/core';
import { addMeasure } from '../../src/services/measure-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderMeasureChange } from '../../src/ui/render/elimination.js';

export default class MeasureAdd extends FpjcCommand {
  static override summary = '登记一项帮扶措施（开发式由类别判定：产业、就业、金融、公益岗位）';
  static override description =
    '登记后同步该户“实施开发式帮扶措施情况”：有正在实施的开发式措施即为“已实施”。批量登记请用 fpjc import measures。';
  static override examples = [
    '<%= config.bin %> measure add --household 1407020010010001 --category 产业帮扶 --content 肉牛养殖补贴 --amount 3000 --start 2024-03',
    '<%= config.bin %> measure add --household 1407020010010001 --category 健康帮扶 --content 家庭医生签约 --member 140702197003150013',
  ];
  static override flags = {
    household: Flags.string({ summary: '户编号', required: true }),
    category: Flags.string({
      summary:
        '措施类别：产业帮扶|就业帮扶|金融帮扶|公益岗位帮扶|健康帮扶|义务教育保障|教育帮扶|综合保障|住房安全保障|饮水安全保障|社会帮扶|搬迁|扶志扶智|其他',
      required: true,
    }),
    content: Flags.string({ summary: '措施内容（名称）', required: true }),
    member: Flags.string({ summary: '措施落实到人时，成员证件号码' }),
    amount: Flags.string({ summary: '金额（元）' }),
    start: Flags.string({ summary: '开始时间，如 2024-03 或 2024-03-15（默认今天）' }),
    end: Flags.string({ summary: '结束时间（已知时）' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(MeasureAdd);
    const register = this.openRegister(flags.db);
    const result = addMeasure(register, {
      ...flags,
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderMeasureChange(result, '已登记'));
  }
}
