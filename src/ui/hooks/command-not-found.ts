import type { Hook } from '@oclif/core';
import { nearest } from '../suggest.js';

/** `improt members`: the first word is the misspelt command, the rest are its arguments. */
function nearestFirstWord(given: string, ids: readonly string[]): string | undefined {
  const first = given.split(' ')[0]!;
  return nearest(
    first,
    ids.filter((id) => !id.includes(' ')),
  );
}

/** Unknown command: a Chinese message and exit 2 instead of oclif's English one. */
const hook: Hook<'command_not_found'> = async (opts) => {
  const json = opts.argv?.includes('--json');
  const given = opts.id.replace(/:/g, ' ');
  const ids = opts.config.commandIDs.map((c) => c.replace(/:/g, ' '));
  const whole = nearest(given, ids);
  const first = whole ? undefined : nearestFirstWord(given, ids);
  const near = whole ?? first;
  const shown = first ? given.split(' ')[0] : given;
  const message = `没有「${shown}」这个命令。${near ? `是不是 fpjc ${near}？` : ''}运行 fpjc --help 查看全部命令。`;
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'USAGE', message } })}\n`);
  else process.stderr.write(`错误：${message}\n`);
  process.exit(2);
};

export default hook;
