import { isFpjcError } from '../../domain/errors.js';
import { parseDate } from '../../domain/normalize.js';
import { listCases } from '../../register/cases-repo.js';
import type { Register } from '../../register/connection.js';
import { type CaseRecord, caseRecords, decideOne, today } from '../../services/case-service.js';
import { publicize } from '../../services/review-service.js';
import { showHousehold } from '../../services/show-service.js';
import type { CheckName, WorkflowDef } from '../../workflow/stages.js';
import { renderCaseSummary } from '../render/case-summary.js';
import { isPromptExit, type Prompter } from './prompter.js';

/**
 * Bare `fpjc review` / `fpjc eliminate` in a terminal: choose a township and a village, then walk
 * its pending cases one at a time (household summary, then the decision of the current stage),
 * confirming each before it is written. Every write goes through the same service as
 * `decide`, so the guards are the same.
 */

export interface WalkResult {
  township: string | null;
  village: string | null;
  decided: CaseRecord[];
  skipped: number;
  publicized: number;
}

type Action = '通过' | '不通过' | 'publicize' | 'skip' | 'stop';

const dateCheck = (v: string): true | string => {
  const r = parseDate(v);
  return r.ok ? true : `${r.message}，格式如 2024-06-01`;
};
const normDate = (v: string): string => {
  const r = parseDate(v);
  return r.ok ? r.value : v;
};

function countBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
}

export async function walkCases(
  register: Register,
  def: WorkflowDef,
  prompter: Prompter,
  operator: string,
  now: string = today(),
): Promise<WalkResult> {
  const result: WalkResult = { township: null, village: null, decided: [], skipped: 0, publicized: 0 };
  try {
    await walk(register, def, prompter, operator, now, result);
  } catch (err) {
    if (!isPromptExit(err)) throw err;
    prompter.print('已退出。');
  }
  return result;
}

async function walk(
  register: Register,
  def: WorkflowDef,
  p: Prompter,
  operator: string,
  now: string,
  result: WalkResult,
): Promise<void> {
  const { db } = register;
  const open = listCases(db, { kind: def.kind, status: '办理中' });
  if (open.length === 0) {
    p.print(`没有办理中的${def.kind}案件。`);
    return;
  }
  const townships = countBy(open, (c) => c.township);
  const township = await p.select(
    '选择乡镇',
    [...townships].map(([name, n]) => ({ name: `${name}（${n} 件）`, value: name })),
  );
  result.township = township;
  const villages = countBy(
    open.filter((c) => c.township === township),
    (c) => c.village,
  );
  const village = await p.select(
    '选择村',
    [...villages].map(([name, n]) => ({ name: `${name}（${n} 件）`, value: name })),
  );
  result.village = village;
  const pending = open.filter((c) => c.township === township && c.village === village);
  let publicized = false;
  for (let i = 0; i < pending.length; i++) {
    const [c] = caseRecords(db, listCases(db, { kind: def.kind, hhNo: pending[i]!.hhNo, status: '办理中' }), now);
    if (!c) continue;
    p.print(renderCaseSummary(c, showHousehold(register, c.户编号), i + 1, pending.length));
    const waitingPublicity = c.stage === '公示' && !c.公示开始;
    const choices: { name: string; value: Action }[] = waitingPublicity
      ? [
          ...(publicized ? [] : [{ name: `开始本村公示（今天起）`, value: 'publicize' as const }]),
          { name: '跳过', value: 'skip' },
          { name: '结束', value: 'stop' },
        ]
      : [
          { name: `「${c.stage}」通过`, value: '通过' },
          { name: `「${c.stage}」不通过`, value: '不通过' },
          { name: '跳过', value: 'skip' },
          { name: '结束', value: 'stop' },
        ];
    const action = await p.select(`案件 ${c.案件号}：${waitingPublicity ? '待公示' : `办理「${c.stage}」`}`, choices);
    if (action === 'stop') return;
    if (action === 'skip') {
      result.skipped++;
      continue;
    }
    if (action === 'publicize') {
      const r = await publicize(register, def, { village, township, operator, now });
      publicized = true;
      result.publicized += r.cases.length;
      p.print(
        `已开始公示：${r.cases.length} 户，${r.start} 至 ${r.end}。${r.report?.files[0] ? `公示名单：${r.report.files[0].file}` : ''}`,
      );
      continue;
    }
    await decideCase(register, def, p, operator, now, c, action, result);
  }
  p.print(`本村待办案件已看完：办理 ${result.decided.length} 件，跳过 ${result.skipped} 件。`);
}

async function decideCase(
  register: Register,
  def: WorkflowDef,
  p: Prompter,
  operator: string,
  now: string,
  c: CaseRecord,
  decision: '通过' | '不通过',
  result: WalkResult,
): Promise<void> {
  const opinion = await p.input(decision === '不通过' ? '意见（研判结果，必填）' : '意见', {
    ...(decision === '通过' ? { default: '同意' } : {}),
    validate: (v) => (decision === '不通过' && v.trim() === '' ? '不通过须写明理由' : true),
  });
  const date = normDate(await p.input('决定日期', { default: now, validate: dateCheck }));
  const checks: Partial<Record<CheckName, string>> = {};
  const first = def.stages[0]!;
  if (decision === '通过' && c.stage === first.name) {
    for (const check of first.checks)
      checks[check] = normDate(await p.input(`${check}日期`, { default: date, validate: dateCheck }));
  }
  const ok = await p.confirm(
    `确认：案件 ${c.案件号}（${c.户主姓名 ?? c.户编号}）「${c.stage}」${decision}，写入登记库？`,
    true,
  );
  if (!ok) {
    result.skipped++;
    return;
  }
  try {
    const after = decideOne(register, def, {
      caseNo: c.案件号,
      stage: c.stage,
      decision,
      opinion,
      date,
      checks,
      operator,
      now,
    });
    result.decided.push(after);
    p.print(`已办理：${after.案件号} ${after.status === '办理中' ? `下一环节「${after.stage}」` : after.status}`);
  } catch (err) {
    if (!isFpjcError(err) || err.code !== 'REFUSED') throw err;
    p.print(`未办理：${err.message}`);
    result.skipped++;
  }
}
