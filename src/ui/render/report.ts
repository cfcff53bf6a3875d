import path from 'node:path';
import { formatCount } from '../../domain/normalize.js';
import { BY_NAMES, type ReportInfo, type ReportResult } from '../../services/report-service.js';
import { renderTable } from '../table.js';

const KIND_NAMES: Record<ReportInfo['kind'], string> = {
  list: '汇总表',
  'per-unit': '清单',
  'per-household': '每户一张',
};

export function renderReportList(reports: ReportInfo[]): string {
  const out: string[] = [];
  out.push(
    renderTable(
      ['编号', '名称', '类型', '范围选项', '默认分文件', '模板文件'],
      reports.map((r) => [
        r.id,
        r.title,
        KIND_NAMES[r.kind],
        r.options.filter((o) => !['--out', '--templates'].includes(o)).join(' '),
        BY_NAMES[r.defaultBy],
        r.template,
      ]),
    ),
  );
  out.push('');
  for (const r of reports) out.push(`${r.id}（${r.title}）：${r.description}。个人信息：${r.privacy}。`);
  out.push('');
  out.push(
    '用法：fpjc report <编号> [--township 乡镇] [--village 村] [--by county|township|village] [--out 文件夹]；自定义模板用 --templates 文件夹（写法见 docs/templates.md）。',
  );
  return out.join('\n');
}

const UNIT: Record<ReportInfo['kind'], string> = { list: '行', 'per-unit': '条', 'per-household': '户' };

export function renderReportResult(r: ReportResult): string {
  const out: string[] = [];
  const unit = UNIT[r.kind];
  if (r.files.length === 0) {
    out.push(`没有生成${r.title}：范围内没有需要列出的数据。`);
  } else if (r.files.length === 1) {
    const f = r.files[0]!;
    out.push(`已生成${r.title}（${f.rows.toLocaleString('en-US')} ${unit}）：${f.file}`);
  } else {
    const total = r.files.reduce((n, f) => n + f.rows, 0);
    out.push(
      `已生成${r.title} ${formatCount(r.files.length)} 个文件（共 ${total.toLocaleString('en-US')} ${unit}），保存在：${r.outDir}`,
    );
    const shown = r.files.slice(0, 15);
    for (const f of shown) out.push(`  ${path.basename(f.file)}  ${f.rows.toLocaleString('en-US')} ${unit}`);
    if (r.files.length > shown.length) out.push(`  ……另有 ${formatCount(r.files.length - shown.length)} 个文件`);
  }
  if (r.skipped > 0) out.push(`另有 ${formatCount(r.skipped)} 个乡镇或村没有数据，未生成文件。`);
  if (r.customTemplate) out.push(`使用自定义模板：${r.template}`);
  for (const n of r.notes) out.push(`注意：${n}`);
  return out.join('\n');
}
