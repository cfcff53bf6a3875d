import path from 'node:path';
import { FpjcError } from '../domain/errors.js';
import { formatCount } from '../domain/normalize.js';
import { resolvePolicy } from '../domain/policy.js';
import { removeStaleTemps } from '../io/temp-files.js';
import type { Register } from '../register/connection.js';
import {
  campaignIds,
  findCampaign,
  findTownships,
  findVillages,
  listTownships,
  listVillages,
  type ScopeIds,
} from '../register/report-repo.js';
import { readPolicyOverrides, readSettings } from '../register/settings-repo.js';
import { resolveOutput, startAtomicWrite, unitFileNames } from '../reports/output.js';
import { resolveTemplate } from '../reports/paths.js';
import { findReport, REPORTS } from '../reports/registry.js';
import { startRender } from '../reports/render.js';
import { type CompiledTemplate, loadTemplate } from '../reports/template.js';
import type { By, ReportContext, ReportDef, ScopeOption, Unit } from '../reports/types.js';

export interface ReportRequest {
  id: string;
  township?: string | undefined;
  village?: string | undefined;
  year?: number | undefined;
  campaign?: string | undefined;
  /** YYYY-MM-DD */
  asOf?: string | undefined;
  by?: By | undefined;
  out?: string | undefined;
  templates?: string | undefined;
  operator: string;
  /** Rule selection of the 问题清单 (`quality`). */
  quality?: { rules?: string | undefined; family?: string | undefined } | undefined;
}

export interface ReportFile {
  file: string;
  rows: number;
  scope: { 乡镇: string | null; 村: string | null };
}

export interface ReportResult {
  report: string;
  title: string;
  kind: ReportDef['kind'];
  template: string;
  customTemplate: boolean;
  outDir: string;
  asOf: string;
  year: number;
  files: ReportFile[];
  /** Units of the scope left out because they have nothing to show. */
  skipped: number;
  notes: string[];
}

export interface ReportInfo {
  id: string;
  title: string;
  description: string;
  template: string;
  options: string[];
  by: By[];
  defaultBy: By;
  kind: ReportDef['kind'];
  privacy: string;
}

const OPTION_FLAG: Record<ScopeOption, string> = {
  township: '--township',
  village: '--village',
  year: '--year',
  campaign: '--campaign',
  'as-of': '--as-of',
};

export const BY_NAMES: Record<By, string> = {
  county: '全县（一个文件）',
  township: '每个乡镇一个文件',
  village: '每个村一个文件',
};

export function listReports(): ReportInfo[] {
  return REPORTS.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    template: r.template,
    options: [...r.options.map((o) => OPTION_FLAG[o]), '--by', '--out', '--templates'],
    by: [...r.by],
    defaultBy: r.defaultBy,
    kind: r.kind,
    privacy: r.privacy,
  }));
}

/** Files closing in the background while the next one is filled. */
const FINISHING = 8;

const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function checkOptions(def: ReportDef, req: ReportRequest): void {
  const given: [ScopeOption, unknown][] = [
    ['township', req.township],
    ['village', req.village],
    ['year', req.year],
    ['campaign', req.campaign],
    ['as-of', req.asOf],
  ];
  for (const [option, value] of given) {
    if (value === undefined || def.options.includes(option)) continue;
    const accepted = def.options.map((o) => OPTION_FLAG[o]).join('、') || '（无）';
    throw new FpjcError(
      'USAGE',
      `报表「${def.id}」（${def.title}）不使用 ${OPTION_FLAG[option]}。它可用的范围选项：${accepted}。`,
    );
  }
  if (req.by && !def.by.includes(req.by)) {
    throw new FpjcError(
      'USAGE',
      `报表「${def.id}」（${def.title}）不能用 --by ${req.by}，可用：${def.by.join('、')}。`,
    );
  }
  if (req.year !== undefined && (!Number.isInteger(req.year) || req.year < 2000 || req.year > 2100)) {
    throw new FpjcError('USAGE', `--year「${req.year}」不是有效的年度，应为 2000 到 2100 之间的四位年份。`);
  }
}

