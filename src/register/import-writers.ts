import { birthFromId, sexFromId } from '../domain/id-number.js';
import { isDevelopmental } from '../domain/vocab.js';
import type { ChangeLog } from './audit.js';
import type { Db } from './connection.js';
import { changeMemberId, IdCorrectionFinder, type IdMatch } from './edit-repo.js';
import type { MonitoringChange } from './monitoring-writer.js';
import { RegionResolver } from './regions-repo.js';
import { type Row, Upserter, type UpsertOutcome } from './upsert.js';

/** A problem found against the register while writing one record. */
export interface WriteProblem {
  /** Register column (or a header) the problem is about. */
  column: string;
  value: string;
  message: string;
}

/** What writing one record did; `problem` = refused, and then nothing was written. */
export interface WriteOutcome {
  outcome?: UpsertOutcome;
  moved?: boolean;
  unmatched?: boolean;
  problem?: WriteProblem;
  /** A change of monitoring state the record carried (see MonitoringWriter). */
  monitoring?: MonitoringChange;
}

export interface KindWriter {
  /** Write one record, or refuse it with a problem and write nothing. */
  write(row: Row): WriteOutcome;
  /** Refuse a record before the other records of its row are written (nothing is written here). */
  check?(row: Row): WriteProblem | undefined;
  /** Look up the existing records of the next rows in one query. */
  prefetch?(rows: readonly Row[]): void;
  /** Work after the last row, inside the same transaction. */
  finish?(): void;
}

/**
 * What the writers of one import share: the connection, the change log, the household numbers
 * known to the register (loaded once, grown as households are inserted) and the file name that
 * monitoring events cite as their source.
 */
export class WriterContext {
  private hhNos: Set<string> | null = null;
  private regionResolver: RegionResolver | null = null;
  /** Households this import inserted: their later columns are part of the insert, not updates. */
  readonly insertedHouseholds = new Set<string>();
  /** Rows found to be an earlier-registered person under a corrected 证件号码 (see MemberWriter). */
  readonly idCorrections: IdCorrection[] = [];

  constructor(
    readonly db: Db,
    readonly log: ChangeLog,
    readonly source: string,
    /** `import --allow-id-change`: apply ID corrections instead of refusing their rows. */
    readonly allowIdChange = false,
    /** The sheet row where this import met a 证件号码 so far, if it did. */
    readonly memberLine: (idNo: string) => number | undefined = () => undefined,
  ) {}

  /**
   * Look households up one by one instead of loading every number first (a correction touches
   * one or two households of a county's hundreds of thousands).
   */
  lookupEach(): this {
    const one = this.db.prepare('SELECT 1 FROM households WHERE hh_no = ?').pluck();
    this.hhNos = new (class extends Set<string> {
      override has(hh: string): boolean {
        return super.has(hh) || one.get(hh) !== undefined;
      }
    })();
    return this;
  }

  households(): Set<string> {
    if (!this.hhNos) {
      const s = new Set<string>();
      for (const r of this.db.prepare('SELECT hh_no FROM households').raw().iterate() as Iterable<[string]>)
        s.add(r[0]);
      this.hhNos = s;
    }
    return this.hhNos;
  }

  regions(): RegionResolver {
    this.regionResolver ??= new RegionResolver(this.db, this.log);
    return this.regionResolver;
  }
}

const missingHousehold = (hh: string): WriteProblem => ({
  column: 'hh_no',
  value: hh,
  message: `户编号 ${hh} 不在登记库中，请先导入该户的户信息`,
});

/** Columns a new household cannot do without (NOT NULL in the register). */
const NEW_HOUSEHOLD_COLUMNS: readonly [string, string][] = [
  ['township', '乡镇'],
  ['village', '村'],
  ['hh_type', '户类型'],
];

/**
 * Household facts (not monitoring state: that is MonitoringWriter's). Columns the file does not
 * carry are left as they are.
 */
export class HouseholdWriter implements KindWriter {
  private readonly upserter: Upserter;

