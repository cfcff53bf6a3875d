import { Flags } from '@oclif/core';
import { backupRegister } from '../../src/services/backup-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderBackup } from '../../src/ui/render/backup.js';

export default class Backup extends FpjcCommand {
  static override summary = '备份登记库（登记库正在使用时也能得到完整一致的副本）';
  static override description =
    '默认保存到登记库旁边的「fpjc-备份」文件夹，文件名含本地时间和“手动备份”；手动备份不会被自动清理。导入、恢复、撤销前程序还会自动备份（见 fpjc backup list）。';
  static override examples = [
    '<%= config.bin %> backup',
    '<%= config.bin %> backup --out D:\\备份\\登记库-2024年5月.db',
    '<%= config.bin %> backup --out E:\\U盘备份',
  ];
  static override flags = {
    out: Flags.string({ summary: '备份文件（.db）或文件夹（默认登记库旁的 fpjc-备份 文件夹）' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Backup);
    const register = this.openRegister(flags.db);
    const result = backupRegister(register, { out: flags.out });
    this.output(result, () => renderBackup(result));
  }
}