export interface ResolvedScope {
  ids: ScopeIds;
  township: string | undefined;
  village: string | undefined;
}

export function resolveScope(register: Register, req: Pick<ReportRequest, 'township' | 'village'>): ResolvedScope {
  const { db } = register;
  let townshipId: number | undefined;
  let township: string | undefined;
  if (req.township) {
    const found = findTownships(db, req.township);
    if (found.length === 0)
      throw new FpjcError(
        'NOT_FOUND',
        `登记库中没有乡镇「${req.township}」。请检查名称（运行 fpjc status 查看乡镇数）。`,
      );
    townshipId = found[0]!.id;
    township = found[0]!.name;
  }
  if (!req.village) return { ids: { townshipId }, township, village: undefined };
  const villages = findVillages(db, req.village, townshipId);
  if (villages.length === 0) {
    throw new FpjcError(
      'NOT_FOUND',
      `登记库中${township ? `乡镇「${township}」下` : ''}没有村「${req.village}」。请检查名称。`,
    );
  }
  if (villages.length > 1) {
    throw new FpjcError(
      'USAGE',
      `有 ${formatCount(villages.length)} 个村叫「${req.village}」（${villages.map((v) => v.township).join('、')}），请同时用 --township 指定乡镇。`,
    );
  }
  const v = villages[0]!;
  return { ids: { townshipId: v.townshipId, villageId: v.id }, township: v.township, village: v.name };
}

function unitsOf(ctx: ReportContext, def: ReportDef, scope: ResolvedScope, by: By): { units: Unit[]; skipped: number } {
  const { db } = ctx;
  if (by === 'county' || (by === 'township' && scope.village)) {
    return {
      units: [
        {
          level: scope.village ? 'village' : scope.township ? 'township' : 'county',
          township: scope.township,
          village: scope.village,
          ids: scope.ids,
        },
      ],
      skipped: 0,
    };
  }
  const explicit = by === 'township' ? scope.township !== undefined : scope.village !== undefined;
  const all: Unit[] =
    by === 'township'
      ? listTownships(db, scope.ids).map((t) => ({
          level: 'township',
          township: t.name,
          village: undefined,
          ids: { townshipId: t.id },
          code: t.code ?? undefined,
        }))
      : listVillages(db, scope.ids).map((v) => ({
          level: 'village',
          township: v.township,
          village: v.name,
          ids: { townshipId: v.townshipId, villageId: v.id },
          code: v.code ?? undefined,
        }));
  if (explicit || !def.count) return { units: all, skipped: 0 };
  const counts = def.count(ctx, by, scope.ids);
  const units = all.filter(
    (u) => (counts.get((by === 'township' ? u.ids.townshipId : u.ids.villageId) ?? -1) ?? 0) > 0,
  );
  return { units, skipped: all.length - units.length };
}

function fileParts(ctx: ReportContext, unit: Unit): string[] {
  if (unit.township || unit.village) return [unit.township ?? '', unit.village ?? ''];
  return [ctx.county.countyName || '全县'];
}

const rowsOf = (def: ReportDef, items: Record<string, number>): number =>
  (typeof def.mainList === 'string' ? [def.mainList] : def.mainList).reduce((n, l) => n + (items[l] ?? 0), 0);

/** A report that failed part-way says which files it had already written (they are complete). */
function withWritten(err: unknown, written: string[]): unknown {
  if (!(err instanceof FpjcError)) return err;
  const names = written.map((f) => `  ${f}`).join('\n');
  return new FpjcError(
    err.code,
    written.length
      ? `${err.message}\n在此之前已写成 ${written.length} 个文件（完整可用）：\n${names}\n其余的文件没有生成。`
      : `${err.message}\n没有生成任何文件。`,
    { cause: err.cause ?? err, exitCode: err.exitCode, details: { ...err.details, written } },
  );
}

