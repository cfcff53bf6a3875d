import path from 'node:path';
import { FpjcError } from '../domain/errors.js';
import { XlsxWriter } from '../io/xlsx-writer.js';
import type { Register } from '../register/connection.js';
import { visitCandidates } from '../register/demo-visits-repo.js';
import { requireCampaign } from './screen-service.js';

/**
 * `fpjc demo visits`: the demo county's 入户排查结果 for a campaign, as a village would fill in
 * the 排查清单 — every household visited; in each 乡镇 the first few households flagged 纳入研判
 * judged 建议纳入监测 (with a 类别 and 风险类型 from their flags), the other flagged ones 不纳入 with
 * the reason. The file goes in with `fpjc import visits`, so the demo runs import → casework.
 */

/** 建议纳入监测 per 乡镇: a quarter's handful of new cases. */
const PROPOSED_PER_TOWNSHIP = 2;
const INCLUDE_RULES = ['R01', 'R04', 'R05', 'R09', 'R12'];
const RISK_OF_RULE: Record<string, string> = {
  R04: '因病',
  R05: '因病',
  R07: '因残',
  R08: '因务工就业不稳',
  R09: '因安全住房',
  R12: '缺劳动力',
  R02: '因务工就业不稳',
  R03: '因务工就业不稳',
  R06: '因病',
};
const HEADER = ['户编号', '排查日期', '排查人', '是否入户', '研判结果', '说明', '类别', '风险类型'];

export interface DemoVisitsResult {
  campaign: string;
  file: string;
  rows: number;
  proposed: number;
}

export async function writeDemoVisits(
  register: Register,
  req: { campaign: string; out?: string | undefined; date?: string | undefined },
): Promise<DemoVisitsResult> {
  const campaign = requireCampaign(register, req.campaign);
  const date = req.date ?? campaign.asOf;
  const rows = visitCandidates(register.db, campaign.id);
  if (rows.length === 0) throw new FpjcError('REFUSED', `排查批次 ${campaign.id} 没有排查范围内的户。`);
  const file = path.resolve(req.out ?? path.join(path.dirname(register.file), `${campaign.id}入户排查结果.xlsx`));
  const writer = await XlsxWriter.create(file);
  const sheet = writer.addSheet('入户排查结果', { columnWidths: [18, 12, 10, 8, 14, 40, 14, 16], textColumns: [0] });
  await sheet.addRow(HEADER, { bold: true });
  const proposedIn = new Map<number, number>();
  let proposed = 0;
  for (const r of rows) {
    const rules = r.rules ? r.rules.split(',') : [];
    let result = '不纳入';
    let note: string | null = rules.length ? '经入户核实，家庭收入稳定、“两不愁三保障”有保障，无返贫致贫风险' : null;
    let category: string | null = null;
    let risks: string | null = null;
    if (r.monitoring === 'unresolved') [result, note] = ['已是监测对象', null];
    else if (r.monitoring === 'eliminated') [result, note] = ['风险已稳定消除', null];
    else if (
      rules.some((x) => INCLUDE_RULES.includes(x)) &&
      (proposedIn.get(r.townshipId) ?? 0) < PROPOSED_PER_TOWNSHIP
    ) {
      proposedIn.set(r.townshipId, (proposedIn.get(r.townshipId) ?? 0) + 1);
      proposed++;
      result = '建议纳入监测';
      note = `入户核实存在返贫致贫风险（${rules.join('、')}）`;
      category =
        r.hhType === '脱贫户'
          ? '脱贫不稳定户'
          : rules.includes('R04') || rules.includes('R05')
            ? '突发严重困难户'
            : '边缘易致贫户';
      risks = [...new Set(rules.map((x) => RISK_OF_RULE[x]).filter(Boolean))].join(',') || '因务工就业不稳';
    }
    await sheet.addRow([r.hhNo, date, '演示排查员', '是', result, note, category, risks]);
  }
  await writer.close();
  return { campaign: campaign.id, file, rows: rows.length, proposed };
}
