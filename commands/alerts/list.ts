import { Flags } from '@oclif/core';
import { ALERT_STATUSES, listDepartmentAlerts } from '../../src/services/alerts-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderAlertsList } from '../../src/ui/render/alerts.js';

export default class AlertsList extends FpjcCommand {
  static override summary = '列出部门预警线索：来源部门、状态、核实结果；未匹配到人的按乡镇列出（应纳尽纳）';
  static override examples = [
    '<%= config.bin %> alerts list --source 医保',
    '<%= config.bin %> alerts list --status 已交办 --township 金山镇',
    '<%= config.bin %> alerts list --unmatched --json',
  ];

  static override flags = {
    source: Flags.string({ summary: '来源部门，如 医保、民政、残联、住建、教育、人社、应急、水利、卫健、公安、信访' }),
    status: Flags.string({ summary: '状态', options: [...ALERT_STATUSES] }),
    unmatched: Flags.boolean({ summary: '只列未匹配到登记库人员的预警' }),
    township: Flags.string({ summary: '只列这个乡镇（未匹配的按预警中写的乡镇）' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(AlertsList);
    const register = this.openRegister(flags.db);
    const result = listDepartmentAlerts(register, {
      source: flags.source,
      status: flags.status,
      unmatched: flags.unmatched,
      township: flags.township,
    });
    this.output(result, () => renderAlertsList(result));
  }
}
