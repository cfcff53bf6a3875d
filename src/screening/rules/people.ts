import { basicNeedsProblems, cents, flag, labourOf, labourUnknownText, missing, percent, yuan } from '../text.js';
import type { HouseholdRule } from '../types.js';

/** Rules about the household's members and their situation (seed 000 五个必查 / 四个必到). */

export const R06: HouseholdRule = {
  id: 'R06',
  name: '新纳入低保或特困供养',
  category: '必查',
  reads: ['享受低保政策情况', '纳入低保时间', '是否特困供养人员', '纳入特困时间', '部门预警（民政）'],
  params: [],
  reading:
    '在册成员的纳入低保时间或纳入特困时间在收入年度 1 月 1 日或以后，或有民政部门关于新增低保/特困、日期在收入年度或以后的预警',
  evaluate(f, c) {
    const parts: string[] = [];
    if (f.newWelfareText) parts.push(f.newWelfareText);
    if (f.newWelfareAlertText) parts.push(`民政预警${f.newWelfareAlertText}`);
    if (parts.length > 0) return flag(`${c.incomeYear} 年 1 月 1 日以来新纳入低保或特困供养：${parts.join('；')}`);
    if (f.welfareNoSinceText)
      return missing(`成员 ${f.welfareNoSinceText} 享受低保或特困供养但未填纳入时间，无法判断是否为新纳入`);
    return null;
  },
};

export const R07: HouseholdRule = {
  id: 'R07',
  name: '残疾人家庭',
  category: '必查',
  reads: ['健康状况', '残疾类别', '残疾等级'],
  params: [],
  reading: '有在册成员健康状况含“残疾”或填有残疾类别/等级；一级、二级为重度，在说明中注明',
  evaluate(f) {
    if (f.disabled === 0) return null;
    const severe = f.severeDisabled > 0 ? `，其中重度残疾（一级、二级）${f.severeDisabled} 人` : '';
    return flag(`有残疾成员 ${f.disabled} 人：${f.disabledText ?? ''}${severe}`);
  },
};

export const R08: HouseholdRule = {
  id: 'R08',
  name: '务工收入占比高且务工不稳定',
  category: '必查',
  reads: [
    '工资性收入',
    '生产经营性收入',
    '财产性收入',
    '转移性收入',
    '务工状况',
    '务工时间(月)',
    '已外出务工信息（开始时间、结束时间）',
    '部门预警（人社）',
  ],
  params: ['wageShareHigh', 'unstableWorkMonths'],
  reading:
    '收入年度工资性收入占家庭收入（工资性+生产经营性+财产性+转移性）的比例不低于“务工收入占比较高”比例（默认 60%），且有务工成员的务工时间少于“务工时间不稳定”月数（默认 6 个月）；或有人社部门的失业预警。务工时间：有该成员的已外出务工信息时，按各段务工（开始时间至结束时间，未结束的算到排查基准日）落在收入年度内的月数合计，否则用「务工时间（月）」',
  evaluate(f, c) {
    const { wageShareHigh: high, unstableWorkMonths: months } = c.policy;
    const parts: string[] = [];
    if (f.unemployedAlertText) parts.push(`人社预警${f.unemployedAlertText}`);
    const unknownWorkers = f.unstableWorkers === 0 && f.workersNoMonthsText !== null;
    if (f.unstableWorkers > 0 || unknownWorkers) {
      if (!f.yRow) {
        if (parts.length === 0)
          return missing(
            `有务工成员${f.unstableWorkers > 0 ? `务工不足 ${months} 个月` : '未填务工时间'}，但缺少 ${c.incomeYear} 年收入数据，无法计算务工收入占比`,
          );
      } else {
        const wage = f.yWage ?? 0;
        const gross = f.yGross ?? 0;
        if (gross > 0 && cents(wage) - high * cents(gross) >= -0.005) {
          const share = `${c.incomeYear} 年工资性收入 ${yuan(wage)} 元，占家庭收入 ${yuan(gross)} 元的 ${percent(wage / gross)}（标准 ${percent(high)}）`;
          if (f.unstableWorkers > 0)
            parts.unshift(`${share}，务工时间不足 ${months} 个月：${f.unstableWorkersText ?? ''}`);
          else if (parts.length === 0) return missing(`${share}，但务工成员未填务工时间：${f.workersNoMonthsText}`);
        }
      }
    }
    return parts.length > 0 ? flag(parts.join('；')) : null;
  },
};

