import { caseNoArg, DecideCommand, decideFlags } from '../../src/ui/case-commands.js';
import { IDENTIFICATION } from '../../src/workflow/stages.js';

export default class ReviewDecide extends DecideCommand {
  static override summary = '办理识别案件的一个环节（通过/不通过），或用决定表一次办理一批';
  static override description =
    '环节不能跳过；公示须满规定天数（fpjc policy show）才能办理公示结论和县级审定；不通过即办结，意见作为研判结果保留；' +
    '县级审定通过即认定为监测对象（类别、风险类型、识别监测时间为审定月份），记入监测历史和修改记录。' +
    '决定表整表检查，有任何问题全部不办理（退出码 3），并列出问题所在的行。';
  static override examples = [
    '<%= config.bin %> review decide SB2024-0001 --stage 村提名 --decision 通过 --verified 2024-06-01 --authorized 2024-06-01 --deliberated 2024-06-03 --date 2024-06-03',
    '<%= config.bin %> review decide SB2024-0001 --stage 乡镇审核 --decision 通过 --opinion 情况属实',
    '<%= config.bin %> review decide --household 1407020010010002 --stage 县级审定 --decision 不通过 --opinion 家庭收入稳定超过监测范围',
    '<%= config.bin %> review decide --file 金山镇识别决定.xlsx',
    '<%= config.bin %> review decide --all --township 金山镇 --stage 县级审定 --decision 通过 --opinion 同意认定',
  ];
  static override args = caseNoArg('SB2024-0001');
  static override flags = decideFlags(IDENTIFICATION);

  protected readonly workflow = IDENTIFICATION;
}
