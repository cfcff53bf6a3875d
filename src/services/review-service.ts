import { FpjcError } from '../domain/errors.js';
import { matchVocab, matchVocabMulti } from '../domain/vocab.js';
import { ChangeLog } from '../register/audit.js';
import {
  type CaseRow,
  caseByNo,
  casesFromSource,
  insertCase,
  listCases,
  nextCaseNo,
  openCaseNumbers,
  openCaseOf,
  updateCase,
} from '../register/cases-repo.js';
import type { Register } from '../register/connection.js';
import { monitoringState } from '../register/monitoring-repo.js';
import { proposedVisits } from '../register/review-repo.js';
import { openingRefusal, startPublicity } from '../workflow/engine.js';
import { IDENTIFICATION, type WorkflowDef } from '../workflow/stages.js';
import { type CaseRecord, caseRecords, parseDay, policyAt, refusal, today, writeAll } from './case-service.js';
import type { ReportResult } from './report-service.js';
import { requireCampaign, resolveScopeFilter } from './screen-service.js';

/**
 * `fpjc review`: identification cases from a lead to a 监测对象 (SPEC §7; seeds 000, 001). Opening
 * (one case, or every 建议纳入监测 visit result of a campaign) and the 公示 live here; decisions,
 * lists and `show` are shared with elimination (case-service.ts, decision-file.ts).
 */

export const REVIEW_SOURCES = ['集中排查', '农户自主申报', '部门预警', '干部排查'] as const;

export interface AddResult {
  opened: CaseRecord[];
  skipped: { 户编号: string; reason: string }[];
  dryRun: boolean;
}

export interface AddRequest {
  household: string;
  source: string;
  category: string;
  risks: string;
  disasterSub?: string | undefined;
  alert?: number | undefined;
  campaign?: string | undefined;
  note?: string | undefined;
  date?: string | undefined;
  operator: string;
  dryRun?: boolean | undefined;
  now?: string | undefined;
}

interface Proposal {
  hhNo: string;
  category: string;
  risks: string;
  disasterSub: string | null;
  source: string;
  sourceRef: string | null;
  openedAt: string;
  note: string | null;
}

/** Open one identification case in the caller's transaction; a refusal throws `REFUSED`. */
export function openIdentification(register: Register, log: ChangeLog, def: WorkflowDef, p: Proposal): CaseRow {
  const { db } = register;
  const state = monitoringState(db, p.hhNo);
  if (state === undefined) {
    throw new FpjcError('NOT_FOUND', `登记库中没有户编号为「${p.hhNo}」的户。请核对户编号（按文本保存，注意前导零）。`);
  }
  const open = openCaseOf(db, p.hhNo, def.kind);
  const r = openingRefusal(def, { hhNo: p.hhNo, openCase: open?.caseNo ?? null, monitoring: state });
  if (r) throw refusal(r);
  const caseNo = nextCaseNo(db, def.prefix, Number(p.openedAt.slice(0, 4)));
  insertCase(db, log, {
    caseNo,
    hhNo: p.hhNo,
    kind: def.kind,
    source: p.source,
    sourceRef: p.sourceRef,
    stage: def.stages[0]!.name,
    openedAt: p.openedAt,
    category: p.category,
    risks: p.risks,
    disasterSub: p.risks.split(',').includes('因自然灾害') ? p.disasterSub : null,
    method: null,
    note: p.note,
  });
  return caseByNo(db, caseNo)!;
}

export function parseCategory(raw: string, flag = '--category'): string {
  const m = matchVocab('monitoredCategory', raw);
  if (!m.ok) throw new FpjcError('USAGE', `${flag}「${raw}」不对：${m.message}`);
  return m.value;
}

export function parseRisks(raw: string, flag = '--risk'): string {
  const m = matchVocabMulti('riskType', raw);
  if (!m.ok) throw new FpjcError('USAGE', `${flag}「${raw}」不对：${m.message}`);
  return m.value;
}

export function parseDisasterSub(raw: string | undefined): string | null {
  if (!raw) return null;
  const m = matchVocab('disasterSub', raw);
  if (!m.ok) throw new FpjcError('USAGE', `--disaster-sub「${raw}」不对：${m.message}`);
  return m.value;
}

