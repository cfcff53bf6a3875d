import path from 'node:path';
import type { BackupList, BackupResult, RestoreResult } from '../../services/backup-service.js';
import { localTime as local } from '../local-time.js';
import { renderFields, renderTable } from '../table.js';

const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function renderBackup(r: BackupResult): string {
  return `已备份登记库：${r.file}（${size(r.bytes)}）。\n需要时用 fpjc restore "${r.file}" 恢复。`;
}

export function renderBackupList(r: BackupList): string {
  if (r.backups.length === 0) return `「${r.folder}」中还没有这个登记库的备份。用 fpjc backup 备份。`;
  return [
    `登记库「${r.register}」的备份（${r.folder}）：`,
    renderTable(
      ['时间', '类型', '大小', '文件'],
      r.backups.map((b) => [local(b.at), b.manual ? '手动备份' : `自动（${b.label}）`, size(b.bytes), b.name]),
    ),
    '恢复：fpjc restore <文件>（先加 --dry-run 查看）。',
  ].join('\n');
}

export function renderRestore(r: RestoreResult): string {
  const facts = renderFields([
    ['备份文件', r.file],
    ['县', r.county],
    ['户数', r.households],
    ['人数', r.members],
    ['修改记录', `${r.changeSets} 次${r.lastChange ? `，最后一次 ${local(r.lastChange)}` : ''}`],
  ]);
  if (r.dryRun) return `${facts}\n检查通过（试运行，登记库未改动）。去掉 --dry-run 并加 --yes 即可恢复。`;
  return `${facts}\n已从备份恢复登记库「${r.register}」。${r.snapshot ? `恢复前的登记库已保存为「${path.basename(r.snapshot)}」（在 fpjc-备份 文件夹中），可用 fpjc restore 恢复回来。` : ''}`;
}
