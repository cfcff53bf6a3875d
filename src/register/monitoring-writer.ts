import { formatMonthCn } from '../domain/normalize.js';
import type { KindWriter, WriteOutcome, WriteProblem, WriterContext } from './import-writers.js';
import type { Row } from './upsert.js';

/**
 * Monitoring state as an import sees it (SPEC §5, issue "monitoring state is not an import side
 * effect"). A file's 监测对象类别 / 风险 / 识别 / 消除 columns are compared with the register's state:
 *
 * - a blank cell never changes anything: a blank 监测对象类别 on a household that is a 监测对象 is a
 *   problem row (the import does not un-monitor), a blank 风险是否已消除 leaves the state as it is,
 *   blank risks keep the risks;
 * - what an export does state is applied as a monitoring event with the file as its source, and
 *   reported: 识别 (a new 监测对象, or re-identified after its elimination), 消除, 回退 (the export
 *   says 否 for an eliminated household), 类别变更, 风险变更;
 * - corrections of dates and methods are plain audited updates.
 */

export type MonitoringEvent = '识别' | '消除' | '回退' | '类别变更' | '风险变更';

export interface MonitoringChange {
  户编号: string;
  变化: MonitoringEvent[];
  说明: string;
}

interface State {
  mon_category: string | null;
  risk1: string | null;
  risk2: string | null;
  risk3: string | null;
  risk4: string | null;
  risk5: string | null;
  disaster_sub: string | null;
  identified_month: string | null;
  risk_eliminated: number | null;
  elimination_method: string | null;
  eliminated_month: string | null;
}

const RISK_COLUMNS = ['risk1', 'risk2', 'risk3', 'risk4', 'risk5'] as const;
const has = (row: Row, c: string): boolean => c in row;
const given = (row: Row, c: string): boolean => row[c] !== undefined && row[c] !== null;

function risksOf(s: Pick<State, (typeof RISK_COLUMNS)[number]>): string[] {
  return RISK_COLUMNS.map((c) => s[c]).filter((v): v is string => v !== null && v !== undefined);
}

/** The risks a row states (null when its risk columns are absent or all blank). */
function statedRisks(row: Row): string[] | null {
  if (!RISK_COLUMNS.some((c) => has(row, c))) return null;
  const risks = RISK_COLUMNS.map((c) => row[c]).filter((v): v is string => typeof v === 'string' && v !== '');
  return risks.length ? risks : null;
}

const describe = (category: string | null, month: string | null): string =>
  `${category ?? ''}${month ? `（${formatMonthCn(month)}识别）` : ''}`;

export class MonitoringWriter implements KindWriter {
  private readonly state;
  private readonly event;
  private readonly updates = new Map<string, { run(...params: unknown[]): unknown }>();