  constructor(private readonly ctx: WriterContext) {
    this.upserter = new Upserter(ctx.db, { table: 'households', entity: 'household', keyColumns: ['hh_no'] }, ctx.log);
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows);
  }

  write(input: Row): WriteOutcome {
    const { township, village, grid, ...rest } = input;
    const hh = String(input.hh_no);
    const isNew = !this.ctx.households().has(hh);
    if (isNew) {
      const missing = NEW_HOUSEHOLD_COLUMNS.filter(([c]) => input[c] === undefined || input[c] === null);
      if (missing.length) {
        return {
          problem: {
            column: missing[0]![0],
            value: '',
            message: `户编号 ${hh} 不在登记库中，新建该户需要${missing.map(([, h]) => `「${h}」`).join('')}，本行没有（文件缺少该列或为空）`,
          },
        };
      }
    }
    const row: Row = { ...rest };
    if (township !== undefined && village !== undefined && township !== null && village !== null) {
      const regions = this.ctx.regions();
      row.village_id = regions.village(String(township), String(village));
      if (grid !== undefined) row.grid_id = grid === null ? null : regions.grid(row.village_id, String(grid));
    }
    const r = this.upserter.upsert(row, isNew ? undefined : this.upserter.find(row));
    if (isNew) {
      this.ctx.households().add(hh);
      this.ctx.insertedHouseholds.add(hh);
    }
    return { outcome: r.outcome };
  }
}

/** An import row that is a registered person under a corrected 证件号码. */
export interface IdCorrection {
  户编号: string;
  姓名: string;
  原证件号码: string;
  新证件号码: string;
  依据: '人口编号' | '姓名+出生日期';
}

/** Columns a new member cannot do without (NOT NULL in the register). */
const NEW_MEMBER_COLUMNS: readonly [string, string][] = [
  ['name', '姓名'],
  ['relation', '与户主关系'],
];

export class MemberWriter implements KindWriter {
  private readonly upserter: Upserter;

  /** Null while the register had no members when the import began (nobody to be corrected). */
  private readonly finder: IdCorrectionFinder | null;
  /** Registered people already matched by a row of this import. */
  private readonly corrected = new Set<string>();

  constructor(private readonly ctx: WriterContext) {
    this.upserter = new Upserter(ctx.db, { table: 'members', entity: 'member', keyColumns: ['id_no'] }, ctx.log);
    this.finder = ctx.db.prepare('SELECT 1 FROM members LIMIT 1').get() ? new IdCorrectionFinder(ctx.db) : null;
  }

  /**
   * A row whose 证件号码 is not registered but whose 人口编号 (or 姓名 + 出生日期 within the household)
   * is a registered person's: a corrected number, not a second person. Applied as a change of
   * 证件号码 with --allow-id-change, else the row is refused (it would add the person twice).
   */
  private idCorrection(input: Row): { match: IdMatch } | { problem: WriteProblem } | undefined {
    if (!this.finder) return undefined;
    const idNo = String(input.id_no);
    const birth =
      input.birth_date ??
      (!input.id_type || input.id_type === '居民身份证' || input.id_type === '残疾人证' ? birthFromId(idNo) : null);
    const match = this.finder.find({
      id_no: idNo,
      person_no: input.person_no,
      hh_no: String(input.hh_no),
      name: input.name,
      birth_date: birth,
    });
    if (!match || this.corrected.has(match.idNo)) return undefined;
    const by = match.by === 'person_no' ? '人口编号' : '姓名+出生日期';
    // the file names the registered number too: two numbers for one person, not a correction
    const line = this.ctx.memberLine(match.idNo);
    if (line !== undefined) {
      return {
        problem: {
          column: 'id_no',
          value: idNo,
          message: `证件号码 ${idNo} 不在登记库中，但${by}与户 ${match.hhNo} 已登记的「${match.name}」（证件号码 ${match.idNo}）相同，而 ${match.idNo} 也在本文件第 ${line} 行：同一个人不应有两个证件号码，请核对`,
        },
      };
    }
    this.corrected.add(match.idNo);
    this.ctx.idCorrections.push({
      户编号: match.hhNo,
      姓名: match.name,
      原证件号码: match.idNo,
      新证件号码: idNo,
      依据: by,
    });
    if (this.ctx.allowIdChange) return { match };
    return {
      problem: {
        column: 'id_no',
        value: idNo,
        message: `证件号码 ${idNo} 不在登记库中，但${by === '人口编号' ? `人口编号 ${String(input.person_no)}` : '姓名和出生日期'}与户 ${match.hhNo} 已登记的「${match.name}」（证件号码 ${match.idNo}）相同，像是更正了证件号码。如确是更正，请加 --allow-id-change 重新导入（该人的记录随新号码保留）；如是另一个人，请核对${by}`,
      },
    };
  }

