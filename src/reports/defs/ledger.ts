import { colourOf } from '../../domain/colour.js';
import { iterateLedger, unitCounts } from '../../register/report-repo.js';
import { COMMON_FIELDS, colourName, colourSchemeText, commonValues, lazyList, riskText, yesNo } from '../common.js';
import type { ReportDef } from '../types.js';

/**
 * 监测对象台账: every 监测对象 of the scope (both states), by 乡镇/村/户编号, with its colour
 * (风险未消除 only), income of the year before the as-of year, and its measures. Internal: the
 * 户主证件号码 is shown in full (the generated template does not use it; a county may add it).
 */
const FIELDS = [
  '乡镇',
  '村',
  '户编号',
  '户主姓名',
  '户主证件号码',
  '人数',
  '户类型',
  '监测对象类别',
  '风险类型',
  '识别监测时间',
  '风险状态',
  '风险消除方式',
  '风险消除时间',
  '预警颜色',
  '人均纯收入',
  '帮扶措施',
  '开发式帮扶',
  '整户无劳动能力兜底保障户',
  '监测联系人',
  '监测联系人电话',
];

export const ledger: ReportDef = {
  id: 'ledger',
  title: '监测对象台账',
  description: '每户监测对象：户主、人数、类别、风险类型、识别时间、风险状态、三色预警、帮扶措施，按乡镇/村/户编号排序',
  template: '监测对象台账.xlsx',
  options: ['township', 'village', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'county',
  kind: 'per-unit',
  privacy: '内部台账：可显示完整证件号码和电话（模板默认显示户主姓名和监测联系人电话，不显示证件号码）',
  mainList: '户',
  shape: { fields: [...COMMON_FIELDS, '预警方式'], lists: { 户: { fields: FIELDS } } },
  count: (ctx, level, scope) => unitCounts(ctx.db, level, scope, 'monitored'),
  data(ctx, unit) {
    const scheme = ctx.policy.colorScheme;
    const incomeYear = Number(ctx.asOf.slice(0, 4)) - 1;
    return {
      ...commonValues(ctx, unit),
      预警方式: colourSchemeText(scheme),
      户: lazyList(
        () => iterateLedger(ctx.db, unit.ids, incomeYear),
        (r) => ({
          乡镇: r.township,
          村: r.village,
          户编号: r.hhNo,
          户主姓名: r.headName,
          户主证件号码: r.headIdNo,
          人数: r.people,
          户类型: r.hhType,
          监测对象类别: r.category,
          风险类型: riskText([r.risk1, r.risk2, r.risk3, r.risk4, r.risk5], r.disasterSub),
          识别监测时间: r.identifiedMonth,
          风险状态: r.eliminated === 1 ? '风险已消除' : '风险未消除',
          风险消除方式: r.eliminationMethod,
          风险消除时间: r.eliminatedMonth,
          预警颜色:
            r.eliminated === 1
              ? null
              : (colourName(
                  colourOf(scheme, { identifiedMonth: r.identifiedMonth, perCapita: r.perCapita }, ctx.asOf),
                ) ?? '未定'),
          人均纯收入: r.perCapita === null ? null : Math.round(r.perCapita * 100) / 100,
          帮扶措施: r.measures,
          开发式帮扶: r.devMeasureStatus,
          整户无劳动能力兜底保障户: yesNo(r.wholeNoLabour),
          监测联系人: r.contactPerson,
          监测联系人电话: r.contactPhone,
        }),
      ),
    };
  },
};
