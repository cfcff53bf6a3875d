import path from 'node:path';

/**
 * Commands suggested to a clerk (「下一步：fpjc report …」) must work when pasted: they repeat the
 * `--db` that located the register unless it is the default one. The command sets the register
 * once it knows it; services and renderers ask for the hint.
 */
let locator = '';

export function setRegisterLocator(file: string | undefined): void {
  if (!file) {
    locator = '';
    return;
  }
  const resolved = path.resolve(file);
  const isDefault = resolved === path.resolve('fpjc.db') && !process.env.FPJC_DB;
  const fromEnv = process.env.FPJC_DB !== undefined && path.resolve(process.env.FPJC_DB) === resolved;
  locator = isDefault || fromEnv ? '' : ` --db ${quoteArg(file)}`;
}

/** `fpjc <args>` with the flags that locate the register. */
export function fpjcCommand(args: string): string {
  return `fpjc ${args}${locator}`;
}

/** A path or value as a shell argument: quoted when it holds spaces or shell characters. */
export function quoteArg(v: string): string {
  return /^[\w\u4e00-\u9fff./\\:@%+=,-]+$/.test(v) ? v : `"${v.replace(/"/g, '\\"')}"`;
}
