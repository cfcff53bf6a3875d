import { FpjcError } from '../domain/errors.js';
import { alerts } from './defs/alerts.js';
import { authorization, collectionForm, publicity, reviewLedger } from './defs/casework.js';
import { elimination, visitForm } from './defs/elimination.js';
import { ledger } from './defs/ledger.js';
import { quality } from './defs/quality.js';
import { roster } from './defs/roster.js';
import { campaignProgress, screeningList } from './defs/screening.js';
import { summary } from './defs/summary.js';
import { surveyForm } from './defs/survey-form.js';
import type { ReportDef } from './types.js';

/**
 * Every report of `fpjc report`. A new report (screening list, campaign progress, publicity,
 * elimination approval …) plugs in by adding one entry: its id, Chinese title, template file,
 * the scope options it takes, how it splits into files, the names its template may use, and a
 * data function over the register. The engine, the commands, `report list` and the template
 * checks pick it up from here.
 */
export const REPORTS: readonly ReportDef[] = [
  summary,
  ledger,
  surveyForm,
  alerts,
  roster,
  screeningList,
  campaignProgress,
  publicity,
  reviewLedger,
  collectionForm,
  authorization,
  quality,
  elimination,
  visitForm,
];

export function findReport(id: string): ReportDef {
  const def = REPORTS.find((r) => r.id === id || r.title === id);
  if (!def) {
    throw new FpjcError(
      'USAGE',
      `没有名为「${id}」的报表。可用的报表：${REPORTS.map((r) => `${r.id}（${r.title}）`).join('、')}。运行 fpjc report list 查看说明。`,
    );
  }
  return def;
}
