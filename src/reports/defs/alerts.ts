import { countUnplacedOpenAlerts, iterateOpenAlerts, unitCounts } from '../../register/report-repo.js';
import { COMMON_FIELDS, commonValues, lazyList } from '../common.js';
import type { ReportDef } from '../types.js';

/**
 * 预警核查反馈表: the open department alerts (not yet 已核实) of each 村, with empty columns for
 * the verification. The column headers are the ones `fpjc import alerts --results` reads
 * (ALERT_RESULTS in src/domain/fields.ts): 来源部门, 证件号码, 预警类型, 预警日期, 核实结果,
 * 核实说明, 核实人, 核实日期; 乡镇/村/户编号/户主姓名/姓名/指标值/预警内容 are for the reader and
 * ignored on import. The 证件号码 is shown in full: it is the key the result is matched by.
 * Unmatched alerts (no household in the register) go to the 村 named in the alert when that
 * name is unambiguous: they are 应纳尽纳 leads for the village to check.
 */
const FIELDS = [
  '乡镇',
  '村',
  '户编号',
  '户主姓名',
  '姓名',
  '证件号码',
  '来源部门',
  '预警类型',
  '预警日期',
  '指标值',
  '预警内容',
  '核实结果',
  '核实说明',
  '核实人',
  '核实日期',
];

export const alerts: ReportDef = {
  id: 'alerts',
  title: '预警核查反馈表',
  description:
    '部门预警线索（未核实的）按村交办，留出核实结果、说明、核实人、日期各栏；填好后用 fpjc import alerts --results 导回',
  template: '预警核查反馈表.xlsx',
  options: ['township', 'village', 'as-of'],
  by: ['county', 'township', 'village'],
  defaultBy: 'village',
  kind: 'per-unit',
  privacy: '内部交办表：显示完整证件号码（导回核实结果时按它匹配），不可张贴公示',
  mainList: '预警',
  shape: { fields: [...COMMON_FIELDS], lists: { 预警: { fields: FIELDS } } },
  count: (ctx, level, scope) => unitCounts(ctx.db, level, scope, 'alerts'),
  data(ctx, unit) {
    return {
      ...commonValues(ctx, unit),
      预警: lazyList(
        () => iterateOpenAlerts(ctx.db, unit.ids),
        (a) => ({
          乡镇: a.township,
          村: a.village,
          户编号: a.hhNo,
          户主姓名: a.headName,
          姓名: a.name,
          证件号码: a.idNo,
          来源部门: a.sourceDept,
          预警类型: a.alertType,
          预警日期: a.alertDate || null,
          指标值: a.value,
          预警内容: a.detail,
          核实结果: a.verifyResult,
          核实说明: a.verifyNote,
          核实人: a.verifier,
          核实日期: a.verifyDate,
        }),
      ),
    };
  },
  notes(ctx, units) {
    if (units.every((u) => u.level === 'county')) return [];
    const n = countUnplacedOpenAlerts(ctx.db);
    return n > 0
      ? [
          `有 ${n} 条未核实的预警无法确定所在村（未匹配到户且预警中没有可识别的村名），未列入按乡镇/村的反馈表；用 --by county 生成全县一张表可以看到它们。`,
        ]
      : [];
  },
};
