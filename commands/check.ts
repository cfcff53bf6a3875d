import { Flags } from '@oclif/core';
import { FAMILIES, FAMILY_IDS } from '../src/quality/types.js';
import { listQualityRules, runCheck } from '../src/services/check-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { parseAsOfFlag } from '../src/ui/flags.js';
import { progressBar } from '../src/ui/progress.js';
import { renderCheck, renderRuleList } from '../src/ui/render/check.js';

export default class Check extends FpjcCommand {
  static override summary = '数据质量检查：按编号规则（Q01…）找出登记信息中自相矛盾、不合规定和值得核实的地方';
  static override description =
    `逐户检查身份证件、家庭结构、收入、年龄与在校/劳动/健康、风险类型与帮扶措施、风险消除、电话、务工、必填项、三保障、土地住房数值、公益性岗位和村级信息。
“错误”为信息自相矛盾或不符合规定，“疑点”为值得核实的情况。只读：不修改登记库。
结果按类别、规则和乡镇统计；--out 生成问题清单（按村、户逐条列出，附问题统计）。
规则类别：${FAMILY_IDS.map((f) => `${f} ${FAMILIES[f]}`).join('；')}。fpjc check --list 列出全部规则及其判定口径。`;
  static override examples = [
    '<%= config.bin %> check',
    '<%= config.bin %> check --family D --township 金山镇',
    '<%= config.bin %> check --rules Q33,Q46 --as-of 2024-05-01 --json',
    '<%= config.bin %> check --out 问题清单.xlsx',
    '<%= config.bin %> check --out 问题清单 --by village',
    '<%= config.bin %> check --list',
  ];

  static override flags = {
    rules: Flags.string({ summary: '只运行这些规则，逗号分隔，如 Q01,Q33（默认全部）' }),
    family: Flags.string({ summary: '只运行这些类别的规则，如 D 或 E1,E2（见 --list）' }),
    township: Flags.string({ summary: '只检查这个乡镇' }),
    village: Flags.string({ summary: '只检查这个村（重名时同时用 --township）' }),
    'as-of': Flags.string({ summary: '检查日，格式 2024-05-01（默认今天）：年龄、在校年龄和当前务工按这一天计算' }),
    out: Flags.string({ summary: '同时生成问题清单：文件（问题清单.xlsx）或文件夹' }),
    by: Flags.string({
      summary: '问题清单分文件方式（配合 --out，默认一个文件）',
      options: ['county', 'township', 'village'],
    }),
    list: Flags.boolean({ summary: '列出全部规则：编号、类别、性质和判定口径' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Check);
    if (flags.list) {
      const rules = listQualityRules();
      this.output({ rules }, () => renderRuleList(rules));
      return;
    }
    const asOf = parseAsOfFlag(flags['as-of']);
    const register = this.openRegister(flags.db);
    const bar = progressBar('正在检查', { json: this.jsonMode });
    let result: Awaited<ReturnType<typeof runCheck>>;
    try {
      result = await runCheck(register, {
        rules: flags.rules,
        family: flags.family,
        township: flags.township,
        village: flags.village,
        asOf,
        out: flags.out,
        by: flags.by as 'county' | 'township' | 'village' | undefined,
        operator: this.operator(flags.operator),
        onProgress: (n) => bar.update(n),
      });
    } finally {
      bar.stop();
    }
    this.output(result, () => renderCheck(result));
  }
}