  /** Alerts imported before their person was registered (or who moved) now point at the household. */
  finish(): void {
    const { db, log } = this.ctx;
    const stale = db
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
    const update = db.prepare('UPDATE alerts SET member_id_no = id_no, hh_no = ? WHERE id = ?');
    for (const a of stale) {
      update.run(a.new_hh, a.id);
      log.updated('alert', [a.source_dept, a.id_no, a.alert_type, a.alert_date].join('|'), 'hh_no', a.old_hh, a.new_hh);
    }
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows);
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.ctx.households().has(hh)) return { problem: missingHousehold(hh) };
    let existing = this.upserter.find(input);
    if (!existing) {
      const c = this.idCorrection(input);
      if (c && 'problem' in c) return { problem: c.problem };
      if (c) {
        changeMemberId(this.ctx.db, this.ctx.log, c.match.idNo, String(input.id_no));
        existing = this.upserter.findFresh(input);
      }
    }
    if (!existing && this.corrected.has(String(input.id_no))) {
      return {
        problem: {
          column: 'id_no',
          value: String(input.id_no),
          message: `本文件前面有一行已按更正证件号码把 ${String(input.id_no)} 改为新号码（同一个人），这一行又用了原号码：同一个人不应出现两次，请核对`,
        },
      };
    }
    if (!existing) {
      const missing = NEW_MEMBER_COLUMNS.filter(([c]) => input[c] === undefined || input[c] === null);
      if (missing.length) {
        return {
          problem: {
            column: missing[0]![0],
            value: '',
            message: `证件号码 ${String(input.id_no)} 不在登记库中，新增该成员需要${missing.map(([, h]) => `「${h}」`).join('')}，本行没有（文件缺少该列或为空）`,
          },
        };
      }
    }
    const row: Row = { ...input };
    // 性别 and 出生日期 left empty are read from the ID number (a 残疾人证 starts with one)
    if (!row.id_type || row.id_type === '居民身份证' || row.id_type === '残疾人证') {
      if (row.sex === null || (row.sex === undefined && !existing)) row.sex = sexFromId(String(row.id_no));
      if (row.birth_date === null || (row.birth_date === undefined && !existing)) {
        row.birth_date = birthFromId(String(row.id_no));
      }
    }
    if (row.status === null || (row.status === undefined && !existing)) row.status = '在册';
    const r = this.upserter.upsert(row, existing);
    const moved = existing !== undefined && 'hh_no' in row && existing.hh_no !== row.hh_no;
    return { outcome: r.outcome, moved };
  }
}

export class IncomeWriter implements KindWriter {
  private readonly upserter: Upserter;

  constructor(private readonly ctx: WriterContext) {
    this.upserter = new Upserter(
      ctx.db,
      { table: 'incomes', entity: 'income', keyColumns: ['hh_no', 'year'] },
      ctx.log,
    );
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows);
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.ctx.households().has(hh)) return { problem: missingHousehold(hh) };
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

  /** A household met again further down a per-person export: its income gets the new head count. */
  resize(hh: string, year: number, size: number): WriteOutcome {
    const existing = this.upserter.findFresh({ hh_no: hh, year });
    if (!existing) return { outcome: 'unchanged' };
    return { outcome: this.upserter.upsert({ hh_no: hh, year, size }, existing).outcome };
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

  constructor(private readonly ctx: WriterContext) {
    this.upserter = new Upserter(
      ctx.db,
      {
        table: 'measures',
        entity: 'measure',
        keyColumns: ['hh_no', 'member_id_no', 'category', 'content', 'start_date'],
      },
      ctx.log,
    );
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.ctx.households().has(hh)) return { problem: missingHousehold(hh) };
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

/** 风险消除后 indicators, one row per household and elimination. */
export class EliminationSnapshotWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly month;

  constructor(private readonly ctx: WriterContext) {
    this.upserter = new Upserter(
      ctx.db,
      { table: 'elimination_snapshots', entity: 'elimination_snapshot', keyColumns: ['hh_no', 'eliminated_month'] },
      ctx.log,
    );
    this.month = ctx.db.prepare('SELECT eliminated_month FROM households WHERE hh_no = ?').pluck();
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.ctx.households().has(hh)) return { problem: missingHousehold(hh) };
    const row: Row = { ...input, source: this.ctx.source };
    if (row.eliminated_month === undefined || row.eliminated_month === null) {
      row.eliminated_month = (this.month.get(hh) as string | null | undefined) ?? '';
    }
    const existing = this.upserter.find(row);
    // the source names the file it came from: re-importing it from another folder is no change
    if (existing && existing.source !== undefined) row.source = existing.source;
    return { outcome: this.upserter.upsert(row, existing).outcome };
  }
}

/** Work records are a person's: the person must be in the register. */
function missingMember(idNo: string): WriteProblem {
  return {
    column: 'id_no',
    value: idNo,
    message: `证件号码 ${idNo} 不在登记库中，请先导入该人的家庭成员信息（或全国系统按人导出的监测对象信息）`,
  };
}

