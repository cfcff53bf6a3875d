import { PublicizeCommand, publicizeFlags } from '../../src/ui/case-commands.js';
import { ELIMINATION } from '../../src/workflow/stages.js';

export default class EliminatePublicize extends PublicizeCommand {
  static override summary = '开始村内公示：该村村级初审已通过的风险消除案件从同一天起公示，并生成公示名单';
  static override description =
    '公示天数取年度政策参数（风险消除公示天数，默认 7 天）。公示名单只列户主姓名、家庭人口数、消除方式、主要风险类型、公示起止日期和监督电话，' +
    '不含证件号码、手机号、银行账号和健康状况。监督电话用 fpjc policy set --supervision-phone 设置。';
  static override examples = [
    '<%= config.bin %> eliminate publicize --village 下头村',
    '<%= config.bin %> eliminate publicize --township 金山镇 --village 下头村 --start 2024-06-05 --out 公示',
  ];

  static override flags = publicizeFlags;
  protected readonly workflow = ELIMINATION;
}
