import { birthFromId, sexFromId } from '../domain/id-number.js';
import { isDevelopmental } from '../domain/vocab.js';
import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';
import { RegionResolver } from './regions-repo.js';
import { type Row, Upserter, type UpsertOutcome } from './upsert.js';

/** What writing one row did; `problem` = a row problem found against the register. */
export interface WriteOutcome {
  outcome?: UpsertOutcome;
  moved?: boolean;
  unmatched?: boolean;
  problem?: { column: string; value: string; message: string };
}

export interface KindWriter {
  write(row: Row): WriteOutcome;
  /** Look up the existing records of the next rows in one query. */
  prefetch?(rows: readonly Row[]): void;
  /** Work after the last row, inside the same transaction. */
  finish?(): void;
}

const monitoringColumns = [
  'mon_category',
  'identified_month',
  'risk_eliminated',
  'elimination_method',
  'eliminated_month',
];

export class HouseholdWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly regions: RegionResolver;
  private readonly event;

  constructor(
    db: Db,
    private readonly log: ChangeLog,
  ) {
    this.upserter = new Upserter(db, { table: 'households', entity: 'household', keyColumns: ['hh_no'] }, log);
    this.regions = new RegionResolver(db, log);
    this.event = db.prepare(
      'INSERT INTO monitoring_events (hh_no, event, month, category, risks, method, source, set_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows);
  }

  write(input: Row): WriteOutcome {
    const { township, village, grid, ...rest } = input;
    const row: Row = { ...rest };
    if (township !== undefined && village !== undefined) {
      row.village_id = this.regions.village(String(township), String(village));
      if (grid !== undefined) row.grid_id = grid === null ? null : this.regions.grid(row.village_id, String(grid));
    }
    const existing = this.upserter.find(row);
    const r = this.upserter.upsert(row, existing);
    if (r.outcome !== 'unchanged' && r.changed.some((c) => monitoringColumns.includes(c))) {
      this.recordMonitoring(existing, row);
    }
    return { outcome: r.outcome };
  }

  /** History of identification / elimination / rollback as seen through imported state. */
  private recordMonitoring(before: Row | undefined, after: Row): void {
    const get = (c: string): string | number | null => (c in after ? (after[c] ?? null) : (before?.[c] ?? null));
    const hh = String(after.hh_no);
    const risks = [1, 2, 3, 4, 5]
      .map((i) => get(`risk${i}`))
      .filter((v) => v !== null)
      .join('、');
    const category = get('mon_category');
    const wasCategory = before?.mon_category ?? null;
    const set = this.log.id();
    if (category !== null && wasCategory === null) {
      this.event.run(hh, '识别', get('identified_month'), category, risks || null, null, '导入', set);
    } else if (category !== null && wasCategory !== null && category !== wasCategory) {
      this.event.run(hh, '类别变更', get('identified_month'), category, risks || null, null, '导入', set);
    }
    const eliminated = get('risk_eliminated') === 1;
    const wasEliminated = (before?.risk_eliminated ?? 0) === 1;
    if (category !== null && eliminated && !wasEliminated) {
      this.event.run(
        hh,
        '消除',
        get('eliminated_month'),
        category,
        risks || null,
        get('elimination_method'),
        '导入',
        set,
      );
    } else if (category !== null && !eliminated && wasEliminated && 'risk_eliminated' in after) {
      this.event.run(hh, '回退', null, category, risks || null, null, '导入', set);
    }
  }
}

/** Household numbers known to the register, for members/incomes/measures checks. */
function householdSet(db: Db): Set<string> {
  const s = new Set<string>();
  for (const r of db.prepare('SELECT hh_no FROM households').raw().iterate() as Iterable<[string]>) s.add(r[0]);
  return s;
}

const missingHousehold = (hh: string) => ({
  column: '户编号',
  value: hh,
  message: `户编号 ${hh} 不在登记库中，请先导入该户的户信息`,
});

export class MemberWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly households: Set<string>;

  constructor(
    private readonly db: Db,
    private readonly log: ChangeLog,
  ) {
    this.upserter = new Upserter(db, { table: 'members', entity: 'member', keyColumns: ['id_no'] }, log);
    this.households = householdSet(db);
  }

  /** Alerts imported before their person was registered (or who moved) now point at the household. */
  finish(): void {
    const stale = this.db
      .prepare(
        `SELECT a.id, a.source_dept, a.id_no, a.alert_type, a.alert_date, a.hh_no AS old_hh, m.hh_no AS new_hh
         FROM alerts a JOIN members m ON m.id_no = a.id_no WHERE a.hh_no IS NOT m.hh_no`,
      )
      .all() as {
      id: number;
      source_dept: string;
      id_no: string;
      alert_type: string;
      alert_date: string;
      old_hh: string | null;
      new_hh: string;
    }[];
    const update = this.db.prepare('UPDATE alerts SET member_id_no = id_no, hh_no = ? WHERE id = ?');
    for (const a of stale) {
      update.run(a.new_hh, a.id);
      this.log.updated(
        'alert',
        [a.source_dept, a.id_no, a.alert_type, a.alert_date].join('|'),
        'hh_no',
        a.old_hh,
        a.new_hh,
      );
    }
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows);
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.households.has(hh)) return { problem: missingHousehold(hh) };
    const row: Row = { ...input };
    // 性别 and 出生日期 left empty are read from a 居民身份证 number
    if (!row.id_type || row.id_type === '居民身份证') {
      if (row.sex === null || row.sex === undefined) row.sex = sexFromId(String(row.id_no));
      if (row.birth_date === null || row.birth_date === undefined) row.birth_date = birthFromId(String(row.id_no));
    }
    if (row.status === null) row.status = '在册';
    const existing = this.upserter.find(row);
    const r = this.upserter.upsert(row, existing);
    const moved = existing !== undefined && 'hh_no' in row && existing.hh_no !== row.hh_no;
    return { outcome: r.outcome, moved };
  }
}

