import type { Hook } from '@oclif/core';

/** Unknown command: a Chinese message and exit 2 instead of oclif's English one. */
const hook: Hook<'command_not_found'> = async (opts) => {
  const json = opts.argv?.includes('--json');
  const message = `没有「${opts.id.replace(/:/g, ' ')}」这个命令。运行 fpjc --help 查看全部命令。`;
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'USAGE', message } })}\n`);
  else process.stderr.write(`错误：${message}\n`);
  process.exit(2);
};

export default hook;
