import { displayValue, type StoredValue } from '../../domain/field-values.js';
import { exportFields, MEMBERS } from '../../domain/fields.js';
import { iterateRoster, unitCounts } from '../../register/report-repo.js';
import { COMMON_FIELDS, commonValues, lazyList } from '../common.js';
import type { ReportDef } from '../types.js';

/**
 * 花名册: the households and members of a 村 in the import format of `members` (the canonical
 * headers of MEMBERS in src/domain/fields.ts, values as `fpjc export members` writes them), plus
 * 乡镇/村/户主姓名/户类型/家庭人口数/监测对象类别 for the reader, which the members import
 * ignores. A village corrects it and sends it back through `fpjc import`: unchanged rows change
 * nothing. Full 证件号码 (the key), so it is an internal list, never for public display.
 */
const CONTEXT = ['乡镇', '村', '户主姓名', '户类型', '家庭人口数', '监测对象类别'] as const;
export const ROSTER_MEMBER_FIELDS = exportFields(MEMBERS).map((f) => f.header);

export const roster: ReportDef = {
  id: 'roster',
  title: '家庭成员花名册',
  description: '村里每户每人的信息，格式与成员导入文件相同：村里核对修改后可直接用 fpjc import 导回',
  template: '家庭成员花名册.xlsx',
  options: ['township', 'village', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'village',
  kind: 'per-unit',
  privacy: '内部核对用：显示完整证件号码和电话（导回时按证件号码匹配），不可张贴公示',
  mainList: '成员',
  shape: { fields: [...COMMON_FIELDS], lists: { 成员: { fields: [...CONTEXT, ...ROSTER_MEMBER_FIELDS] } } },
  count: (ctx, level, scope) => unitCounts(ctx.db, level, scope, 'members'),
  data(ctx, unit) {
    return {
      ...commonValues(ctx, unit),
      成员: lazyList(
        () => iterateRoster(ctx.db, unit.ids),
        (r) => {
          const item: Record<string, string | number | null> = {
            乡镇: r.township,
            村: r.village,
            户主姓名: r.head_name,
            户类型: r.hh_type,
            家庭人口数: r.hh_size,
            监测对象类别: r.mon_category,
          };
          for (const f of exportFields(MEMBERS)) {
            const v = r[f.column];
            item[f.header] = displayValue(f, v === undefined || v === '' ? null : (v as StoredValue));
          }
          return item;
        },
      ),
    };
  },
};
