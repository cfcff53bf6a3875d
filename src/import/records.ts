/**
 * Stage 3 of an import: the typed records a row turned into, and the facts derived within one
 * record before it is written (pure).
 */
import { checkRecord, type ParsedRow, type RecordTarget, type RowIssue } from '../domain/row-rules.js';
import { CARD_GRADE, CARD_TYPE } from './parse-row.js';

export type { RecordTarget };

export interface ImportRecord {
  target: RecordTarget;
  /** Register column → value (only the columns the file carries). */
  data: ParsedRow;
  /** Sheet row the record came from (a household of a per-person export: its first row). */
  line: number;
  /** Prefix of the file's column names for this record (`member.` in the per-person export). */
  scope: string;
  /** Other sheet rows the record stands for (the member rows of a household). */
  lines?: readonly number[];
  /** The file column the whole record comes from (a measure of a wide measure column). */
  sourceColumn?: string;
  /** A household met again in a per-person export: only its income's 家庭人口数 changes. */
  resize?: boolean;
}

/**
 * Facts derived inside one record, then the record's own rules. Returns the problems (register
 * columns); the record's data is completed in place.
 */
export function prepareRecord(rec: ImportRecord): RowIssue[] {
  const issues: RowIssue[] = [];
  if (rec.target === 'member') prepareMember(rec.data, issues);
  issues.push(...checkRecord(rec.target, rec.data));
  return issues;
}

function prepareMember(d: ParsedRow, issues: RowIssue[]): void {
  // 享受特困供养政策情况 (农村特困/城市特困/不享受) and 是否特困供养人员 are one fact
  if ('tekun_policy' in d) {
    const policy = d.tekun_policy;
    delete d.tekun_policy;
    if (typeof policy === 'string') {
      const tekun = policy === '不享受' ? 0 : 1;
      if (typeof d.tekun === 'number' && d.tekun !== tekun) {
        issues.push({
          column: 'tekun_policy',
          message: `「享受特困供养政策情况」为${policy}，与「是否特困供养人员」为${d.tekun === 1 ? '是' : '否'}矛盾`,
        });
      }
      d.tekun = tekun;
      d.tekun_scope = tekun === 1 ? policy : null;
    }
  }
  if (d.tekun === 0) d.tekun_scope = null;
  // a 残疾人证 number carries the disability category and grade
  const cardType = d[CARD_TYPE];
  const cardGrade = d[CARD_GRADE];
  delete d[CARD_TYPE];
  delete d[CARD_GRADE];
  if (typeof cardType === 'string' && typeof cardGrade === 'string') {
    if (d.id_type === undefined) d.id_type = '残疾人证';
    if (typeof d.disability_type === 'string' && d.disability_type !== cardType) {
      issues.push({
        column: 'disability_type',
        message: `残疾类别「${d.disability_type}」与残疾人证号第 19 位表示的「${cardType}」不符，请核对`,
      });
    } else d.disability_type = cardType;
    if (typeof d.disability_grade === 'string' && d.disability_grade !== cardGrade) {
      issues.push({
        column: 'disability_grade',
        message: `残疾等级「${d.disability_grade}」与残疾人证号第 20 位表示的「${cardGrade}」不符，请核对`,
      });
    } else d.disability_grade = cardGrade;
  }
}
