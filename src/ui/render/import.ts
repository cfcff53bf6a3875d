import { fpjcCommand, quoteArg } from '../../domain/command-hint.js';
import type { RowProblem } from '../../domain/errors.js';
import { formatCount } from '../../domain/normalize.js';
import type { FolderImportSummary, ImportSummary } from '../../services/import-service.js';
import { renderTable } from '../table.js';

export function renderProblems(problems: readonly RowProblem[], total: number, limit = 20): string {
  const lines = problems
    .slice(0, limit)
    .map(
      (p) =>
        `  ${p.sheet ? `[${p.sheet}] ` : ''}第 ${p.row} 行「${p.column}」${p.value ? `${p.value}：` : '：'}${p.message}`,
    );
  if (total > limit) lines.push(`  …… 另有 ${formatCount(total - limit)} 处问题，见错误报告`);
  return lines.join('\n');
}

export function renderImport(
  results: readonly ImportSummary[],
  skipped: FolderImportSummary['skipped'] = [],
  context: { campaign?: string | undefined } = {},
): string {
  const out: string[] = [];
  const dry = results.some((r) => r.dryRun);
  out.push(
    renderTable(
      ['文件', '类型', '新增', '更新', '未变', '迁移', '拒绝'],
      results.map((r) => [shortName(r.file), r.kindName, r.inserted, r.updated, r.unchanged, r.moved, r.rejected]),
      { title: dry ? '试导入（--dry-run，未写入登记库）' : '导入结果' },
    ),
  );
  for (const r of results) {
    const records = Object.entries(r.records);
    if (records.length > 1 || (records.length === 1 && records[0]![0] !== r.kindName)) {
      out.push(
        `${shortName(r.file)}：${records.map(([name, c]) => `${name} 新增 ${formatCount(c!.inserted)}、更新 ${formatCount(c!.updated)}、未变 ${formatCount(c!.unchanged)}`).join('；')}`,
      );
    }
    if (r.incomeYear) out.push(`${shortName(r.file)}：收入为 ${r.incomeYear.year} 年度（${r.incomeYear.how}）`);
    if (r.notVisited) out.push(`${shortName(r.file)}：${formatCount(r.notVisited)} 户结果栏为空，视为尚未入户，已跳过`);
    if (r.monitoringChangeCount) {
      out.push(
        `${shortName(r.file)}：监测状态变化 ${formatCount(r.monitoringChangeCount)} 户${r.dryRun ? '（试导入，未写入）' : ''}：`,
      );
      out.push(
        ...r.monitoringChanges.slice(0, 20).map((c) => `  户编号 ${c.户编号}：${c.说明}`),
        ...(r.monitoringChangeCount > 20
          ? [`  …… 另有 ${formatCount(r.monitoringChangeCount - 20)} 户，用 --json 查看全部`]
          : []),
      );
    }
    const ids = r.idCorrections ?? [];
    // only applied ones are listed here; refused ones are row problems with their own message
    if (ids.length && r.problemCount === 0) {
      out.push(`${shortName(r.file)}：更正证件号码 ${ids.length} 人${r.dryRun ? '（试导入，未写入）' : ''}：`);
      out.push(
        ...ids
          .slice(0, 20)
          .map((c) => `  户编号 ${c.户编号} ${c.姓名}：${c.原证件号码} → ${c.新证件号码}（按${c.依据}认定为同一人）`),
        ...(ids.length > 20 ? [`  …… 另有 ${ids.length - 20} 人，用 --json 查看全部`] : []),
      );
    }
    if (r.unknownColumns.length) out.push(`${shortName(r.file)}：以下列不认识，已忽略：${r.unknownColumns.join('、')}`);
    if (r.problemCount) {
      out.push(
        `${shortName(r.file)}：${formatCount(r.rejected)} 行有问题未导入（共 ${formatCount(r.problemCount)} 处）：`,
      );
      out.push(renderProblems(r.problems, r.problemCount));
      if (r.errorReport) out.push(`问题清单：${r.errorReport}`);
    }
    if (r.unmatchedAlerts?.length) {
      out.push(
        `${shortName(r.file)}：${formatCount(r.unmatchedAlerts.length)} 条预警在登记库中找不到对应的人（可能是尚未建档的农户，应纳尽纳），用 ${fpjcCommand('alerts list --unmatched')} 查看。`,
      );
    }
  }
  for (const s of skipped) out.push(`跳过「${shortName(s.file)}」：${s.reason}`);
  const snapshot = results.find((r) => r.snapshot)?.snapshot;
  if (snapshot)
    out.push(`导入前的登记库已自动备份：${snapshot}（需要时用 ${fpjcCommand(`restore ${quoteArg(snapshot)}`)} 恢复）`);
  const next = nextStep(results, context.campaign);
  if (next) out.push(next);
  return out.join('\n');
}

/** Where a clerk goes after a successful import (nothing after a dry run or a refused file). */
function nextStep(results: readonly ImportSummary[], campaign: string | undefined): string | undefined {
  if (results.length === 0 || results.some((r) => r.dryRun || (r.problemCount > 0 && r.rejected === r.rows))) {
    return undefined;
  }
  if (results.some((r) => r.kind === 'visits')) {
    const c = campaign ?? '<批次>';
    return `下一步：${fpjcCommand(`screen status --campaign ${c}`)} 查看排查进度；${fpjcCommand(`review add --from-campaign ${c}`)} 把建议纳入监测的户转入识别认定。`;
  }
  if (results.some((r) => r.kind === 'alerts')) {
    return `下一步：${fpjcCommand('alerts dispatch')} 把预警线索交办到村核实。`;
  }
  return `下一步：${fpjcCommand('status')} 查看登记库概况；${fpjcCommand('screen --campaign <批次编号，如 2024Q2>')} 开展集中排查。`;
}

function shortName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}
