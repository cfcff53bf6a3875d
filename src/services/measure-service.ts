import { FpjcError } from '../domain/errors.js';
import { parseDateOrMonth, parseMoney } from '../domain/normalize.js';
import { isDevelopmental, matchVocab } from '../domain/vocab.js';
import { ChangeLog } from '../register/audit.js';
import type { Db, Register } from '../register/connection.js';
import { setHouseholdColumn } from '../register/elimination-repo.js';
import {
  activeDevelopmental,
  endMeasure,
  insertMeasure,
  listMeasures,
  type MeasureRow,
  measureById,
  sameMeasure,
} from '../register/measures-repo.js';
import { requireMonitoringState, today, writeAll } from './case-service.js';
import { resolveScopeFilter } from './screen-service.js';

/**
 * `fpjc measure add|list|end` (SPEC §8): 帮扶措施 one at a time, the 开发式 mark derived from the
 * 类别, and the household's 实施开发式帮扶措施情况 kept in step: 已实施 while a 开发式 measure
 * runs, 尚未实施 when the last one ends.
 */

export interface MeasureRecord {
  id: number;
  户编号: string;
  乡镇: string;
  村: string;
  户主姓名: string | null;
  证件号码: string | null;
  帮扶措施类别: string;
  开发式: '是' | '否';
  措施内容: string;
  金额: number | null;
  开始时间: string | null;
  结束时间: string | null;
}

export const toMeasureRecord = (m: MeasureRow): MeasureRecord => ({
  id: m.id,
  户编号: m.hhNo,
  乡镇: m.township,
  村: m.village,
  户主姓名: m.headName,
  证件号码: m.memberIdNo || null,
  帮扶措施类别: m.category,
  开发式: m.developmental === 1 ? '是' : '否',
  措施内容: m.content,
  金额: m.amount,
  开始时间: m.startDate || null,
  结束时间: m.endDate || null,
});

export function parseMeasureCategory(raw: string, flag = '--category'): string {
  const m = matchVocab('measureCategory', raw);
  if (!m.ok) throw new FpjcError('USAGE', `${flag}「${raw}」不对：${m.message}`);
  return m.value;
}

function day(raw: string, flag: string): string {
  const r = parseDateOrMonth(raw);
  if (!r.ok)
    throw new FpjcError('USAGE', `${flag}「${raw}」不是有效日期：${r.message}。格式如 2024-06-01 或 2024-06。`);
  return r.value;
}

/** 实施开发式帮扶措施情况 after a change of the household's measures, on `on`. */
function syncDevStatus(db: Db, log: ChangeLog, hhNo: string, on: string): string | null {
  const running = activeDevelopmental(db, hhNo, on) > 0;
  const current = db.prepare('SELECT dev_measure_status FROM households WHERE hh_no = ?').pluck().get(hhNo) as
    | string
    | null;
  const next = running ? '已实施' : current === '已实施' ? '尚未实施' : current;
  setHouseholdColumn(db, log, hhNo, 'dev_measure_status', next);
  return next;
}

export interface MeasureChange {
  measure: MeasureRecord;
  实施开发式帮扶措施情况: string | null;
  dryRun: boolean;
}