/**
 * Run one report: resolve the scope, compile its template (the county's copy under --templates
 * when present), and write one file per unit through a temp file renamed into place. All the
 * register reads happen in one read transaction, so the numbers agree with each other.
 */
export async function runReport(
  register: Register,
  req: ReportRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<ReportResult> {
  const def = findReport(req.id);
  checkOptions(def, req);
  const { db } = register;
  db.exec('BEGIN');
  try {
    const scope = resolveScope(register, req);
    const asOf = req.asOf ?? todayIso();
    const asOfYear = Number(asOf.slice(0, 4));
    let campaign: ReportContext['campaign'];
    if (req.campaign) {
      campaign = findCampaign(db, req.campaign);
      if (!campaign) {
        const ids = campaignIds(db);
        throw new FpjcError(
          'NOT_FOUND',
          `没有排查批次「${req.campaign}」。${ids.length ? `已有的批次：${ids.slice(0, 10).join('、')}` : '登记库中还没有排查批次（先运行 fpjc screen）'}。`,
        );
      }
    }
    const ctx: ReportContext = {
      db,
      county: readSettings(db),
      asOf,
      year: req.year ?? asOfYear,
      policy: resolvePolicy(asOfYear, readPolicyOverrides(db, asOfYear)),
      campaign,
      operator: req.operator,
      quality: req.quality,
    };
    const by = req.by ?? (def.by.includes(def.defaultBy) ? def.defaultBy : 'county');
    const { units, skipped } = unitsOf(ctx, def, scope, by);
    const target = resolveOutput(req.out, register.file, units.length > 1);
    const template = resolveTemplate(def.template, req.templates);
    const compiled: CompiledTemplate = await loadTemplate(template.path, def.shape);

    const names = target.file
      ? [path.basename(target.file)]
      : unitFileNames(
          target.dir,
          units.map((u) => ({ parts: fileParts(ctx, u), code: u.code })),
          def.title,
        );
    // temp files of an earlier run of this report that was killed (they hold ID numbers)
    removeStaleTemps(target.dir, (name) =>
      target.file ? name === path.basename(target.file) : name.endsWith(`${def.title}.xlsx`) || names.includes(name),
    );

    const files: ReportFile[] = [];
    const written: string[] = [];
    onProgress?.(0, units.length);
    // A file's rows are read and written in turn; closing it (compression, disk writes) runs
    // while the next file is filled, at most FINISHING files at a time. The register is only
    // read while filling, so reads never overlap.
    const finishing = new Set<Promise<void>>();
    let failure: unknown;
    let done = 0;
    for (const [i, unit] of units.entries()) {
      if (failure) break;
      const file = target.file ?? path.join(target.dir, names[i]!);
      const data = def.data(ctx, unit);
      let started: Awaited<ReturnType<typeof startAtomicWrite<{ items: Record<string, number> }>>>;
      try {
        started = await startAtomicWrite(file, (tmp) => startRender(compiled, data, tmp));
      } catch (err) {
        failure = err;
        break;
      }
      const { result, finished } = started;
      files.push({
        file,
        rows: rowsOf(def, result.items),
        scope: { 乡镇: unit.township ?? null, 村: unit.village ?? null },
      });
      const tracked: Promise<void> = finished.then(
        () => {
          finishing.delete(tracked);
          written.push(file);
          onProgress?.(++done, units.length);
        },
        (err: unknown) => {
          finishing.delete(tracked);
          failure ??= err;
        },
      );
      finishing.add(tracked);
      if (finishing.size >= FINISHING) await Promise.race(finishing);
    }
    await Promise.all(finishing);
    if (failure) throw withWritten(failure, written);
    return {
      report: def.id,
      title: def.title,
      kind: def.kind,
      template: template.path,
      customTemplate: template.custom,
      outDir: target.dir,
      asOf,
      year: ctx.year,
      files,
      skipped,
      notes: def.notes?.(ctx, units) ?? [],
    };
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}
