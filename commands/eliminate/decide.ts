import { caseNoArg, DecideCommand, decideFlags } from '../../src/ui/case-commands.js';
import { ELIMINATION } from '../../src/workflow/stages.js';

export default class EliminateDecide extends DecideCommand {
  static override summary = '办理风险消除案件的一个环节（通过/不通过），或用决定表一次办理一批';
  static override description =
    '环节不能跳过；公示须满规定天数（fpjc policy show）才能办理公示结论和县级审定；不通过即办结，意见作为研判结果保留；' +
    '县级审定通过即标注风险已消除（消除方式、消除时间为审定月份），记入监测历史，并记下风险消除后的收入和“三保障”、饮水情况。' +
    '决定表整表检查，有任何问题全部不办理（退出码 3），并列出问题所在的行。';
  static override examples = [
    '<%= config.bin %> eliminate decide XC2024-0001 --stage 村级初审 --decision 通过 --verified 2024-06-01 --deliberated 2024-06-03 --date 2024-06-03',
    '<%= config.bin %> eliminate decide XC2024-0001 --stage 乡镇审核 --decision 通过 --opinion 情况属实',
    '<%= config.bin %> eliminate decide --household 1407020010010002 --stage 县级审定 --decision 不通过 --opinion 收入不稳定，继续帮扶',
    '<%= config.bin %> eliminate decide --file 金山镇消除决定.xlsx',
    '<%= config.bin %> eliminate decide --all --township 金山镇 --stage 县级审定 --decision 通过 --opinion 同意消除',
  ];
  static override args = caseNoArg('XC2024-0001');
  static override flags = decideFlags(ELIMINATION);

  protected readonly workflow = ELIMINATION;
}
