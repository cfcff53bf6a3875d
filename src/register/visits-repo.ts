import { FpjcError } from '../domain/errors.js';
import { MISSING } from '../screening/types.js';
import type { ChangeLog } from './audit.js';
import type { Db, Register } from './connection.js';
import type { KindWriter, WriteOutcome } from './import-writers.js';
import { type Row, Upserter } from './upsert.js';

/**
 * `fpjc import visits <file> --campaign …`: the 入户排查 results of a campaign, one per household,
 * upserted by (排查, campaign, 户编号) with a field-level audit. Checks against the register:
 * the household is in the campaign's scope; a 不纳入 for a flagged household carries its 说明
 * (seed 004: 对未纳入的有风险的户要逐户注明研判结果); the 研判结果 agrees with the household's
 * monitoring state.
 */

function campaignMissing(db: Db, id: string): FpjcError {
  const ids = (db.prepare('SELECT id FROM campaigns ORDER BY created_at DESC').pluck().all() as string[]).slice(0, 10);
  return new FpjcError(
    'USAGE',
    `登记库中没有排查批次「${id}」。${ids.length ? `已有的批次：${ids.join('、')}。` : ''}请检查 --campaign，或先运行 fpjc screen --campaign ${id} 生成排查批次。`,
  );
}

interface HouseholdState {
  mon_category: string | null;
  risk_eliminated: number | null;
}

const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export class VisitWriter implements KindWriter {
  private readonly upserter: Upserter;
  private readonly scope: Set<string>;
  private readonly flagged: Set<string>;
  private readonly state;
  private readonly today = todayIso();

  constructor(
    db: Db,
    log: ChangeLog,
    private readonly campaignId: string,
  ) {
    if (!db.prepare('SELECT 1 FROM campaigns WHERE id = ?').get(campaignId)) throw campaignMissing(db, campaignId);
    this.upserter = new Upserter(
      db,
      { table: 'visits', entity: 'visit', keyColumns: ['purpose', 'campaign_id', 'hh_no'] },
      log,
    );
    this.scope = new Set(
      db.prepare('SELECT hh_no FROM campaign_scope WHERE campaign_id = ?').pluck().all(campaignId) as string[],
    );
    this.flagged = new Set(
      db
        .prepare(`SELECT DISTINCT hh_no FROM campaign_flags WHERE campaign_id = ? AND category <> '${MISSING}'`)
        .pluck()
        .all(campaignId) as string[],
    );
    this.state = db.prepare('SELECT mon_category, risk_eliminated FROM households WHERE hh_no = ?');
  }

  write(input: Row): WriteOutcome {
    const hh = String(input.hh_no);
    if (!this.scope.has(hh)) {
      const known = this.state.get(hh) !== undefined;
      return {
        problem: {
          column: '户编号',
          value: hh,
          message: known
            ? `户编号 ${hh} 不在排查批次 ${this.campaignId} 的排查范围内（该批次只排查了部分乡镇），请核对户编号或批次`
            : `户编号 ${hh} 不在登记库中，请核对户编号`,
        },
      };
    }
    const result = input.result as string | null;
    const note = typeof input.note === 'string' ? input.note.trim() : '';
    if (result === '不纳入' && this.flagged.has(hh) && note === '') {
      return {
        problem: {
          column: '说明',
          value: '',
          message: '该户在本次排查中有预警线索，研判结果为「不纳入」时必须在「说明」中逐户注明研判理由',
        },
      };
    }
    const s = this.state.get(hh) as HouseholdState;
    const monitored = s.mon_category !== null;
    const eliminated = monitored && s.risk_eliminated === 1;
    if (result === '已是监测对象' && !monitored) {
      return {
        problem: {
          column: '研判结果',
          value: result,
          message: '登记库中该户不是监测对象，研判结果不能为「已是监测对象」；如需纳入请填「建议纳入监测」',
        },
      };
    }
    if (result === '风险已稳定消除' && !eliminated) {
      return {
        problem: {
          column: '研判结果',
          value: result,
          message: monitored
            ? '登记库中该户风险尚未消除，研判结果不能为「风险已稳定消除」'
            : '登记库中该户不是监测对象，研判结果不能为「风险已稳定消除」',
        },
      };
    }
    if (result === '建议纳入监测' && monitored && !eliminated) {
      return {
        problem: {
          column: '研判结果',
          value: result,
          message: '该户已是风险未消除的监测对象，研判结果应为「已是监测对象」',
        },
      };
    }
    if (typeof input.visit_date === 'string' && input.visit_date > this.today) {
      return {
        problem: { column: '排查日期', value: input.visit_date, message: '排查日期晚于今天，请核对' },
      };
    }
    const row: Row = { ...input, purpose: '排查', campaign_id: this.campaignId };
    return { outcome: this.upserter.upsert(row).outcome };
  }
}

/**
 * The visit writer factory `import` passes to the import service: checks up front that the
 * campaign is given and exists (a usage error, exit 2, before any row is read).
 */
export function visitWriterFor(
  register: Register,
  campaign: string | undefined,
  required: boolean,
): ((register: Register, log: ChangeLog) => KindWriter) | undefined {
  if (campaign === undefined || campaign.trim() === '') {
    if (required)
      throw new FpjcError(
        'USAGE',
        '导入入户排查结果（visits）需要用 --campaign 指定排查批次，例如 --campaign 2024Q2。',
      );
    return undefined;
  }
  const found = register.db
    .prepare('SELECT id FROM campaigns WHERE id = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1')
    .get(campaign.trim(), campaign.trim()) as { id: string } | undefined;
  if (!found) throw campaignMissing(register.db, campaign.trim());
  const id = found.id;
  return (r, log) => new VisitWriter(r.db, log, id);
}
