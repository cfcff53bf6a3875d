/**
 * The rows above a national export's header: a title (`（自定义）监测对象信息`) and an export-info
 * line such as `导出时间：2023-12-18` or `导出人：张三  导出时间：2023年12月18日 10:20`. The income and
 * 风险消除后 columns name no 年度; the export date says which year they are (docs/import-formats.md).
 */
import type { RawCell } from '../io/raw-row.js';

const DATE = /导出(?:时间|日期)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

/** The export date written above the header (`YYYY-MM-DD`), or null. */
export function exportDateOf(rows: readonly (readonly RawCell[])[]): string | null {
  for (const cells of rows) {
    for (const c of cells) {
      if (typeof c !== 'string') continue;
      const m = DATE.exec(c.normalize('NFKC'));
      if (!m) continue;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) continue;
      return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
  }
  return null;
}

export interface IncomeYear {
  year: number;
  /** How it was found, for the summary: `--year`, or the export date and the reading applied. */
  how: string;
}

/**
 * 年度 of a per-person export's numbers: `--year`; else from the export date — the year the county
 * set for exports of that year (policy exportIncomeYear), or the calendar year before the export
 * (an export of 2023-12-18 carries 2022's numbers unless the county says otherwise); else null.
 */
export function incomeYearOf(
  flag: number | undefined,
  exportDate: string | null,
  policyYear: (exportYear: number) => number | undefined,
): IncomeYear | null {
  if (flag !== undefined) return { year: flag, how: `按 --year ${flag}` };
  if (!exportDate) return null;
  const exportYear = Number(exportDate.slice(0, 4));
  const set = policyYear(exportYear);
  if (set !== undefined) {
    return { year: set, how: `按导出时间 ${exportDate} 和本县设置（${exportYear} 年导出的收入为 ${set} 年度）` };
  }
  return { year: exportYear - 1, how: `按导出时间 ${exportDate}，取上一年 ${exportYear - 1} 年度` };
}
