import { type Command, CommandHelp, Help, type Interfaces } from '@oclif/core';
import { argName } from './arg-names.js';

const HEADERS: Record<string, string> = {
  USAGE: '用法',
  ARGUMENTS: '参数',
  FLAGS: '选项',
  DESCRIPTION: '说明',
  ALIASES: '别名',
  EXAMPLES: '示例',
  'FLAG DESCRIPTIONS': '选项说明',
  COMMANDS: '命令',
  TOPICS: '命令组',
  VERSION: '版本',
};

/** Section headers in Chinese (SPEC §11: help in Chinese). */
function translate(header: string): string {
  if (HEADERS[header]) return HEADERS[header];
  const group = /^(.+) FLAGS$/.exec(header);
  if (group) return `${group[1]}选项`;
  return header;
}

const localize = (body: string): string =>
  body
    .replace(/<value>/g, '<值>')
    .replace(/<option>/g, '<选项>')
    .replace(/<options: /g, '<可选: ')
    .replace(/\(required\)/g, '（必填）')
    .replace(/\[default: /g, '[默认: ')
    .replace(/, env: /g, ', 环境变量: ');

class ChineseCommandHelp extends CommandHelp {
  constructor(
    command: Command.Loadable,
    config: ConstructorParameters<typeof CommandHelp>[1],
    opts: ConstructorParameters<typeof CommandHelp>[2],
  ) {
    const args = Object.fromEntries(
      Object.entries(command.args ?? {}).map(([key, a]) => [key, { ...a, name: argName(key) }]),
    );
    super({ ...command, args }, config, opts);
  }

  override section(header: string, body: Parameters<CommandHelp['section']>[1]): string {
    return super.section(translate(header), typeof body === 'string' ? localize(body) : body);
  }

  protected override flags(flags: Parameters<CommandHelp['flags']>[0]): [string, string | undefined][] | undefined {
    return super
      .flags(flags)
      ?.map(([left, right]) => [localize(left), right === undefined ? undefined : localize(right)]);
  }
}

export default class ChineseHelp extends Help {
  /** The root page in Chinese: what the tool is, its version, how to start. */
  protected override formatRoot(): string {
    const pjson = this.config.pjson as { oclif?: { description?: string } };
    return [
      pjson.oclif?.description ?? '防贫监测',
      this.section('版本', `${this.config.bin} ${this.config.version}（Node.js ${process.version}）`),
      this.section(
        '用法',
        [
          `$ ${this.config.bin} <命令> [选项]`,
          `$ ${this.config.bin} <命令> --help        查看一个命令的用法和示例`,
          `$ ${this.config.bin} demo               生成演示县，先试一试`,
        ].join('\n'),
      ),
    ].join('\n\n');
  }

  protected override formatTopic(topic: Interfaces.Topic): string {
    return super.formatTopic(topic).replace(/[: ]COMMAND\b/g, ' <命令>');
  }

  override section(header: string, body: Parameters<Help['section']>[1]): string {
    return super.section(translate(header), body);
  }

  protected override getCommandHelpClass(command: Command.Loadable): CommandHelp {
    return new ChineseCommandHelp(command, this.config, this.opts);
  }
}
