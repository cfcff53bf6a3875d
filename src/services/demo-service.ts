/**
 * `fpjc demo`: writes a synthetic county in the import formats (SPEC §13) — 行政区划, 户信息,
 * 家庭成员, 收支信息, 帮扶措施, 部门预警 (.xlsx) and one department list as a GBK CSV — plus a
 * 说明.txt and the `.fpjc-demo` marker. Households are generated and streamed one village at a
 * time into all files at once, so memory stays flat for a 300,000-household county.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { DEMO_AS_OF, DEMO_CAMPAIGN, DEMO_INCOME_LINE, DEMO_INCOME_YEAR, DEMO_PREVIOUS_YEAR } from '../demo/dates.js';
import { DemoGenerator } from '../demo/generator.js';
import type { Alert, Household } from '../demo/model.js';
import {
  exportInfoLine,
  MIGRANT_WORK_HEADER,
  migrantWorkRows,
  NATIONAL_EXPORT_DATE,
  NATIONAL_HEADER,
  NATIONAL_INCOME_HEADER,
  NATIONAL_PREVIOUS_EXPORT_DATE,
  type NationalCell,
  type NationalContext,
  nationalIncomeRows,
  nationalRows,
  PLANNED_WORK_HEADER,
  plannedWorkRows,
  VILLAGE_INFO_HEADER,
  villageInfoRow,
} from '../demo/national.js';
import {
  alertRecord,
  columnWidthsOf,
  headerOf,
  householdRecord,
  incomeRecord,
  measureRecord,
  memberRecord,
  regionRecords,
  rowOf,
  textColumnsOf,
} from '../demo/rows.js';
import { FpjcError } from '../domain/errors.js';
import { ALERTS, HOUSEHOLDS, INCOMES, type KindDef, MEASURES, MEMBERS, REGIONS } from '../domain/fields.js';
import { PROVINCE_NAMES } from '../domain/id-number.js';
import { VOCABULARIES } from '../domain/vocab.js';
import { fileError } from '../io/file-errors.js';
import { type CellValue, type SheetHandle, XlsxWriter } from '../io/xlsx-writer.js';

export interface DemoOptions {
  households: number;
  seed: number;
  outDir: string;
  force: boolean;
  countyCode?: string;
  countyName?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoFile {
  kind: string;
  file: string;
  rows: number;
}

export interface DemoResult {
  outDir: string;
  files: DemoFile[];
  households: number;
  members: number;
}

export const DEMO_FILE_NAMES = {
  regions: '行政区划.xlsx',
  households: '户信息.xlsx',
  members: '家庭成员.xlsx',
  incomes: '收支信息.xlsx',
  measures: '帮扶措施.xlsx',
  alerts: '部门预警.xlsx',
  alertsCsv: '部门预警-医保.csv',
} as const;

/** The demo county as the national system exports it (SPEC Appendix C), in a folder of its own. */
export const DEMO_NATIONAL_DIR = '全国系统导出';
export const DEMO_NATIONAL_FILES = {
  national: '（自定义）监测对象信息.xlsx',
  nationalPrevious: '（自定义）监测对象信息-上年收入.xlsx',
  migrantWork: '（务工月监测）已外出务工信息.xlsx',
  plannedWork: '计划外出务工信息.xlsx',
  villageInfo: '（自定义）行政村信息.xlsx',
} as const;

export const DEMO_MARKER = '.fpjc-demo';
export const DEMO_README = '说明.txt';
/** Department whose list is written as a GBK CSV. */
export const DEMO_CSV_DEPT = '医保';

export const DEMO_MIN_HOUSEHOLDS = 100;
export const DEMO_MAX_HOUSEHOLDS = 1_000_000;

/** Rows of a sheet: Excel's limit. */
const SHEET_ROWS = 1_048_576;

/** Files a previous demo run (and the commands run on it) may have left in the folder. */
const LEFTOVERS = ['fpjc.db', 'fpjc.db-wal', 'fpjc.db-shm', 'fpjc-备份', '报表', DEMO_NATIONAL_DIR];

