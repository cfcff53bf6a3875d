import type {
  CheckEntry,
  CheckResult,
  NoLabourResult,
  RollbackCandidate,
  RollbackResult,
  VisitRecordResult,
  VisitsResult,
} from '../../services/elimination-service.js';
import type { MeasureChange, MeasureListResult } from '../../services/measure-service.js';
import type { VisitBatchResult } from '../../services/visit-file.js';
import { renderFields, renderTable } from '../table.js';

/** Terminal views of measures, the elimination check, 风险回退 and 回访. */

const dryNote = (dry: boolean): string[] => (dry ? ['', '（试运行：以上为将要发生的变化，登记库未改动）'] : []);

export function renderMeasureChange(r: MeasureChange, what: string): string {
  const m = r.measure;
  return [
    `${what}帮扶措施 ${m.id}：户 ${m.户编号}（${m.乡镇}${m.村} ${m.户主姓名 ?? ''}）`,
    renderFields([
      ['类别', `${m.帮扶措施类别}${m.开发式 === '是' ? '（开发式）' : ''}`],
      ['内容', m.措施内容],
      ['受益成员', m.证件号码],
      ['金额（元）', m.金额],
      ['开始时间', m.开始时间],
      ['结束时间', m.结束时间],
      ['实施开发式帮扶措施情况', r.实施开发式帮扶措施情况],
    ]),
    ...dryNote(r.dryRun),
  ].join('\n');
}

export function renderMeasureList(r: MeasureListResult): string {
  const where = `${r.township ?? (r.household ? '' : '全县')}${r.village ?? ''}${r.household ? `户 ${r.household}` : ''}`;
  const out = [`${where}帮扶措施 ${r.total} 项，其中开发式 ${r.developmental} 项`];
  if (r.total === 0) return out.join('\n');
  out.push(
    renderTable(
      ['编号', '村', '户编号', '户主', '类别', '内容', '金额', '开始', '结束'],
      r.measures.map((m) => [
        m.id,
        m.村,
        m.户编号,
        m.户主姓名,
        m.帮扶措施类别,
        m.措施内容,
        m.金额,
        m.开始时间,
        m.结束时间,
      ]),
    ),
    '',
    `按类别：${Object.entries(r.byCategory)
      .map(([k, n]) => `${k} ${n}`)
      .join('，')}`,
  );
  return out.join('\n');
}

function checkRows(list: CheckEntry[], reasons: boolean): string[][] {
  return list.map((e) => [
    e.户编号,
    e.乡镇,
    e.村,
    e.户主姓名 ?? '',
    e.在办案件 ?? (e.应消未消 ? '应消未消' : ''),
    reasons ? e.reasons.join('；') : '',
  ]);
}

export function renderCheck(r: CheckResult, verbose = false): string {
  const out = [
    `${r.township ?? '全县'}${r.village ?? ''}风险消除评估（截至 ${r.asOf}，收入年度 ${r.incomeYear}，监测范围 ${r.incomeLine ?? '未设置'} 元，最短监测 ${r.minMonthsBeforeElimination} 个月）`,
    `符合条件 ${r.counts.eligible} 户（其中应消未消 ${r.counts.应消未消} 户），不符合条件 ${r.counts.ineligible} 户，暂不消除 ${r.counts.blocked} 户`,
  ];
  const section = (title: string, list: CheckEntry[], reasons: boolean) => {
    if (list.length === 0) return;
    out.push('', title, renderTable(['户编号', '乡镇', '村', '户主', '案件/提示', '理由'], checkRows(list, reasons)));
  };
  section('符合风险消除条件：', r.eligible, verbose);
  section('不符合条件：', r.ineligible, true);
  section('暂不标注风险消除（整户无劳动能力或兜底保障）：', r.blocked, true);
  if (r.counts.eligible > 0) {
    out.push('', '为符合条件的户立案：fpjc eliminate propose --all-eligible --method 帮扶消除 [--township 乡镇]');
  }
  return out.join('\n');
}