  constructor(private readonly ctx: WriterContext) {
    this.state = ctx.db.prepare(
      `SELECT mon_category, risk1, risk2, risk3, risk4, risk5, disaster_sub, identified_month, risk_eliminated,
              elimination_method, eliminated_month FROM households WHERE hh_no = ?`,
    );
    this.event = ctx.db.prepare(
      'INSERT INTO monitoring_events (hh_no, event, month, category, risks, method, source, set_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  private current(hh: string): State | undefined {
    return this.state.get(hh) as State | undefined;
  }

  check(row: Row): WriteProblem | undefined {
    const hh = String(row.hh_no);
    const s = this.current(hh);
    const monitored = s !== undefined && s.mon_category !== null;
    if (has(row, 'mon_category') && row.mon_category === null && monitored) {
      return {
        column: 'mon_category',
        value: '',
        message: `「监测对象类别」为空，但该户在登记库中是监测对象（${describe(s.mon_category, s.identified_month)}）。导入不会因空白取消监测：如是漏填请补上；如该户确已不是监测对象，请通过风险消除办理`,
      };
    }
    const category = given(row, 'mon_category') ? (row.mon_category as string) : (s?.mon_category ?? null);
    if (category === null) {
      const stated = ['risk_eliminated', 'elimination_method', 'eliminated_month', 'identified_month'].filter(
        (c) => given(row, c) && !(c === 'risk_eliminated' && row[c] === 0),
      );
      if (stated.length || statedRisks(row)) {
        return {
          column: stated[0] ?? 'risk1',
          value: String(row[stated[0] ?? 'risk1'] ?? ''),
          message:
            '该户不是监测对象（登记库和本文件都没有「监测对象类别」），不能导入风险或识别、消除信息；请补上监测对象类别',
        };
      }
    }
    return undefined;
  }

  write(row: Row): WriteOutcome {
    const problem = this.check(row);
    if (problem) return { problem };
    const hh = String(row.hh_no);
    const s = this.current(hh);
    if (!s) return { outcome: 'unchanged' };
    const set: Partial<State> = {};
    const events: { event: MonitoringEvent; month: string | null; method: string | null }[] = [];
    const risks = statedRisks(row);
    const setRisks = (rs: string[]): void => {
      RISK_COLUMNS.forEach((c, i) => {
        set[c] = rs[i] ?? null;
      });
    };
    const fileCategory = given(row, 'mon_category') ? (row.mon_category as string) : null;
    const fileEliminated = given(row, 'risk_eliminated') ? (row.risk_eliminated as number) : null;
    const fileIdentified = given(row, 'identified_month') ? (row.identified_month as string) : null;

    const identify = (): void => {
      set.mon_category = fileCategory ?? s.mon_category;
      set.identified_month = fileIdentified;
      if (risks) setRisks(risks);
      if (given(row, 'disaster_sub')) set.disaster_sub = row.disaster_sub as string;
      set.risk_eliminated = fileEliminated === 1 ? 1 : 0;
      set.elimination_method = null;
      set.eliminated_month = null;
      events.push({ event: '识别', month: fileIdentified, method: null });
      if (fileEliminated === 1) eliminate();
    };
    const eliminate = (): void => {
      set.risk_eliminated = 1;
      set.elimination_method = given(row, 'elimination_method') ? (row.elimination_method as string) : null;
      set.eliminated_month = given(row, 'eliminated_month') ? (row.eliminated_month as string) : null;
      events.push({
        event: '消除',
        month: set.eliminated_month ?? null,
        method: set.elimination_method ?? null,
      });
    };

    if (s.mon_category === null) {
      if (fileCategory !== null) identify();
    } else if (
      s.risk_eliminated === 1 &&
      fileEliminated === 0 &&
      fileIdentified !== null &&
      s.eliminated_month !== null &&
      fileIdentified > s.eliminated_month
    ) {
      identify(); // identified again after its risk was eliminated
    } else {
      if (fileCategory !== null && fileCategory !== s.mon_category) {
        set.mon_category = fileCategory;
        events.push({ event: '类别变更', month: fileIdentified ?? s.identified_month, method: null });
      }
      if (fileIdentified !== null && fileIdentified !== s.identified_month) set.identified_month = fileIdentified;
      if (risks && risks.join('、') !== risksOf(s).join('、')) {
        setRisks(risks);
        events.push({ event: '风险变更', month: null, method: null });
      }
      if (given(row, 'disaster_sub') && row.disaster_sub !== s.disaster_sub)
        set.disaster_sub = row.disaster_sub as string;
      if (fileEliminated === 1 && s.risk_eliminated !== 1) eliminate();
      else if (fileEliminated === 0 && s.risk_eliminated === 1) {
        set.risk_eliminated = 0;
        set.elimination_method = null;
        set.eliminated_month = null;
        events.push({ event: '回退', month: null, method: null });
      } else if (s.risk_eliminated === 1) {
        // corrections of an elimination the register already has
        for (const c of ['elimination_method', 'eliminated_month'] as const) {
          if (given(row, c) && row[c] !== s[c]) set[c] = row[c] as string;
        }
      } else if (fileEliminated === 0 && s.risk_eliminated === null) set.risk_eliminated = 0;
    }

    const changed = (Object.keys(set) as (keyof State)[]).filter((c) => (set[c] ?? null) !== (s[c] ?? null));
    if (changed.length === 0) return { outcome: 'unchanged' };
    const sig = changed.join(',');
    let update = this.updates.get(sig);
    if (!update) {
      update = this.ctx.db.prepare(
        `UPDATE households SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE hh_no = ?`,
      );
      this.updates.set(sig, update);
    }
    update.run(...changed.map((c) => set[c] ?? null), hh);
    // a household inserted by this import: its monitoring columns belong to the insert
    if (!this.ctx.insertedHouseholds.has(hh)) {
      for (const c of changed) this.ctx.log.updated('household', hh, c, s[c] ?? null, set[c] ?? null);
    }
    const after = { ...s, ...set };
    const riskText = risksOf(after).join('、') || null;
    const setId = this.ctx.log.id();
    for (const e of events) {
      this.event.run(hh, e.event, e.month, after.mon_category, riskText, e.method, `导入：${this.ctx.source}`, setId);
    }
    if (events.length === 0) return { outcome: 'updated' };
    return {
      outcome: 'updated',
      monitoring: {
        户编号: hh,
        变化: events.map((e) => e.event),
        说明: describeChange(s, after, events),
      },
    };
  }
}

function describeChange(before: State, after: State, events: { event: MonitoringEvent }[]): string {
  const parts: string[] = [];
  for (const { event } of events) {
    if (event === '识别') parts.push(`纳入监测：${describe(after.mon_category, after.identified_month)}`);
    else if (event === '消除')
      parts.push(
        `风险消除${after.elimination_method ? `（${after.elimination_method}` : '（'}${after.eliminated_month ? `，${formatMonthCn(after.eliminated_month)}）` : '）'}`,
      );
    else if (event === '回退') parts.push('风险回退：由「已消除」改为「未消除」');
    else if (event === '类别变更') parts.push(`类别：${before.mon_category ?? ''} → ${after.mon_category ?? ''}`);
    else parts.push(`风险：${risksOf(before).join('、') || '无'} → ${risksOf(after).join('、')}`);
  }
  return parts.join('；').replace('（）', '');
}
