import { Flags } from '@oclif/core';
import { listMeasureRecords } from '../../src/services/measure-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { parseAsOfFlag } from '../../src/ui/flags.js';
import { renderMeasureList } from '../../src/ui/render/elimination.js';

export default class MeasureList extends FpjcCommand {
  static override summary = '帮扶措施清单：按乡镇、村、户、类别查看';
  static override examples = [
    '<%= config.bin %> measure list --household 1407020010010001',
    '<%= config.bin %> measure list --township 金山镇 --category 公益岗位帮扶 --active-on 2024-06-30 --json',
  ];
  static override flags = {
    township: Flags.string({ summary: '乡镇' }),
    village: Flags.string({ summary: '村' }),
    household: Flags.string({ summary: '户编号' }),
    category: Flags.string({ summary: '措施类别' }),
    'active-on': Flags.string({ summary: '只看这一天正在实施的措施' }),
    monitored: Flags.boolean({ summary: '只看风险未消除监测对象的措施' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(MeasureList);
    const register = this.openRegister(flags.db);
    const result = listMeasureRecords(register, {
      ...flags,
      activeOn: parseAsOfFlag(flags['active-on'], 'active-on'),
    });
    this.output(result, () => renderMeasureList(result));
  }
}