export class IncomeWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly households: Set<string>;

  constructor(db: Db, log: ChangeLog) {
    this.upserter = new Upserter(db, { table: 'incomes', entity: 'income', keyColumns: ['hh_no', 'year'] }, log);
    this.households = householdSet(db);
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows);
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.households.has(hh)) return { problem: missingHousehold(hh) };
    const row: Row = { ...input };
    // a total left empty is the sum of its sub-items, so 家庭纯收入 never misses them
    fillTotal(row, 'property', ['property_dividend', 'property_other']);
    fillTotal(row, 'transfer', [
      'family_planning',
      'dibao_money',
      'tekun_money',
      'pension_money',
      'eco_compensation',
      'transfer_other',
    ]);
    return { outcome: this.upserter.upsert(row).outcome };
  }
}

function fillTotal(row: Row, total: string, parts: readonly string[]): void {
  if (row[total] !== null && row[total] !== undefined) return;
  const present = parts.filter((p) => typeof row[p] === 'number');
  if (present.length === 0) return;
  row[total] = Math.round(present.reduce((sum, p) => sum + (row[p] as number), 0) * 100) / 100;
}

export class MeasureWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly households: Set<string>;

  constructor(db: Db, log: ChangeLog) {
    this.upserter = new Upserter(
      db,
      {
        table: 'measures',
        entity: 'measure',
        keyColumns: ['hh_no', 'member_id_no', 'category', 'content', 'start_date'],
      },
      log,
    );
    this.households = householdSet(db);
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.households.has(hh)) return { problem: missingHousehold(hh) };
    const row: Row = {
      ...input,
      member_id_no: input.member_id_no ?? '',
      content: input.content ?? '',
      start_date: input.start_date ?? '',
      developmental: isDevelopmental(String(input.category)) ? 1 : 0,
    };
    return { outcome: this.upserter.upsert(row).outcome };
  }
}

export class AlertWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly member;

  constructor(db: Db, log: ChangeLog) {
    this.upserter = new Upserter(
      db,
      { table: 'alerts', entity: 'alert', keyColumns: ['source_dept', 'id_no', 'alert_type', 'alert_date'] },
      log,
    );
    this.member = db.prepare('SELECT id_no, hh_no FROM members WHERE id_no = ?');
  }

  write(input: Row): WriteOutcome {
    const m = this.member.get(input.id_no) as { id_no: string; hh_no: string } | undefined;
    const row: Row = {
      ...input,
      alert_date: input.alert_date ?? '',
      member_id_no: m?.id_no ?? null,
      hh_no: m?.hh_no ?? null,
    };
    return { outcome: this.upserter.upsert(row).outcome, unmatched: !m };
  }
}

/** 核实结果 of dispatched alerts coming back from the villages. */
export class AlertResultWriter implements KindWriter {
  private readonly upserter: Upserter;

  constructor(db: Db, log: ChangeLog) {
    this.upserter = new Upserter(
      db,
      { table: 'alerts', entity: 'alert', keyColumns: ['source_dept', 'id_no', 'alert_type', 'alert_date'] },
      log,
    );
  }

  write(input: Row): WriteOutcome {
    const row: Row = { ...input, alert_date: input.alert_date ?? '', status: '已核实' };
    const existing = this.upserter.find(row) ?? this.upserter.find({ ...row });
    if (!existing) {
      return {
        problem: {
          column: '证件号码',
          value: String(input.id_no),
          message: `登记库中没有这条预警（${String(input.source_dept)}，${String(input.alert_type)}，${String(input.alert_date ?? '')}），请核对来源部门、预警类型和预警日期`,
        },
      };
    }
    return { outcome: this.upserter.upsert(row, existing).outcome };
  }
}

export class RegionWriter implements KindWriter {
  private readonly regions: RegionResolver;
  private readonly db: Db;

  constructor(db: Db, log: ChangeLog) {
    this.db = db;
    this.regions = new RegionResolver(db, log);
  }

  private totalChanges(): number {
    return (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  write(row: Row): WriteOutcome {
    const isNew = !this.regions.hasVillage(String(row.township), String(row.village));
    const before = this.totalChanges();
    const villageId = this.regions.village(String(row.township), String(row.village), {
      township: (row.township_code as string | null | undefined) ?? null,
      village: (row.village_code as string | null | undefined) ?? null,
    });
    if (row.grid !== undefined && row.grid !== null) {
      this.regions.grid(
        villageId,
        String(row.grid),
        'grid_keeper' in row ? (row.grid_keeper as string | null) : undefined,
      );
    }
    const changed = this.totalChanges() - before;
    return { outcome: isNew ? 'inserted' : changed === 0 ? 'unchanged' : 'updated' };
  }
}
