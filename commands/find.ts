import { Args, Flags } from '@oclif/core';
import { findPeopleIn } from '../src/services/find-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { renderFind } from '../src/ui/render/find.js';

export default class Find extends FpjcCommand {
  static override summary = '按姓名、证件号码（可只写一部分）、户编号或电话查找人和户';
  static override examples = [
    '<%= config.bin %> find 任晓刚',
    '<%= config.bin %> find 140702198',
    '<%= config.bin %> find 13903541234',
  ];
  static override args = {
    text: Args.string({ description: '姓名，或证件号码、户编号、电话的一部分（至少 3 位）', required: true }),
  };
  static override flags = {
    full: Flags.boolean({ summary: '显示完整的证件号码（默认中间几位用 * 遮住）' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Find);
    const register = this.openRegister(flags.db, { readonly: true });
    const result = findPeopleIn(register, args.text, { mask: !flags.full });
    this.output(result, () => renderFind(result));
  }
}