export const R10: HouseholdRule = {
  id: 'R10',
  name: '四个必到：弱势群体家庭',
  category: '必到',
  reads: [
    '健康状况',
    '残疾等级',
    '是否失能/半失能',
    '出生日期',
    '享受低保政策情况',
    '是否特困供养人员',
    '部门预警（人社、信访）',
  ],
  params: [],
  reading:
    '有失业人口（人社失业预警）、患有大病或长期慢性病、重度残疾（一级、二级）、失能/半失能老年人（排查基准日满 60 周岁）、享受低保或特困供养的成员，或有信访部门预警（舆情信访户）',
  evaluate(f) {
    const parts: string[] = [];
    if (f.unemployedAlertText) parts.push(`失业：人社预警${f.unemployedAlertText}`);
    if (f.illnessText) parts.push(`患有大病：${f.illnessText}`);
    if (f.chronicText) parts.push(`长期慢性病：${f.chronicText}`);
    if (f.severeDisabledText) parts.push(`重度残疾：${f.severeDisabledText}`);
    if (f.elderCareText) parts.push(`失能老年人：${f.elderCareText}`);
    if (f.welfareText) parts.push(`低保/特困：${f.welfareText}`);
    if (f.petitionAlertText) parts.push(`舆情信访：信访预警${f.petitionAlertText}`);
    return parts.length > 0 ? flag(parts.join('；')) : null;
  },
};

export const R12: HouseholdRule = {
  id: 'R12',
  name: '整户无劳动能力且无兜底保障',
  category: '纳入研判',
  reads: ['劳动技能', '享受低保政策情况', '是否特困供养人员', '是否整户无劳动能力兜底保障户'],
  params: [],
  reading: '全户在册成员都没有劳动能力（或标注整户无劳动能力），且没有成员享受低保或特困供养',
  evaluate(f) {
    const labour = labourOf(f);
    if (labour === 'capable') return null;
    if (labour === 'unknown') return missing(labourUnknownText(f));
    if (f.welfare > 0) return null;
    const who = f.members > 0 ? `全户 ${f.members} 名在册成员均无劳动能力` : '标注为整户无劳动能力';
    return flag(`${who}，且没有成员享受低保或特困供养`);
  },
};

/** R09 and R11 are about 三保障 and department alerts. */
export const R09: HouseholdRule = {
  id: 'R09',
  name: '三保障或饮水安全问题',
  category: '纳入研判',
  reads: [
    '是否住房出现安全问题',
    '是否义务教育阶段适龄儿童少年失学辍学',
    '是否饮水出现安全问题',
    '是否有家庭成员未参加城乡居民(职工)基本医疗保险',
    '部门预警（住建、教育、水利、医保）',
  ],
  params: [],
  reading:
    '户信息中任一三保障或饮水安全问题标为“是”，或有住建（住房）、教育（失学辍学）、水利（饮水）、医保（未参保）部门的相应预警',
  evaluate(f) {
    const parts = basicNeedsProblems(f);
    if (f.housingAlertText) parts.push(`住建预警${f.housingAlertText}`);
    if (f.schoolAlertText) parts.push(`教育预警${f.schoolAlertText}`);
    if (f.waterAlertText) parts.push(`水利预警${f.waterAlertText}`);
    if (f.uninsuredAlertText) parts.push(`医保预警${f.uninsuredAlertText}`);
    return parts.length > 0 ? flag(parts.join('；')) : null;
  },
};

export const R11: HouseholdRule = {
  id: 'R11',
  name: '部门预警未核实',
  category: '必核',
  reads: ['部门预警（来源部门、预警类型、状态）'],
  params: [],
  reading: '有匹配到本户、状态不是“已核实”的部门预警（任何日期）',
  evaluate(f) {
    if (f.openAlerts === 0) return null;
    return flag(`未核实的部门预警 ${f.openAlerts} 条：${f.openAlertsText ?? ''}`);
  },
};

export const PEOPLE_RULES: readonly HouseholdRule[] = [R06, R07, R08, R09, R10, R11, R12];
