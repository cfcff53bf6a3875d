import { listBackups } from '../../src/services/backup-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderBackupList } from '../../src/ui/render/backup.js';

export default class BackupList extends FpjcCommand {
  static override summary = '列出登记库的备份（自动备份和手动备份）';
  static override examples = ['<%= config.bin %> backup list', '<%= config.bin %> backup list --json'];

  async run(): Promise<void> {
    const { flags } = await this.parse(BackupList);
    const result = listBackups(flags.db);
    this.output(result, () => renderBackupList(result));
  }
}
