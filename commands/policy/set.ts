import { Flags } from '@oclif/core';
import { setPolicy } from '../../src/services/policy-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderPolicySet } from '../../src/ui/render/policy.js';

export default class PolicySet extends FpjcCommand {
  static override summary = '设置某年度的政策参数（按年度保存，修改记入修改记录）';
  static override examples = [
    '<%= config.bin %> policy set --year 2024 --income-line 8300',
    '<%= config.bin %> policy set --year 2024 --big-illness-self-pay 10000 --color-scheme income --reason 县乡村振兴局文件',
  ];
  static override flags = {
    year: Flags.integer({ summary: '年度', required: true }),
    'income-line': Flags.string({ summary: '监测范围（元/人/年）' }),
    'big-illness-self-pay': Flags.string({ summary: '大病自付支出线（元）' }),
    'income-drop-any': Flags.string({ summary: '人均纯收入较上年减少即必查（是/否）' }),
    'bottom-share': Flags.string({ summary: '脱贫户收入后位比例，如 0.2' }),
    'wage-share-high': Flags.string({ summary: '务工收入占比较高的比例，如 0.6' }),
    'unstable-work-months': Flags.string({ summary: '务工时间不稳定（少于月数）' }),
    'publicity-days-identify': Flags.string({ summary: '识别公示天数' }),
    'publicity-days-eliminate': Flags.string({ summary: '风险消除公示天数' }),
    'identify-max-days': Flags.string({ summary: '线索到县级审定时限（天）' }),
    'min-months-before-elimination': Flags.string({ summary: '识别后最短监测月数' }),
    'visit-after-months': Flags.string({ summary: '风险消除后回访月数' }),
    'color-scheme': Flags.string({ summary: '三色预警方式：duration 或 income' }),
    'village-no-monitored-min': Flags.string({ summary: '脱贫户较多但无监测户的村：脱贫户数下限' }),
    'supervision-phone': Flags.string({ summary: '公示名单上的监督电话，如 0354-3012345' }),
    reason: Flags.string({ summary: '修改原因（如文件名）' }),
    'dry-run': Flags.boolean({ summary: '只检查，不保存' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PolicySet);
    const register = this.openRegister(flags.db);
    const result = setPolicy(register, {
      year: flags.year,
      values: {
        incomeLine: flags['income-line'],
        bigIllnessSelfPay: flags['big-illness-self-pay'],
        incomeDropAny: flags['income-drop-any'],
        bottomShare: flags['bottom-share'],
        wageShareHigh: flags['wage-share-high'],
        unstableWorkMonths: flags['unstable-work-months'],
        publicityDaysIdentify: flags['publicity-days-identify'],
        publicityDaysEliminate: flags['publicity-days-eliminate'],
        identifyMaxDays: flags['identify-max-days'],
        minMonthsBeforeElimination: flags['min-months-before-elimination'],
        visitAfterMonths: flags['visit-after-months'],
        colorScheme: flags['color-scheme'],
        villageNoMonitoredMin: flags['village-no-monitored-min'],
        supervisionPhone: flags['supervision-phone'],
      },
      operator: this.operator(flags.operator),
      reason: flags.reason,
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderPolicySet(result));
  }
}
