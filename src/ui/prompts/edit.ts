import type { StoredValue } from '../../domain/field-values.js';
import type { FieldDef } from '../../domain/fields.js';
import type { Assignment } from '../../services/edit-service.js';
import { renderTable } from '../table.js';
import type { Prompter } from './prompter.js';

/**
 * `fpjc edit member|household|income` in a terminal without --set: the record is shown, the clerk
 * picks a field and types the new value (checked as the edit will check it), as many as needed,
 * then gives the reason and confirms. Nothing is written here: the answers go to the same service.
 */
export async function promptEdit(
  prompter: Prompter,
  title: string,
  record: readonly { field: FieldDef; value: StoredValue }[],
  check: (name: string, value: string) => string | null,
  reason: string | undefined,
): Promise<{ assignments: Assignment[]; reason: string } | null> {
  const shown = (f: FieldDef, v: StoredValue): string =>
    v === null ? '' : f.type === 'bool' ? (v === 1 ? '是' : '否') : String(v);
  prompter.print(
    renderTable(
      ['字段', '现值'],
      record.map((r) => [r.field.header, shown(r.field, r.value)]),
      { title },
    ),
  );
  const assignments: Assignment[] = [];
  for (;;) {
    const field = await prompter.select(assignments.length ? '还要改哪一项？' : '改哪一项？', [
      ...(assignments.length ? [{ name: '（不再改了）', value: null as FieldDef | null }] : []),
      ...record.map((r) => ({
        name: `${r.field.header}（现为 ${shown(r.field, r.value) || '空'}）`,
        value: r.field as FieldDef | null,
      })),
    ]);
    if (!field) break;
    const value = await prompter.input(`「${field.header}」改为：`, {
      validate: (v) => check(field.header, v) ?? true,
    });
    assignments.push({ name: field.header, value });
  }
  const why =
    reason?.trim() || (await prompter.input('更正原因：', { validate: (v) => (v.trim() ? true : '请写明原因') }));
  const list = assignments.map((a) => `「${a.name}」改为「${a.value}」`).join('，');
  if (!(await prompter.confirm(`确认 ${list}（原因：${why}）？`, true))) return null;
  return { assignments, reason: why.trim() };
}