function alertRef(register: Register, hhNo: string, alertId: number): string {
  const a = register.db.prepare('SELECT id, hh_no, verify_result FROM alerts WHERE id = ?').get(alertId) as
    | { id: number; hh_no: string | null; verify_result: string | null }
    | undefined;
  if (!a)
    throw new FpjcError(
      'USAGE',
      `没有编号为 ${alertId} 的部门预警。用 fpjc show household ${hhNo} 查看该户的预警及其编号。`,
    );
  if (a.hh_no !== hhNo) {
    throw new FpjcError(
      'REFUSED',
      `预警 ${alertId} 不是户 ${hhNo} 的预警${a.hh_no ? `（属于户 ${a.hh_no}）` : '（未匹配到户）'}，请核对。`,
    );
  }
  if (a.verify_result === '不属实') {
    throw new FpjcError('REFUSED', `预警 ${alertId} 已核实为「不属实」，不能据此立案。如情况有变，请先重新核实。`);
  }
  return String(alertId);
}

/** `review add --household …`: one case. */
export function addCase(register: Register, req: AddRequest): AddResult {
  const now = req.now ?? today();
  if (!(REVIEW_SOURCES as readonly string[]).includes(req.source)) {
    throw new FpjcError('USAGE', `--source「${req.source}」不对，应为：${REVIEW_SOURCES.join('、')}。`);
  }
  const category = parseCategory(req.category);
  const risks = parseRisks(req.risks);
  const disasterSub = parseDisasterSub(req.disasterSub);
  const openedAt = req.date ? parseDay(req.date, '--date') : now;
  if (openedAt > now) throw new FpjcError('USAGE', `--date ${openedAt} 晚于今天，请核对日期。`);
  const hhNo = req.household.trim();
  let sourceRef: string | null = null;
  if (req.alert !== undefined) sourceRef = alertRef(register, hhNo, req.alert);
  else if (req.source === '部门预警') {
    throw new FpjcError('USAGE', '来源为「部门预警」时请用 --alert 给出预警编号（fpjc show household 可查到）。');
  }
  if (req.campaign) sourceRef = requireCampaign(register, req.campaign.trim()).id;
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(register.db, {
      operator: req.operator,
      command: 'review add',
      reason: `${req.source}：识别立案`,
    });
    const c = openIdentification(register, log, IDENTIFICATION, {
      hhNo,
      category,
      risks,
      disasterSub,
      source: req.source,
      sourceRef,
      openedAt,
      note: req.note?.trim() || null,
    });
    return { opened: caseRecords(register.db, [c], now), skipped: [], dryRun: Boolean(req.dryRun) };
  });
}

/**
 * `review add --from-campaign 2024Q2`: every 建议纳入监测 visit result of the campaign becomes a
 * case with the visit's 类别 and 风险类型, opened on the visit's date. Re-running opens none twice;
 * households that cannot be opened are listed with the reason.
 */
export function addFromCampaign(
  register: Register,
  req: {
    campaign: string;
    township?: string | undefined;
    operator: string;
    dryRun?: boolean | undefined;
    now?: string;
  },
): AddResult {
  const now = req.now ?? today();
  const campaign = requireCampaign(register, req.campaign.trim());
  const scope = resolveScopeFilter(register, req.township);
  const { db } = register;
  const visits = proposedVisits(db, campaign.id, scope.townshipId);
  const already = casesFromSource(db, '集中排查', campaign.id);
  const open = openCaseNumbers(db, '识别');
  const skipped: AddResult['skipped'] = [];
  return writeAll(register, Boolean(req.dryRun), () => {
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: 'review add --from-campaign',
      reason: `${campaign.id} 建议纳入监测的农户识别立案`,
    });
    const opened: CaseRow[] = [];
    for (const v of visits) {
      const skip = (reason: string) => skipped.push({ 户编号: v.hhNo, reason });
      if (already.has(v.hhNo)) {
        skip(`已据本批次排查结果立案（案件 ${already.get(v.hhNo)}）`);
        continue;
      }
      if (open.has(v.hhNo)) {
        skip(`已有办理中的识别案件 ${open.get(v.hhNo)}`);
        continue;
      }
      if (v.unresolved) {
        skip('已是风险未消除的监测对象');
        continue;
      }
      const category = v.category ? matchVocab('monitoredCategory', v.category) : null;
      const risks = v.risks ? matchVocabMulti('riskType', v.risks) : null;
      if (!category?.ok || !risks?.ok) {
        skip(
          `入户排查结果缺少${!category?.ok ? '「类别」' : ''}${!risks?.ok ? '「风险类型」' : ''}，请补填后重新导入排查结果，或用 fpjc review add --household 立案`,
        );
        continue;
      }
      opened.push(
        openIdentification(register, log, IDENTIFICATION, {
          hhNo: v.hhNo,
          category: category.value,
          risks: risks.value,
          disasterSub: null,
          source: '集中排查',
          sourceRef: campaign.id,
          openedAt: v.visitDate && v.visitDate <= now ? v.visitDate : now,
          note: v.note,
        }),
      );
    }
    return { opened: caseRecords(db, opened, now), skipped, dryRun: Boolean(req.dryRun) };
  });
}

