import { Flags } from '@oclif/core';
import { FpjcError } from '../../src/domain/errors.js';
import { addCase, addFromCampaign, REVIEW_SOURCES } from '../../src/services/review-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderCaseAdd } from '../../src/ui/render/cases.js';

export default class ReviewAdd extends FpjcCommand {
  static override summary = '识别立案：把一户（或排查批次中“建议纳入监测”的各户）列为识别案件，进入村提名环节';
  static override description =
    '案件依次经过 村提名（入户核实、承诺授权、民主评议）→ 公示 → 乡镇审核 → 县级审定，县级审定通过即成为监测对象。' +
    '每户同时只能有一个办理中的识别案件；已是风险未消除的监测对象不能再识别。--from-campaign 重复运行不会重复立案。';
  static override examples = [
    '<%= config.bin %> review add --household 1407020010010002 --source 农户自主申报 --category 突发严重困难户 --risk 因病',
    '<%= config.bin %> review add --household 1407020010010002 --source 部门预警 --alert 12 --category 边缘易致贫户 --risk 因病,因学',
    '<%= config.bin %> review add --from-campaign 2024Q2',
    '<%= config.bin %> review add --from-campaign 2024Q2 --township 金山镇 --json',
  ];

  static override flags = {
    household: Flags.string({ summary: '户编号', exclusive: ['from-campaign'] }),
    source: Flags.string({ summary: `线索来源：${REVIEW_SOURCES.join('|')}` }),
    category: Flags.string({ summary: '拟认定的监测对象类别：脱贫不稳定户|边缘易致贫户|突发严重困难户' }),
    risk: Flags.string({ summary: '风险类型，多项用逗号分隔，主要风险在前，如 因病,因学' }),
    'disaster-sub': Flags.string({ summary: '因自然灾害子项（洪涝、地质、旱灾 …）' }),
    alert: Flags.integer({ summary: '来源为部门预警时，预警编号（fpjc show household 可查）' }),
    campaign: Flags.string({ summary: '来源为集中排查时，排查批次' }),
    note: Flags.string({ summary: '说明' }),
    date: Flags.string({ summary: '立案日期（线索日期），默认今天' }),
    'from-campaign': Flags.string({ summary: '把该排查批次中研判结果为“建议纳入监测”的各户立案' }),
    township: Flags.string({ summary: '配合 --from-campaign：只立案这个乡镇的户' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ReviewAdd);
    const register = this.openRegister(flags.db);
    const operator = this.operator(flags.operator);
    if (flags['from-campaign']) {
      const result = addFromCampaign(register, {
        campaign: flags['from-campaign'],
        township: flags.township,
        operator,
        dryRun: flags['dry-run'],
      });
      this.output(result, () => renderCaseAdd(result));
      return;
    }
    const missing = (['household', 'source', 'category', 'risk'] as const).filter((f) => !flags[f]);
    if (missing.length) {
      throw new FpjcError(
        'USAGE',
        `缺少 ${missing.map((m) => `--${m}`).join('、')}。或用 --from-campaign <批次> 按入户排查结果批量立案。`,
      );
    }
    const result = addCase(register, {
      household: flags.household!,
      source: flags.source!,
      category: flags.category!,
      risks: flags.risk!,
      disasterSub: flags['disaster-sub'],
      alert: flags.alert,
      campaign: flags.campaign,
      note: flags.note,
      date: flags.date,
      operator,
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderCaseAdd(result));
  }
}