export function renderRollback(r: RollbackResult): string {
  return [
    `户 ${r.户编号} 已风险回退（${r.回退月份}），回到风险未消除的监测对象。`,
    renderFields([
      ['监测对象类别', r.监测对象类别],
      ['识别监测时间（保留）', r.识别监测时间],
      ['原风险消除时间', r.原风险消除时间],
      ['原风险消除方式', r.原风险消除方式],
      ['回退理由', r.reason],
    ]),
    ...dryNote(r.dryRun),
  ].join('\n');
}

export function renderRollbackCandidates(r: {
  asOf: string;
  incomeYear: number;
  candidates: RollbackCandidate[];
}): string {
  const out = [`风险回退候选 ${r.candidates.length} 条（截至 ${r.asOf}，收入年度 ${r.incomeYear}）`];
  if (r.candidates.length) {
    out.push(
      renderTable(
        ['户编号', '乡镇', '村', '规则', '情况'],
        r.candidates.map((c) => [c.户编号, c.乡镇, c.村, c.rule, c.evidence]),
      ),
      '',
      '核实后回退：fpjc eliminate rollback --household <户编号> --reason <理由>',
    );
  }
  return out.join('\n');
}

export function renderVisits(r: VisitsResult): string {
  const out = [
    `${r.township ?? '全县'}${r.village ?? ''}应回访 ${r.total} 户（${r.eliminatedBy} 及以前标注风险消除、满 ${r.visitAfterMonths} 个月，截至 ${r.asOf}）`,
  ];
  if (r.total === 0) return out.join('\n');
  out.push(
    renderTable(
      ['户编号', '乡镇', '村', '户主', '人口', '消除时间', '方式', '监测联系人', '上次回访'],
      r.households.map((h) => [
        h.户编号,
        h.乡镇,
        h.村,
        h.户主姓名,
        h.家庭人口数,
        h.风险消除时间,
        h.风险消除方式,
        h.监测联系人,
        h.上次回访 ? `${h.上次回访} ${h.上次回访结果 ?? ''}` : '',
      ]),
    ),
    '',
    '回访表：fpjc report visit-form；登记结果：fpjc eliminate visit-record --household <户编号> --result 稳定|出现新风险',
  );
  return out.join('\n');
}

export function renderVisitRecord(r: VisitRecordResult): string {
  const out = [
    r.unchanged
      ? `户 ${r.户编号} ${r.回访日期} 的回访结果「${r.回访结果}」已登记过，未改动。`
      : `已登记户 ${r.户编号} ${r.回访日期} 回访：${r.回访结果}。`,
  ];
  if (r.case) {
    out.push(
      `出现新风险，已按识别程序立案 ${r.case.案件号}（${r.case.类别 ?? ''}，${r.case.风险类型 ?? ''}），待办「${r.case.stage}」：fpjc review show ${r.case.案件号}`,
    );
  }
  return [...out, ...dryNote(r.dryRun)].join('\n');
}

export function renderVisitBatch(r: VisitBatchResult): string {
  const out = [
    `回访结果表「${r.file}」：登记 ${r.recorded} 户（稳定 ${r.stable} 户，出现新风险 ${r.newRisk} 户），已登记过未改动 ${r.unchanged} 户。`,
  ];
  if (r.cases.length) {
    out.push(
      renderTable(
        ['识别案件号', '户编号', '户主', '村', '风险类型'],
        r.cases.map((c) => [c.案件号, c.户编号, c.户主姓名, c.村, c.风险类型]),
      ),
    );
  }
  return [...out, ...dryNote(r.dryRun)].join('\n');
}

export function renderNoLabour(r: NoLabourResult): string {
  return [
    r.changed
      ? `户 ${r.户编号} ${r.是否整户无劳动能力兜底保障户 === '是' ? '已认定为' : '已取消'}整户无劳动能力兜底保障户（确认人 ${r.确认人}，${r.确认日期}）。`
      : `户 ${r.户编号} 的“是否整户无劳动能力兜底保障户”已是「${r.是否整户无劳动能力兜底保障户}」，未改动。`,
    ...dryNote(r.dryRun),
  ].join('\n');
}
