import { z } from 'zod';
import { birthFromId, sexFromId } from './id-number.js';
import { sinceDay, untilDay } from './normalize.js';

/** A parsed row: register column → stored value (only the columns the file carries). */
export type ParsedRow = Record<string, string | number | null>;

/**
 * An object with `keys` (all null) to copy rows from: `{ ...template }` then filling its keys.
 * V8 keeps an object built key by key with computed names in fast mode only up to about 16
 * keys and turns it into a hash table after that (a 27- or 102-column row was one); a copy of
 * this template keeps the shared layout, about half the memory and faster reads.
 */
export function rowTemplate(keys: readonly string[]): ParsedRow {
  const entries: Record<string, null> = Object.create(null);
  for (const k of keys) entries[k] = null;
  // JSON.parse builds its objects in fast mode whatever their size
  return JSON.parse(JSON.stringify(entries)) as ParsedRow;
}

/** Two lists of column names, name by name (cheaper than joining them for every row). */
export function sameColumnNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export interface RowIssue {
  /** Register column the problem is about (mapped to the file's header by the caller). */
  column: string;
  message: string;
}

const num = z.number().nullish();
const str = z.string().nullish();

/** The records an import row turns into (one per kind, several for the per-person national export). */
export type RecordTarget =
  | 'region'
  | 'household'
  | 'monitoring'
  | 'member'
  | 'income'
  | 'measure'
  | 'alert'
  | 'alertResult'
  | 'visit'
  | 'elimination'
  | 'workPeriod'
  | 'workPlan'
  | 'villageStats';

/**
 * Record-level rules beyond single cells (SPEC §5): ranges and consistency between columns of one
 * record. Cell formats are checked before, when each cell is parsed.
 */
const schemas: Partial<Record<RecordTarget, z.ZodType<ParsedRow>>> = {
  member: z
    .object({
      id_no: z.string(),
      id_type: str,
      sex: str,
      birth_date: str,
      work_months: num.refine((v) => v == null || v <= 12, { message: '务工时间（月）应在 0–12 之间' }),
      public_post_months: num.refine((v) => v == null || v <= 12, { message: '公益性岗位月数应在 0–12 之间' }),
    })
    .passthrough()
    .superRefine((r, ctx) => {
      const isResidentId = !r.id_type || r.id_type === '居民身份证';
      if (!isResidentId) return;
      const idSex = sexFromId(r.id_no);
      if (r.sex && idSex && r.sex !== idSex) {
        ctx.addIssue({
          code: 'custom',
          path: ['sex'],
          message: `性别「${r.sex}」与身份证号不符（号码第 17 位表示${idSex}）`,
        });
      }
      const idBirth = birthFromId(r.id_no);
      if (r.birth_date && idBirth && r.birth_date !== idBirth) {
        ctx.addIssue({
          code: 'custom',
          path: ['birth_date'],
          message: `出生日期「${r.birth_date}」与身份证号中的出生日期 ${idBirth} 不符`,
        });
      }
    }) as unknown as z.ZodType<ParsedRow>,
  income: z
    .object({
      year: z.number(),
      size: num.refine((v) => v == null || (v >= 1 && v <= 50), { message: '家庭人口数应在 1–50 之间' }),
    })
    .passthrough() as unknown as z.ZodType<ParsedRow>,
  household: z
    .object({
      size_declared: num.refine((v) => v == null || (v >= 1 && v <= 50), { message: '家庭人口数应在 1–50 之间' }),
    })
    .passthrough() as unknown as z.ZodType<ParsedRow>,
  monitoring: z
    .object({
      mon_category: str,
      risk_eliminated: num,
      elimination_method: str,
      eliminated_month: str,
      identified_month: str,
    })
    .passthrough()
    .superRefine((r, ctx) => {
      const risks = [1, 2, 3, 4, 5].map((i) => r[`risk${i}`]).filter((v) => v !== null && v !== undefined);
      if (new Set(risks).size !== risks.length) {
        ctx.addIssue({ code: 'custom', path: ['risk1'], message: '致贫返贫风险1–5 中有重复的风险类型' });
      }
      // a blank 监测对象类别 (null; undefined = the file has no such column)
      if (r.mon_category === null && risks.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['mon_category'],
          message: '填了致贫返贫风险，但「监测对象类别」为空；非监测对象不应有风险类型',
        });
      }
      if (r.mon_category === null && (r.risk_eliminated === 1 || r.elimination_method || r.eliminated_month)) {
        ctx.addIssue({
          code: 'custom',
          path: ['mon_category'],
          message: '填了风险消除信息，但「监测对象类别」为空；非监测对象不应有风险消除信息',
        });
      }
      if (r.elimination_method && r.risk_eliminated === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['elimination_method'],
          message: '「风险是否已消除」为否，却填了「风险消除方式」',
        });
      }
      if (
        typeof r.identified_month === 'string' &&
        typeof r.eliminated_month === 'string' &&
        r.eliminated_month < r.identified_month
      ) {
        ctx.addIssue({ code: 'custom', path: ['eliminated_month'], message: '风险消除时间早于识别监测时间' });
      }
    }) as unknown as z.ZodType<ParsedRow>,
  measure: z
    .object({ start_date: str, end_date: str })
    .passthrough()
    .superRefine((r, ctx) => {
      // month-precision bounds: a period ending 2024-03 lasts to 31 March
      if (r.start_date && r.end_date && untilDay(r.end_date) < sinceDay(r.start_date)) {
        ctx.addIssue({ code: 'custom', path: ['end_date'], message: '结束时间早于开始时间' });
      }
    }) as unknown as z.ZodType<ParsedRow>,
  workPeriod: z
    .object({ start_month: str, end_month: str, monthly_wage: num })
    .passthrough()
    .superRefine((r, ctx) => {
      if (r.start_month && r.end_month && r.end_month < r.start_month) {
        ctx.addIssue({ code: 'custom', path: ['end_month'], message: '结束时间早于开始时间' });
      }
    }) as unknown as z.ZodType<ParsedRow>,
  visit: z
    .object({ result: z.string(), note: str, category: str, risks: str })
    .passthrough()
    .superRefine((r, ctx) => {
      if (r.result === '建议纳入监测') {
        if (!r.category)
          ctx.addIssue({ code: 'custom', path: ['category'], message: '研判结果为「建议纳入监测」时必须填写类别' });
        if (!r.risks)
          ctx.addIssue({ code: 'custom', path: ['risks'], message: '研判结果为「建议纳入监测」时必须填写风险类型' });
      }
      if (r.result === '其他' && !r.note) {
        ctx.addIssue({ code: 'custom', path: ['note'], message: '研判结果为「其他」时请在「说明」中写明情况' });
      }
    }) as unknown as z.ZodType<ParsedRow>,
};

/** The columns each schema reads: only those are handed to zod (a county file has a million rows). */
const schemaKeys = new Map<RecordTarget, readonly string[]>(
  Object.entries(schemas).map(([t, s]) => [
    t as RecordTarget,
    Object.keys((s as unknown as { shape?: Record<string, unknown> }).shape ?? {}).concat(
      t === 'monitoring' ? ['risk1', 'risk2', 'risk3', 'risk4', 'risk5'] : [],
    ),
  ]),
);

export function checkRecord(target: RecordTarget, row: ParsedRow): RowIssue[] {
  const schema = schemas[target];
  if (!schema) return [];
  const picked: ParsedRow = {};
  for (const k of schemaKeys.get(target) ?? []) if (k in row) picked[k] = row[k]!;
  const r = schema.safeParse(picked);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ column: String(i.path[0] ?? ''), message: i.message }));
}