async function prepareFolder(dir: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    const st = await fs.promises.stat(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (st && !st.isDirectory()) {
      throw new FpjcError('USAGE', `「${dir}」是一个文件，不是文件夹。请用 --out 指定一个文件夹。`);
    }
    if (!st) {
      await fs.promises.mkdir(dir, { recursive: true });
      return;
    }
    entries = await fs.promises.readdir(dir);
  } catch (err) {
    throw fileError(err, dir);
  }
  if (entries.length === 0) return;
  if (!entries.includes(DEMO_MARKER)) {
    throw new FpjcError(
      'USAGE',
      `文件夹「${dir}」不是空的，也不是 fpjc demo 生成的演示数据文件夹。为避免误删文件，请用 --out 换一个新的或空的文件夹。`,
    );
  }
  if (!force) {
    throw new FpjcError(
      'USAGE',
      `文件夹「${dir}」里已有演示数据。要重新生成请加 --force（会删除其中的演示文件、fpjc.db、fpjc-备份 和 报表 文件夹）。`,
    );
  }
  const demoFiles: string[] = Object.values(DEMO_FILE_NAMES);
  const remove = entries.filter(
    (e) =>
      demoFiles.includes(e) ||
      e === DEMO_MARKER ||
      e === DEMO_README ||
      LEFTOVERS.includes(e) ||
      demoFiles.some((f) => e === `${f}.错误报告.xlsx` || (e.startsWith(`.${f}.`) && e.endsWith('.tmp'))),
  );
  for (const e of remove) {
    const p = path.join(dir, e);
    try {
      await fs.promises.rm(p, { recursive: true, force: true });
    } catch (err) {
      throw fileError(err, p);
    }
  }
}

/** One sheet-writing helper: awaits the writer's backpressure only when it asks for it. */
async function put(sheet: SheetHandle, values: readonly CellValue[], bold?: boolean): Promise<void> {
  const p = sheet.addRow(values, bold ? { bold } : undefined);
  if (p) await p;
}

function sheetOptions(kind: KindDef, freeze: number) {
  return { columnWidths: columnWidthsOf(kind), freezeHeader: freeze, textColumns: textColumnsOf(kind) };
}

