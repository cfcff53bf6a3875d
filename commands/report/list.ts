import { listReports } from '../../src/services/report-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderReportList } from '../../src/ui/render/report.js';

export default class ReportList extends FpjcCommand {
  static override summary = '列出全部报表：编号、名称、范围选项、模板文件';
  static override examples = ['<%= config.bin %> report list', '<%= config.bin %> report list --json'];

  async run(): Promise<void> {
    await this.parse(ReportList);
    const reports = listReports();
    this.output({ reports }, () => renderReportList(reports));
  }
}
