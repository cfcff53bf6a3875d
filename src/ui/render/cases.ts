import { fpjcCommand } from '../../domain/command-hint.js';
import { formatCount } from '../../domain/normalize.js';
import type { CaseRecord, DecideAllResult, ListResult } from '../../services/case-service.js';
import type { BatchResult } from '../../services/decision-file.js';
import type { AddResult, PublicizeResult } from '../../services/review-service.js';
import { renderFields, renderTable } from '../table.js';

/** Terminal views of cases (识别 and 消除 alike). */

const dryNote = (dry: boolean): string[] => (dry ? ['', '（试运行：以上为将要发生的变化，登记库未改动）'] : []);

const statusText = (c: CaseRecord): string =>
  c.status === '办理中' ? `办理中（待${c.stage}）${c.overdue ? ` 已超时 ${c.overdue.days} 天` : ''}` : c.status;

export function renderCaseList(r: ListResult): string {
  const filters = [
    r.filter.township && `乡镇 ${r.filter.township}`,
    r.filter.village && `村 ${r.filter.village}`,
    r.filter.stage && `待${r.filter.stage}`,
    r.filter.status && r.filter.status,
    r.filter.overdue && '已超时',
  ].filter(Boolean);
  const out = [
    `${r.kind}案件 ${formatCount(r.total)} 件${filters.length ? `（${filters.join('，')}）` : ''}  截至 ${r.asOf}`,
  ];
  if (r.total === 0) return out.join('\n');
  const second = r.kind === '识别' ? '类别' : '方式';
  out.push(
    renderTable(
      ['案件号', '乡镇', '村', '户编号', '户主', second, '风险类型', '立案', '状态'],
      r.cases.map((c) => [
        c.案件号,
        c.乡镇,
        c.村,
        c.户编号,
        c.户主姓名,
        r.kind === '识别' ? c.类别 : c.风险消除方式,
        c.风险类型,
        c.opened,
        statusText(c),
      ]),
    ),
  );
  const waiting = Object.entries(r.byStage)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `待${s} ${formatCount(n)} 件`);
  if (waiting.length) out.push('', `办理中：${waiting.join('，')}`);
  if (r.overdueCount > 0)
    out.push(`超过时限（从提名到县级审定）的案件 ${formatCount(r.overdueCount)} 件，用 --overdue 只看这些。`);
  return out.join('\n');
}

export function renderCase(c: CaseRecord & { dryRun?: boolean }): string {
  const out = [
    `${c.kind}案件 ${c.案件号}  户编号 ${c.户编号}  ${c.乡镇}${c.村}  户主 ${c.户主姓名 ?? ''}`,
    renderFields([
      ['状态', statusText(c)],
      ['来源', [c.source, c.sourceRef].filter(Boolean).join(' ')],
      ['立案日期', c.opened],
      ['监测对象类别', c.类别],
      ['风险类型', c.风险类型 ? `${c.风险类型}${c.因自然灾害子项 ? `（${c.因自然灾害子项}）` : ''}` : null],
      ['风险消除方式', c.风险消除方式],
      ['入户核实', c.入户核实日期],
      ['承诺授权', c.承诺授权日期],
      ['民主评议', c.民主评议日期],
      ['公示', c.公示开始 ? `${c.公示开始} 至 ${c.公示结束}` : null],
      ['办结日期', c.closed],
      ['研判结果', c.研判结果],
      ['说明', c.说明],
    ]),
  ];
  if (c.decisions.length) {
    out.push(
      '',
      renderTable(
        ['环节', '结论', '意见', '经办人', '日期'],
        c.decisions.map((d) => [d.stage, d.decision, d.opinion, d.operator, d.date]),
      ),
    );
  }
  return [...out, ...dryNote(Boolean(c.dryRun))].join('\n');
}

export function renderCaseAdd(r: AddResult): string {
  const out = [
    `立案 ${formatCount(r.opened.length)} 件${r.skipped.length ? `，未立案 ${formatCount(r.skipped.length)} 户` : ''}`,
  ];
  if (r.opened.length) {
    out.push(
      renderTable(
        ['案件号', '乡镇', '村', '户编号', '户主', '类别/方式', '风险类型', '待办环节'],
        r.opened.map((c) => [
          c.案件号,
          c.乡镇,
          c.村,
          c.户编号,
          c.户主姓名,
          c.kind === '消除' ? c.风险消除方式 : c.类别,
          c.风险类型,
          c.stage,
        ]),
      ),
    );
  }
  if (r.skipped.length) {
    out.push(
      '',
      renderTable(
        ['户编号', '未立案原因'],
        r.skipped.map((s) => [s.户编号, s.reason]),
      ),
    );
  }
  return [...out, ...dryNote(r.dryRun)].join('\n');
}

export function renderBatch(r: BatchResult): string {
  const done = r.cases.filter((c) => c.status !== '办理中').length;
  const out = [
    `决定表「${r.file}」：办理 ${formatCount(r.applied)} 条决定，涉及 ${formatCount(r.cases.length)} 个案件，其中办结 ${formatCount(done)} 件（县级审定通过 ${formatCount(r.completed)} 件）。`,
  ];
  if (r.cases.length) {
    out.push(
      renderTable(
        ['案件号', '户编号', '户主', '村', '状态'],
        r.cases.map((c) => [c.案件号, c.户编号, c.户主姓名, c.村, statusText(c)]),
      ),
    );
  }
  return [...out, ...dryNote(r.dryRun)].join('\n');
}

export function renderPublicize(r: PublicizeResult): string {
  const out = [
    `${r.township ?? '全县'}${r.village ?? ''}${r.kind}公示：${formatCount(r.villages.length)} 个村 ${formatCount(r.cases.length)} 户，${r.start} 至 ${r.end}（${r.days} 天）`,
    renderTable(
      ['案件号', '乡镇', '村', '户编号', '户主', r.kind === '识别' ? '类别' : '方式'],
      r.cases.map((c) => [c.案件号, c.乡镇, c.村, c.户编号, c.户主姓名, r.kind === '识别' ? c.类别 : c.风险消除方式]),
    ),
  ];
  for (const f of r.report?.files ?? []) out.push(`公示名单：${f.file}`);
  out.push(
    `公示期满（${r.end} 之后）无异议，即可办理「公示」环节：${fpjcCommand(`${r.kind === '识别' ? 'review' : 'eliminate'} decide <案件号> --stage 公示 --decision 通过`)}`,
  );
  return [...out, ...dryNote(r.dryRun)].join('\n');
}

export function renderDecideAll(r: DecideAllResult): string {
  const out = [
    `${r.township ?? '全县'}${r.village ?? ''}：${formatCount(r.applied)} 件「${r.stage}」${r.decision}${r.completed ? `，其中 ${formatCount(r.completed)} 件县级审定通过` : ''}。`,
    renderTable(
      ['案件号', '户编号', '户主', '村', '状态'],
      r.cases.map((c) => [c.案件号, c.户编号, c.户主姓名, c.村, statusText(c)]),
    ),
  ];
  return [...out, ...dryNote(r.dryRun)].join('\n');
}
