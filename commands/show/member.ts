import { Args } from '@oclif/core';
import { showMember } from '../../src/services/show-service.js';
import { FpjcCommand } from '../../src/ui/base-command.js';
import { renderMember } from '../../src/ui/render/show.js';

export default class ShowMember extends FpjcCommand {
  static override summary = '查看一个人的信息及其所在户';
  static override examples = ['<%= config.bin %> show member 140702199001011234'];
  static override args = { idNo: Args.string({ description: '证件号码', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ShowMember);
    const register = this.openRegister(flags.db);
    const view = showMember(register, args.idNo);
    this.output(view, () => renderMember(view));
  }
}