export interface PublicizeResult {
  kind: WorkflowDef['kind'];
  township: string | null;
  village: string | null;
  /** The villages whose 公示 started, with their cases. */
  villages: { 乡镇: string; 村: string; count: number }[];
  start: string;
  end: string;
  days: number;
  cases: CaseRecord[];
  dryRun: boolean;
  report: ReportResult | null;
}

/**
 * `review publicize --village 村 [--start]` (and `eliminate publicize`): the 公示 of every case of
 * the village waiting at its 公示 stage starts on one day for the policy's days; then the
 * village's 公示名单 is written. `--township` (or `--all`) does it for every village of the
 * township (county) with cases waiting. Nothing to publicize is a refusal that says where the
 * cases wait.
 */
export async function publicize(
  register: Register,
  def: WorkflowDef,
  req: {
    village?: string | undefined;
    township?: string | undefined;
    all?: boolean | undefined;
    start?: string | undefined;
    out?: string | undefined;
    templates?: string | undefined;
    operator: string;
    dryRun?: boolean | undefined;
    now?: string;
  },
): Promise<PublicizeResult> {
  if (!req.village && !req.township && !req.all) {
    throw new FpjcError('USAGE', '请用 --village 指定村（或 --township 指定乡镇、--all 全县）。');
  }
  const now = req.now ?? today();
  const scope = resolveScopeFilter(register, req.township, req.village);
  const start = req.start ? parseDay(req.start, '--start') : now;
  const days = policyAt(register.db, start)[def.publicityDaysKey];
  const { db } = register;
  const where = `${scope.township ?? '全县'}${scope.village ?? ''}`;
  const result = writeAll(register, Boolean(req.dryRun), () => {
    const filter = { kind: def.kind, townshipId: scope.townshipId, villageId: scope.villageId };
    const waiting = listCases(db, { ...filter, awaitingPublicity: true });
    if (waiting.length === 0) {
      const open = listCases(db, { ...filter, status: '办理中' });
      const why = open.length
        ? `办理中的${def.kind}案件都不在待公示环节（${[...new Set(open.map((c) => c.stage))].join('、')}）`
        : `没有办理中的${def.kind}案件`;
      throw new FpjcError(
        'REFUSED',
        `${where}没有待公示的${def.kind}案件：${why}。「${def.stages[0]!.name}」通过后才能公示。`,
      );
    }
    const log = new ChangeLog(db, {
      operator: req.operator,
      command: `${def.kind === '识别' ? 'review' : 'eliminate'} publicize`,
      reason: `${where}${def.kind}公示 ${start} 起 ${days} 天`,
    });
    let end = start;
    const villages = new Map<number, { 乡镇: string; 村: string; count: number }>();
    for (const c of waiting) {
      const t = startPublicity(def, c, start, days);
      if (!t.ok) throw refusal(t);
      end = t.end;
      updateCase(db, log, c, { publicity_start: t.start, publicity_end: t.end, publicity_village_id: c.villageId });
      const v = villages.get(c.villageId) ?? { 乡镇: c.township, 村: c.village, count: 0 };
      v.count++;
      villages.set(c.villageId, v);
    }
    return {
      cases: caseRecords(
        db,
        waiting.map((c) => caseByNo(db, c.caseNo)!),
        now,
      ),
      villages: [...villages.values()],
      end,
    };
  });
  const out: PublicizeResult = {
    kind: def.kind,
    township: scope.township,
    village: scope.village,
    villages: result.villages,
    start,
    end: result.end,
    days,
    cases: result.cases,
    dryRun: Boolean(req.dryRun),
    report: null,
  };
  if (!req.dryRun) {
    out.report = await (await import('./report-service.js')).runReport(register, {
      id: 'publicity',
      township: scope.township ?? undefined,
      village: scope.village ?? undefined,
      out: req.out,
      templates: req.templates,
      by: 'village',
      asOf: start,
      operator: req.operator,
    });
  }
  return out;
}