/** （务工月监测）已外出务工信息: one record per person and period. */
export class WorkPeriodWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly member;

  constructor(ctx: WriterContext) {
    this.upserter = new Upserter(
      ctx.db,
      { table: 'work_periods', entity: 'work_period', keyColumns: ['id_no', 'start_month'] },
      ctx.log,
    );
    this.member = ctx.db.prepare('SELECT 1 FROM members WHERE id_no = ?').pluck();
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows.map((r) => ({ ...r, start_month: r.start_month ?? '' })));
  }

  write(input: Row): WriteOutcome {
    if (!this.member.get(input.id_no)) return { problem: missingMember(String(input.id_no)) };
    return { outcome: this.upserter.upsert({ ...input, start_month: input.start_month ?? '' }).outcome };
  }
}

/** 计划外出务工信息: one record per person. */
export class WorkPlanWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly member;

  constructor(ctx: WriterContext) {
    this.upserter = new Upserter(ctx.db, { table: 'work_plans', entity: 'work_plan', keyColumns: ['id_no'] }, ctx.log);
    this.member = ctx.db.prepare('SELECT 1 FROM members WHERE id_no = ?').pluck();
  }

  prefetch(rows: readonly Row[]): void {
    this.upserter.prefetch(rows);
  }

  write(input: Row): WriteOutcome {
    if (!this.member.get(input.id_no)) return { problem: missingMember(String(input.id_no)) };
    return { outcome: this.upserter.upsert(input).outcome };
  }
}

/** （自定义）行政村信息: the statistics of one 行政村 (the village is created when new). */
export class VillageStatsWriter implements KindWriter {
  private readonly upserter: Upserter;

  constructor(private readonly ctx: WriterContext) {
    this.upserter = new Upserter(
      ctx.db,
      { table: 'village_stats', entity: 'village_stats', keyColumns: ['village_id'] },
      ctx.log,
    );
  }

  write(input: Row): WriteOutcome {
    const { township, village, ...rest } = input;
    const regions = this.ctx.regions();
    const isNew = !regions.hasVillage(String(township), String(village));
    const villageId = regions.village(String(township), String(village));
    const r = this.upserter.upsert({ ...rest, village_id: villageId });
    return { outcome: isNew ? 'inserted' : r.outcome };
  }
}

export class AlertWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly member;

  constructor(ctx: WriterContext) {
    this.upserter = new Upserter(
      ctx.db,
      { table: 'alerts', entity: 'alert', keyColumns: ['source_dept', 'id_no', 'alert_type', 'alert_date'] },
      ctx.log,
    );
    this.member = ctx.db.prepare('SELECT id_no, hh_no FROM members WHERE id_no = ?');
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

  constructor(ctx: WriterContext) {
    this.upserter = new Upserter(
      ctx.db,
      { table: 'alerts', entity: 'alert', keyColumns: ['source_dept', 'id_no', 'alert_type', 'alert_date'] },
      ctx.log,
    );
  }

  write(input: Row): WriteOutcome {
    const row: Row = { ...input, alert_date: input.alert_date ?? '', status: '已核实' };
    const existing = this.upserter.find(row);
    if (!existing) {
      return {
        problem: {
          column: 'id_no',
          value: String(input.id_no),
          message: `登记库中没有这条预警（${String(input.source_dept)}，${String(input.alert_type)}，${String(input.alert_date ?? '')}），请核对来源部门、预警类型和预警日期`,
        },
      };
    }
    return { outcome: this.upserter.upsert(row, existing).outcome };
  }
}

export class RegionWriter implements KindWriter {
  constructor(private readonly ctx: WriterContext) {}

  private totalChanges(): number {
    return (this.ctx.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  write(row: Row): WriteOutcome {
    const regions = this.ctx.regions();
    const isNew = !regions.hasVillage(String(row.township), String(row.village));
    const before = this.totalChanges();
    const villageId = regions.village(String(row.township), String(row.village), {
      township: (row.township_code as string | null | undefined) ?? null,
      village: (row.village_code as string | null | undefined) ?? null,
    });
    if (row.grid !== undefined && row.grid !== null) {
      regions.grid(villageId, String(row.grid), 'grid_keeper' in row ? (row.grid_keeper as string | null) : undefined);
    }
    const changed = this.totalChanges() - before;
    return { outcome: isNew ? 'inserted' : changed === 0 ? 'unchanged' : 'updated' };
  }
}