export function addMeasure(
  register: Register,
  req: {
    household: string;
    category: string;
    content: string;
    member?: string | undefined;
    amount?: string | undefined;
    start?: string | undefined;
    end?: string | undefined;
    operator: string;
    dryRun?: boolean | undefined;
    now?: string | undefined;
  },
): MeasureChange {
  const now = req.now ?? today();
  const hhNo = req.household.trim();
  const category = parseMeasureCategory(req.category);
  const content = req.content.trim();
  if (!content)
    throw new FpjcError('USAGE', '--content 不能为空：写明措施名称，如「光伏收益分红」「公益性岗位（保洁员）」。');
  let amount: number | null = null;
  if (req.amount !== undefined) {
    const a = parseMoney(req.amount);
    if (!a.ok) throw new FpjcError('USAGE', `--amount「${req.amount}」不对：${a.message}`);
    amount = a.value;
  }
  const startDate = req.start ? day(req.start, '--start') : now;
  const endDate = req.end ? day(req.end, '--end') : null;
  if (endDate && endDate < startDate) {
    throw new FpjcError('USAGE', `--end ${endDate} 早于 --start ${startDate}，请核对日期。`);
  }
  const { db } = register;
  requireMonitoringState(db, hhNo);
  const memberIdNo = req.member?.trim().toUpperCase() ?? '';
  if (memberIdNo) {
    const owner = db.prepare('SELECT hh_no FROM members WHERE id_no = ?').pluck().get(memberIdNo) as string | undefined;
    if (owner !== hhNo) {
      throw new FpjcError(
        'REFUSED',
        `证件号码 ${memberIdNo} ${owner ? `是户 ${owner} 的成员` : '不在登记库中'}，不是户 ${hhNo} 的成员。请核对 --member。`,
      );
    }
  }
  const m = {
    hhNo,
    memberIdNo,
    category,
    developmental: isDevelopmental(category),
    content,
    amount,
    startDate,
    endDate,
  };
  return writeAll(register, Boolean(req.dryRun), () => {
    const dup = sameMeasure(db, m);
    if (dup) {
      throw new FpjcError(
        'REFUSED',
        `户 ${hhNo} 已有同一措施（编号 ${dup.id}：${category}「${content}」，${startDate} 开始），不必重复登记。用 fpjc measure list --household ${hhNo} 查看。`,
      );
    }
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'measure add',
      reason: `${category}：${content}`,
    });
    const id = insertMeasure(db, log, m);
    const status = syncDevStatus(db, log, hhNo, now);
    return {
      measure: toMeasureRecord(measureById(db, id)!),
      实施开发式帮扶措施情况: status,
      dryRun: Boolean(req.dryRun),
    };
  });
}

export function endMeasureById(
  register: Register,
  req: {
    id: number;
    date?: string | undefined;
    reason?: string | undefined;
    operator: string;
    dryRun?: boolean;
    now?: string;
  },
): MeasureChange {
  const now = req.now ?? today();
  const { db } = register;
  const m = measureById(db, req.id);
  if (!m)
    throw new FpjcError(
      'NOT_FOUND',
      `没有编号为 ${req.id} 的帮扶措施。用 fpjc measure list --household <户编号> 查看编号。`,
    );
  const endDate = req.date ? day(req.date, '--date') : now;
  if (m.endDate) {
    throw new FpjcError(
      'REFUSED',
      `措施 ${m.id}（${m.category}「${m.content}」）已于 ${m.endDate} 结束，不必再次结束。`,
    );
  }
  if (m.startDate && endDate < m.startDate) {
    throw new FpjcError('USAGE', `结束日期 ${endDate} 早于措施的开始时间 ${m.startDate}，请核对 --date。`);
  }
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'measure end',
      reason: req.reason?.trim() || `${m.category}「${m.content}」结束`,
    });
    endMeasure(db, log, m, endDate);
    const status = syncDevStatus(db, log, m.hhNo, now);
    return {
      measure: toMeasureRecord(measureById(db, m.id)!),
      实施开发式帮扶措施情况: status,
      dryRun: Boolean(req.dryRun),
    };
  });
}

export interface MeasureListResult {
  township: string | null;
  village: string | null;
  household: string | null;
  total: number;
  byCategory: Record<string, number>;
  developmental: number;
  measures: MeasureRecord[];
}

export function listMeasureRecords(
  register: Register,
  req: {
    township?: string | undefined;
    village?: string | undefined;
    household?: string | undefined;
    category?: string | undefined;
    activeOn?: string | undefined;
    monitored?: boolean | undefined;
  },
): MeasureListResult {
  const scope = resolveScopeFilter(register, req.township, req.village);
  const rows = listMeasures(register.db, {
    townshipId: scope.townshipId,
    villageId: scope.villageId,
    hhNo: req.household?.trim(),
    category: req.category ? parseMeasureCategory(req.category) : undefined,
    activeOn: req.activeOn,
    unresolvedOnly: req.monitored,
  });
  const byCategory: Record<string, number> = {};
  for (const r of rows) byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
  return {
    township: scope.township,
    village: scope.village,
    household: req.household?.trim() ?? null,
    total: rows.length,
    byCategory,
    developmental: rows.filter((r) => r.developmental === 1).length,
    measures: rows.map(toMeasureRecord),
  };
}
