import { Flags } from '@oclif/core';
import { dispatchAlerts } from '../../src/services/alerts-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderAlertsDispatch } from '../../src/ui/render/alerts.js';

export default class AlertsDispatch extends FpjcCommand {
  static override summary = '集中交办部门预警：生成各村预警核查反馈表，并把已匹配的“未交办”预警标为“已交办”';
  static override description =
    '按“部门筛查、集中交办、入户核查、结果反馈、跟踪盯办”的程序：每村一份预警核查反馈表（未核实的预警，留出核实结果、说明、核实人、日期各栏），' +
    '村里核实后交回，用 fpjc import alerts --results <文件> 导入。未匹配到登记库人员的预警按乡镇列出，可能是尚未登记的农户。';
  static override examples = [
    '<%= config.bin %> alerts dispatch',
    '<%= config.bin %> alerts dispatch --township 金山镇 --out 预警交办',
    '<%= config.bin %> alerts dispatch --dry-run --json',
  ];

  static override flags = {
    township: Flags.string({ summary: '只交办这个乡镇' }),
    out: Flags.string({ summary: '反馈表输出文件夹（默认登记库旁边的「报表」文件夹）' }),
    'dry-run': Flags.boolean({ summary: '只显示将交办的预警，不写入登记库，不生成反馈表' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(AlertsDispatch);
    const register = this.openRegister(flags.db);
    const result = await dispatchAlerts(register, {
      township: flags.township,
      out: flags.out,
      dryRun: flags['dry-run'],
      operator: this.operator(flags.operator),
    });
    this.output(result, () => renderAlertsDispatch(result));
  }
}