function csvCell(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function validateDemoOptions(opts: Pick<DemoOptions, 'households' | 'seed' | 'countyCode'>): void {
  if (
    !Number.isInteger(opts.households) ||
    opts.households < DEMO_MIN_HOUSEHOLDS ||
    opts.households > DEMO_MAX_HOUSEHOLDS
  ) {
    throw new FpjcError(
      'USAGE',
      `--households 应为 ${DEMO_MIN_HOUSEHOLDS} 到 ${DEMO_MAX_HOUSEHOLDS.toLocaleString('en-US')} 之间的整数，实际为「${opts.households}」。`,
    );
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) {
    throw new FpjcError('USAGE', `--seed 应为 0 到 4294967295 之间的整数，实际为「${opts.seed}」。`);
  }
  if (
    opts.countyCode !== undefined &&
    (!/^\d{6}$/.test(opts.countyCode) || !(opts.countyCode.slice(0, 2) in PROVINCE_NAMES))
  ) {
    throw new FpjcError(
      'USAGE',
      `县级行政区划代码应为 6 位数字、前两位是有效的省级代码，实际为「${opts.countyCode}」。`,
    );
  }
}

export async function generateDemo(opts: DemoOptions): Promise<DemoResult> {
  validateDemoOptions(opts);
  const outDir = path.resolve(opts.outDir);
  await prepareFolder(outDir, opts.force);
  const countyCode = opts.countyCode ?? '140702';
  const countyName = opts.countyName ?? '榆次区';
  const gen = new DemoGenerator({ households: opts.households, seed: opts.seed, countyCode, countyName });
  const county = gen.county;
  const title = (what: string): string => `${countyName}（演示）${what}`;
  const file = (name: string): string => path.join(outDir, name);

  // the marker first: a run that fails half-way can be cleaned up with --force
  try {
    await fs.promises.writeFile(
      file(DEMO_MARKER),
      `fpjc demo\nseed=${opts.seed}\nhouseholds=${opts.households}\ncounty=${countyCode} ${countyName}\n`,
      'utf8',
    );
  } catch (err) {
    throw fileError(err, file(DEMO_MARKER));
  }

  const writers: XlsxWriter[] = [];
  const open = async (name: string): Promise<XlsxWriter> => {
    const w = await XlsxWriter.create(file(name));
    writers.push(w);
    return w;
  };
  const files: DemoFile[] = [];
  let members = 0;
  try {
    // 行政区划: small, written whole
    const regionsWriter = await open(DEMO_FILE_NAMES.regions);
    const regionSheet = regionsWriter.addSheet('行政区划', sheetOptions(REGIONS, 1));
    await put(regionSheet, headerOf(REGIONS), true);
    const regions = regionRecords(county);
    for (const r of regions) await put(regionSheet, rowOf(REGIONS, r));
    await regionsWriter.close();
    files.push({ kind: 'regions', file: file(DEMO_FILE_NAMES.regions), rows: regions.length });

    // the four big files, streamed side by side
    const hhWriter = await open(DEMO_FILE_NAMES.households);
    const hhSheet = hhWriter.addSheet('户信息', sheetOptions(HOUSEHOLDS, 3));
    const hhHeader = headerOf(HOUSEHOLDS);
    await put(hhSheet, [title('户信息')], true);
    await put(hhSheet, [
      `导出时间：${DEMO_AS_OF}　　数据范围：${countyName}全部农户　　说明：演示数据，人员信息均为虚构`,
    ]);
    await put(hhSheet, hhHeader, true);

    const memberWriter = await open(DEMO_FILE_NAMES.members);
    let memberSheetNo = 1;
    let memberSheet = memberWriter.addSheet('家庭成员', sheetOptions(MEMBERS, 1));
    let memberSheetRows = 1;
    await put(memberSheet, headerOf(MEMBERS), true);

    const incomeWriter = await open(DEMO_FILE_NAMES.incomes);
    const incomeSheet = incomeWriter.addSheet('收支信息', sheetOptions(INCOMES, 1));
    await put(incomeSheet, headerOf(INCOMES), true);

    const measureWriter = await open(DEMO_FILE_NAMES.measures);
    const measureSheet = measureWriter.addSheet('帮扶措施', sheetOptions(MEASURES, 1));
    await put(measureSheet, headerOf(MEASURES), true);

    // the same county as the national system exports it
    const nationalDir = path.join(outDir, DEMO_NATIONAL_DIR);
    try {
      await fs.promises.mkdir(nationalDir, { recursive: true });
    } catch (err) {
      throw fileError(err, nationalDir);
    }
    const national = new NationalFiles(nationalDir, countyName, countyCode, (name) =>
      open(path.join(DEMO_NATIONAL_DIR, name)),
    );
    await national.start();

    const alerts = new Map<string, Alert[]>();
    const keepAlert = (a: Alert): void => {
      const list = alerts.get(a.dept) ?? [];
      list.push(a);
      alerts.set(a.dept, list);
    };

    let households = 0;
    let incomes = 0;
    let measures = 0;
    for (const batch of gen.villages()) {
      for (const h of batch.households) {
        await put(hhSheet, rowOf(HOUSEHOLDS, householdRecord(h)));
        for (const p of h.members) {
          if (memberSheetRows >= SHEET_ROWS) {
            memberSheetNo++;
            memberSheet = memberWriter.addSheet(`家庭成员${memberSheetNo}`, sheetOptions(MEMBERS, 1));
            await put(memberSheet, headerOf(MEMBERS), true);
            memberSheetRows = 1;
          }
          await put(memberSheet, rowOf(MEMBERS, memberRecord(h, p)));
          memberSheetRows++;
          members++;
        }
        for (const r of h.incomes) {
          await put(incomeSheet, rowOf(INCOMES, incomeRecord(h, r)));
          incomes++;
        }
        for (const m of h.measures) {
          await put(measureSheet, rowOf(MEASURES, measureRecord(h, m)));
          measures++;
        }
        for (const a of h.alerts) keepAlert(a);
        await national.household(h);
      }
      await national.village(batch.households);
      for (const a of batch.unmatchedAlerts) keepAlert(a);
      households += batch.households.length;
      opts.onProgress?.(households, opts.households);
      await new Promise<void>((resolve) => setImmediate(resolve)); // let the deflate streams run
    }
    await Promise.all([hhWriter.close(), memberWriter.close(), incomeWriter.close(), measureWriter.close()]);
    const nationalFiles = await national.close();
    files.push(
      { kind: 'households', file: file(DEMO_FILE_NAMES.households), rows: households },
      { kind: 'members', file: file(DEMO_FILE_NAMES.members), rows: members },
      { kind: 'incomes', file: file(DEMO_FILE_NAMES.incomes), rows: incomes },
      { kind: 'measures', file: file(DEMO_FILE_NAMES.measures), rows: measures },
    );

    // 部门预警: one sheet per department, in the vocabulary's order; 医保 as a GBK CSV
    const alertWriter = await open(DEMO_FILE_NAMES.alerts);
    let xlsxAlerts = 0;
    for (const dept of VOCABULARIES.alertSource.values) {
      const list = alerts.get(dept);
      if (!list?.length || dept === DEMO_CSV_DEPT) continue;
      const sheet = alertWriter.addSheet(dept, sheetOptions(ALERTS, 1));
      await put(sheet, headerOf(ALERTS), true);
      for (const a of list) await put(sheet, rowOf(ALERTS, alertRecord(a)));
      xlsxAlerts += list.length;
    }
    await alertWriter.close();
    files.push({ kind: 'alerts', file: file(DEMO_FILE_NAMES.alerts), rows: xlsxAlerts });

    const csvAlerts = alerts.get(DEMO_CSV_DEPT) ?? [];
    const lines = [headerOf(ALERTS).map(csvCell).join(',')];
    for (const a of csvAlerts) lines.push(rowOf(ALERTS, alertRecord(a)).map(csvCell).join(','));
    const csvFile = file(DEMO_FILE_NAMES.alertsCsv);
    try {
      await fs.promises.writeFile(csvFile, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
    } catch (err) {
      throw fileError(err, csvFile);
    }
    files.push({ kind: 'alerts', file: csvFile, rows: csvAlerts.length }, ...nationalFiles);

    const readme = readmeText({ countyCode, countyName, seed: opts.seed, households, members, files, outDir });
    try {
      await fs.promises.writeFile(file(DEMO_README), `\ufeff${readme.replace(/\n/g, '\r\n')}`, 'utf8');
    } catch (err) {
      throw fileError(err, file(DEMO_README));
    }
    return { outDir, files, households, members };
  } catch (err) {
    for (const w of writers) await w.abort().catch(() => {});
    throw err;
  }
}

/**
 * The national-format files, streamed beside the import-format ones: a title row, the export-info
 * row and the header on row 3, every cell text (src/demo/national.ts).
 */
class NationalFiles {
  private readonly ctx: NationalContext;
  private sheets: Record<string, { writer: XlsxWriter; sheet: SheetHandle; rows: number; no: number; seq: number }> =
    {};

  constructor(
    private readonly dir: string,
    countyName: string,
    countyCode: string,
    private readonly open: (file: string) => Promise<XlsxWriter>,
  ) {
    this.ctx = {
      county: countyName,
      province: PROVINCE_NAMES[countyCode.slice(0, 2)] ?? '',
      city: countyCode.startsWith('1407') ? '晋中市' : '',
    };
  }

  private static readonly SPECS: Record<
    string,
    { file: string; title: string; header: readonly string[]; date: string }
  > = {
    national: {
      file: DEMO_NATIONAL_FILES.national,
      title: '（自定义）监测对象信息',
      header: NATIONAL_HEADER,
      date: NATIONAL_EXPORT_DATE,
    },
    previous: {
      file: DEMO_NATIONAL_FILES.nationalPrevious,
      title: '（自定义）监测对象信息',
      header: NATIONAL_INCOME_HEADER,
      date: NATIONAL_PREVIOUS_EXPORT_DATE,
    },
    migrant: {
      file: DEMO_NATIONAL_FILES.migrantWork,
      title: '（务工月监测）已外出务工信息',
      header: MIGRANT_WORK_HEADER,
      date: NATIONAL_EXPORT_DATE,
    },
    planned: {
      file: DEMO_NATIONAL_FILES.plannedWork,
      title: '计划外出务工信息',
      header: PLANNED_WORK_HEADER,
      date: NATIONAL_EXPORT_DATE,
    },
    village: {
      file: DEMO_NATIONAL_FILES.villageInfo,
      title: '（自定义）行政村信息',
      header: VILLAGE_INFO_HEADER,
      date: NATIONAL_EXPORT_DATE,
    },
  };

  private async addSheet(key: string, writer: XlsxWriter, no: number): Promise<SheetHandle> {
    const spec = NationalFiles.SPECS[key]!;
    const sheet = writer.addSheet(no === 1 ? 'Sheet1' : `Sheet${no}`, {
      columnWidths: spec.header.map((h) => Math.min(24, Math.max(8, h.length * 2))),
      freezeHeader: 3,
      textColumns: spec.header.map((_, i) => i),
    });
    await put(sheet, [spec.title], true);
    await put(sheet, [exportInfoLine(spec.date, this.ctx.county)]);
    await put(sheet, spec.header, true);
    return sheet;
  }

  async start(): Promise<void> {
    for (const key of Object.keys(NationalFiles.SPECS)) {
      const writer = await this.open(NationalFiles.SPECS[key]!.file);
      this.sheets[key] = { writer, sheet: await this.addSheet(key, writer, 1), rows: 3, no: 1, seq: 0 };
    }
  }

  private async rows(key: string, rows: readonly NationalCell[][]): Promise<void> {
    const s = this.sheets[key]!;
    for (const r of rows) {
      if (s.rows >= SHEET_ROWS) {
        s.no++;
        s.sheet = await this.addSheet(key, s.writer, s.no);
        s.rows = 3;
      }
      s.seq++;
      await put(s.sheet, [String(s.seq), ...r.slice(1)]);
      s.rows++;
    }
  }

  async household(h: Household): Promise<void> {
    await this.rows('national', nationalRows(h, this.ctx, DEMO_INCOME_YEAR));
    await this.rows('previous', nationalIncomeRows(h, this.ctx, DEMO_PREVIOUS_YEAR));
    await this.rows('migrant', migrantWorkRows(h, this.ctx, DEMO_INCOME_YEAR));
    await this.rows('planned', plannedWorkRows(h, this.ctx));
  }

  async village(households: readonly Household[]): Promise<void> {
    if (households.length) await this.rows('village', [villageInfoRow(households, this.ctx)]);
  }

  async close(): Promise<DemoFile[]> {
    const kinds: Record<string, string> = {
      national: 'national',
      previous: 'national',
      migrant: 'migrant-work',
      planned: 'planned-work',
      village: 'village-info',
    };
    await Promise.all(Object.values(this.sheets).map((s) => s.writer.close()));
    return Object.entries(this.sheets).map(([key, s]) => ({
      kind: kinds[key]!,
      file: path.join(this.dir, NationalFiles.SPECS[key]!.file),
      rows: s.seq,
    }));
  }
}

function readmeText(r: {
  countyCode: string;
  countyName: string;
  seed: number;
  households: number;
  members: number;
  files: DemoFile[];
  outDir: string;
}): string {
  const rows = (kind: string, name: string): string =>
    (r.files.find((f) => f.kind === kind && path.basename(f.file) === name)?.rows ?? 0).toLocaleString('en-US');
  const nrows = (name: string): string =>
    (r.files.find((f) => path.basename(f.file) === name)?.rows ?? 0).toLocaleString('en-US');
  const db = path.join(r.outDir, 'fpjc.db');
  return `fpjc 演示数据 —— 虚构的县，所有人员、证件号码和电话都是程序生成的，不是真实的人

县：${r.countyName}（${r.countyCode}）　户数：${r.households.toLocaleString('en-US')}　人数：${r.members.toLocaleString('en-US')}　随机种子：${r.seed}
同一种子、同一户数，生成的数据完全相同。

演示的集中排查：${DEMO_CAMPAIGN}（2024年第二季度），截至 ${DEMO_AS_OF}，收入年度 ${DEMO_INCOME_YEAR}（与 ${DEMO_PREVIOUS_YEAR} 年比较），
监测范围（收入基准）${DEMO_INCOME_LINE} 元/人/年。

文件（格式见 docs/import-formats.md，列名与 fpjc 的导入格式一致）：
  ${DEMO_FILE_NAMES.regions}　乡镇、村（含区划代码）、网格和网格员，${rows('regions', DEMO_FILE_NAMES.regions)} 行
  ${DEMO_FILE_NAMES.households}　户信息，${rows('households', DEMO_FILE_NAMES.households)} 户；和全国系统导出的一样，第 1 行是标题、第 2 行是导出信息、第 3 行是列名
  ${DEMO_FILE_NAMES.members}　家庭成员，${rows('members', DEMO_FILE_NAMES.members)} 人（超过 Excel 一张表的行数时分成多张工作表）
  ${DEMO_FILE_NAMES.incomes}　家庭收支，${DEMO_PREVIOUS_YEAR} 和 ${DEMO_INCOME_YEAR} 两个年度各一行，${rows('incomes', DEMO_FILE_NAMES.incomes)} 行
  ${DEMO_FILE_NAMES.measures}　监测对象的帮扶措施，${rows('measures', DEMO_FILE_NAMES.measures)} 条
  ${DEMO_FILE_NAMES.alerts}　部门预警线索（每个部门一张工作表），${rows('alerts', DEMO_FILE_NAMES.alerts)} 条
  ${DEMO_FILE_NAMES.alertsCsv}　医保部门的预警线索，GBK 编码的 CSV 文件（部门系统常见的格式），${rows('alerts', DEMO_FILE_NAMES.alertsCsv)} 条

同一个县按全国防返贫监测信息系统的导出格式（文件夹「${DEMO_NATIONAL_DIR}」，第 1 行标题、第 2 行导出时间、第 3 行列名，
每个单元格都是文本）：
  ${DEMO_NATIONAL_FILES.national}　按人导出的全部 102 列，每人一行，导出时间 ${NATIONAL_EXPORT_DATE}（收入为 ${DEMO_INCOME_YEAR} 年度），${nrows(DEMO_NATIONAL_FILES.national)} 行；
      部分残疾人的证件类型为残疾人证（20 或 22 位号码）
  ${DEMO_NATIONAL_FILES.nationalPrevious}　上一年导出的自定义文件（16 列），收入为 ${DEMO_PREVIOUS_YEAR} 年度，${nrows(DEMO_NATIONAL_FILES.nationalPrevious)} 行
  ${DEMO_NATIONAL_FILES.migrantWork}　务工月监测，每人每段务工一行，${nrows(DEMO_NATIONAL_FILES.migrantWork)} 行
  ${DEMO_NATIONAL_FILES.plannedWork}　计划外出务工，${nrows(DEMO_NATIONAL_FILES.plannedWork)} 行
  ${DEMO_NATIONAL_FILES.villageInfo}　行政村信息，${nrows(DEMO_NATIONAL_FILES.villageInfo)} 个村

试用步骤（按全国系统导出的文件建库；也可以用 fpjc import "${r.outDir}" 导入上面的分表文件）：
  fpjc init --db "${db}" --county-code ${r.countyCode} --county-name ${r.countyName} --year 2024 --income-line ${DEMO_INCOME_LINE}
  fpjc import regions "${path.join(r.outDir, DEMO_FILE_NAMES.regions)}" --db "${db}"
  fpjc import "${path.join(r.outDir, DEMO_NATIONAL_DIR)}" --db "${db}"
  fpjc import alerts "${path.join(r.outDir, DEMO_FILE_NAMES.alerts)}" --db "${db}"
  fpjc import alerts "${path.join(r.outDir, DEMO_FILE_NAMES.alertsCsv)}" --db "${db}"
  fpjc status --db "${db}"
  fpjc screen --campaign ${DEMO_CAMPAIGN} --as-of ${DEMO_AS_OF} --income-year ${DEMO_INCOME_YEAR} --db "${db}"

数据中有意包含的情形（供演示和测试排查规则、数据质量检查）：
  - 约 3–5% 的户是监测对象，三类都有：脱贫不稳定户、边缘易致贫户、突发严重困难户；
    识别时间 2021-03 到 2024-04（红、黄、蓝三色都有），一部分已风险消除（帮扶消除/自然消除），
    其中多数已满 6 个月需要回访，少数已消除户没有监测联系人；
  - 收入低于 ${DEMO_INCOME_LINE} 元、比上年下降、自付医疗费用 1 万元以上、刚性支出超过上年纯收入的户；
    人均纯收入正好 ${DEMO_INCOME_LINE} 元的户；少数收支行自带「家庭纯收入/人均纯收入」，其中几行与公式不符；
  - 新纳入低保/特困、重度残疾、失能老人、留守儿童、务工时间正好 6 个月和 5 个月、正好 59 岁和 60 岁的人；
  - 住房、义务教育、饮水、医保有问题的户；整户无劳动能力却没有低保/特困的户；
  - 已消除但收入又低于监测范围的户、已消除的无劳动能力且主要靠政策性收入的户；
  - 有劳动能力却没有开发式帮扶措施、或只有综合保障（一兜了之）的监测户；符合消除条件却未消除的监测户；
  - 一个脱贫户不少于 10 户却从未识别监测对象的村；
  - 约 5% 的部门预警是登记库里没有的人（应纳尽纳）。
`;
}
