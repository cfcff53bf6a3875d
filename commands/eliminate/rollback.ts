import { Flags } from '@oclif/core';
import { FpjcError } from '../../src/domain/errors.js';
import { rollback, rollbackCandidates } from '../../src/services/elimination-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { parseAsOfFlag } from '../../src/ui/flags.js';
import { renderRollback, renderRollbackCandidates } from '../../src/ui/render/elimination.js';

export default class EliminateRollback extends FpjcCommand {
  static override summary =
    '风险回退：已标注风险消除的户回到风险未消除，原识别信息（类别、风险类型、识别监测时间）保留';
  static override description =
    '回退记入监测历史和修改记录。--candidates 列出“回头看”发现的回退候选：' +
    '消除后收入低于监测范围或“三保障”反弹（R23），整户无劳动能力且收入主要靠政策性补贴（R24）。';
  static override examples = [
    '<%= config.bin %> eliminate rollback --household 1407020020010001 --reason 收入下降至监测范围以下 --date 2024-11-05',
    '<%= config.bin %> eliminate rollback --candidates --as-of 2024-11-01',
  ];
  static override flags = {
    household: Flags.string({ summary: '户编号' }),
    reason: Flags.string({ summary: '回退理由（必填）' }),
    date: Flags.string({ summary: '回退日期（默认今天）' }),
    candidates: Flags.boolean({ summary: '只列出回退候选户，不作改动', exclusive: ['household'] }),
    township: Flags.string({ summary: '配合 --candidates：乡镇' }),
    'as-of': Flags.string({ summary: '配合 --candidates：评估日期（默认今天）' }),
    'income-year': Flags.integer({ summary: '配合 --candidates：收入年度（默认评估日期的上一年）' }),
    'dry-run': Flags.boolean({ summary: '只检查并显示结果，不写入登记库' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(EliminateRollback);
    const register = this.openRegister(flags.db);
    if (flags.candidates) {
      const result = rollbackCandidates(register, {
        asOf: parseAsOfFlag(flags['as-of']),
        township: flags.township,
        incomeYear: flags['income-year'],
      });
      this.output(result, () => renderRollbackCandidates(result));
      return;
    }
    if (!flags.household) throw new FpjcError('USAGE', '缺少 --household（或用 --candidates 查看回退候选户）。');
    const result = rollback(register, {
      household: flags.household,
      reason: flags.reason,
      date: flags.date,
      operator: this.operator(flags.operator),
      dryRun: flags['dry-run'],
    });
    this.output(result, () => renderRollback(result));
  }
}
