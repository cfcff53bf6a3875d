import { type Command, CommandHelp, Help } from '@oclif/core';

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
    .replace(/\(required\)/g, '（必填）')
    .replace(/\[default: /g, '[默认: ')
    .replace(/, env: /g, ', 环境变量: ');

class ChineseCommandHelp extends CommandHelp {
  override section(header: string, body: Parameters<CommandHelp['section']>[1]): string {
    return super.section(translate(header), typeof body === 'string' ? localize(body) : body);
  }

  protected override flags(flags: Parameters<CommandHelp['flags']>[0]): [string, string | undefined][] | undefined {
    return super.flags(flags)?.map(([left, right]) => [left, right === undefined ? undefined : localize(right)]);
  }
}

export default class ChineseHelp extends Help {
  override section(header: string, body: Parameters<Help['section']>[1]): string {
    return super.section(translate(header), body);
  }

  protected override getCommandHelpClass(command: Command.Loadable): CommandHelp {
    return new ChineseCommandHelp(command, this.config, this.opts);
  }
}
