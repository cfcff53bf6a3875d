import { Errors } from '@oclif/core';
import { FpjcError } from '../domain/errors.js';
import { argName } from './arg-names.js';
import { nearest } from './suggest.js';

const HELP = '用 fpjc <命令> --help 查看用法和示例。';

/** 「是不是 --campaign？」for each unknown flag close to a known one. */
function flagHints(given: readonly string[], known: readonly string[]): string {
  const hints = given.flatMap((g) => {
    const name = g.replace(/^-+/, '').split('=')[0]!;
    const near = nearest(name, known);
    return near ? [`${g.split('=')[0]} 是不是 --${near}？`] : [];
  });
  return hints.length ? `${hints.join('')}` : '';
}

/** oclif's parse errors in Chinese, exit 2 (SPEC §11). */
export function translateParseError(err: unknown, knownFlags: readonly string[] = []): FpjcError | null {
  if (!(err instanceof Errors.CLIError)) return null;
  const e = err as Errors.CLIError & { flags?: string[]; args?: { name: string }[] | unknown[] };
  const name = e.constructor.name;
  const raw = e.message;
  let message: string;
  switch (name) {
    case 'NonExistentFlagsError':
      message = `不认识的参数：${(e.flags ?? []).join('、')}。${flagHints(e.flags ?? [], knownFlags)}${HELP}`;
      break;
    case 'RequiredArgsError': {
      const args = (e.args as { name: string }[] | undefined)?.map((a) => `<${argName(a.name)}>`).join(' ') ?? '';
      message = `缺少参数 ${args}。${HELP}`;
      break;
    }
    case 'UnexpectedArgsError':
      message = `多余的参数：${(e.args as unknown[] | undefined)?.join(' ') ?? ''}。路径中有空格时，请用英文双引号把整个路径括起来，如 "D:\\我的 数据\\户信息.xlsx"。${HELP}`;
      break;
    case 'FlagInvalidOptionError':
    case 'ArgInvalidOptionError': {
      const m = /Expected (.+?) to be one of: (.+)/s.exec(raw);
      message = m ? `参数取值不对：${m[1]}，可选值为 ${m[2]?.trim()}。` : `参数取值不对：${raw}`;
      break;
    }
    case 'FailedFlagValidationError': {
      const missing = [...raw.matchAll(/Missing required flag (\S+)/g)].map((m) => `--${m[1]}`);
      const exclusive = [...raw.matchAll(/--(\S+)=\S+ cannot also be provided when using --(\S+)/g)].map(
        (m) => `--${m[1]} 与 --${m[2]}`,
      );
      if (missing.length) message = `缺少必填参数 ${missing.join('、')}。${HELP}`;
      else if (exclusive.length) message = `参数不能同时使用：${exclusive.join('；')}。`;
      else message = `参数有误：${raw}。${HELP}`;
      break;
    }
    default: {
      if (/expects a value|Flag --\S+ expects/.test(raw)) {
        const flag = /--(\S+)/.exec(raw)?.[0] ?? '';
        message = `参数 ${flag} 需要一个值。${HELP}`;
      } else if (/Expected an integer/.test(raw)) {
        message = `参数应为整数：${raw.replace('Expected an integer but received:', '').trim()}。`;
      } else if (err instanceof Errors.ExitError) {
        return null;
      } else {
        message = `参数有误：${raw}。${HELP}`;
      }
    }
  }
  return new FpjcError('USAGE', message, { cause: err });
}
