import fs from 'node:fs';
import path from 'node:path';
import { Command, Flags, type Interfaces } from '@oclif/core';
import { setRegisterLocator } from '../domain/command-hint.js';
import { ExitCode, FpjcError, isFpjcError, type RowProblem } from '../domain/errors.js';
import { defaultOperator } from '../register/audit.js';
import { type OpenOptions, openRegister, type Register, registerError } from '../register/connection.js';
import { readSettings } from '../register/settings-repo.js';
import { writeJson } from './json-stream.js';
import { translateParseError } from './parse-errors.js';
import { renderProblems } from './render/import.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof FpjcCommand)['baseFlags'] & T['flags']
>;

/**
 * Every fpjc command: the common flags (--db, --json, --operator, --debug), the JSON envelope of
 * SPEC §11, exit codes, Chinese errors, and register lifetime. Subclasses parse their flags,
 * call one service and hand the result to `output`.
 */
export abstract class FpjcCommand extends Command {
  static override baseFlags = {
    db: Flags.string({
      summary: '登记库文件路径',
      env: 'FPJC_DB',
      default: './fpjc.db',
      helpGroup: '通用',
    }),
    json: Flags.boolean({ summary: '只输出一个 JSON 文档（供脚本使用），不提问、不显示进度', helpGroup: '通用' }),
    operator: Flags.string({
      summary:
        '经办人姓名，写入修改记录（默认取环境变量 FPJC_OPERATOR，其次是建库时设置的数据管理员，再次是系统用户名）',
      helpGroup: '通用',
    }),
    debug: Flags.boolean({ summary: '出错时显示调试信息（堆栈）', helpGroup: '通用' }),
  };

  private registers: Register[] = [];

  protected get jsonMode(): boolean {
    return this.argv.includes('--json');
  }

  protected get debugMode(): boolean {
    return this.argv.includes('--debug') || Boolean(process.env.DEBUG);
  }

  /** 经办人 of this command (the register's configured clerk when neither flag nor FPJC_OPERATOR says). */
  protected operator(flag: string | undefined, configuredClerk?: string): string {
    let clerk: string | null = configuredClerk ?? null;
    const register = this.registers[0];
    if (clerk === null && register && !flag?.trim() && !process.env.FPJC_OPERATOR?.trim()) {
      try {
        clerk = readSettings(register.db).clerk;
      } catch {
        clerk = null; // a register without settings yet (init)
      }
    }
    return defaultOperator(flag, clerk);
  }

  /** Open the register; it is closed when the command ends, whatever happens. */
  protected openRegister(file: string, options: OpenOptions = {}): Register {
    if (isFolder(file)) {
      throw new FpjcError(
        'USAGE',
        `--db「${file}」是一个文件夹，不是登记库文件。请给出登记库文件的路径，如 --db "${path.join(file, 'fpjc.db')}"。`,
      );
    }
    const register = openRegister(file, options);
    setRegisterLocator(file);
    this.registers.push(register);
    if (register.readOnly === 'file' || register.readOnly === 'folder') {
      this.note(
        `注意：登记库${register.readOnly === 'folder' ? '所在的文件夹' : ''}没有写入权限，只能查看，不能修改。`,
      );
    }
    return register;
  }

  /** Print the result: the JSON envelope under --json, else the rendered text. */
  protected output(result: unknown, render: () => string | undefined): void {
    if (this.jsonMode) {
      process.stdout.write(`${JSON.stringify({ ok: true, result })}\n`);
      return;
    }
    const text = render();
    if (text) this.log(text);
  }

  /**
   * Like `output`, for results holding large lazy lists (a campaign's findings): under --json the
   * document is streamed (same keys) instead of being built as one string.
   */
  protected async outputStream(result: unknown, render: () => string | undefined): Promise<void> {
    if (this.jsonMode) {
      await writeJson(process.stdout, { ok: true, result });
      return;
    }
    const text = render();
    if (text) this.log(text);
  }

  /** Messages for a person (never on stdout under --json). */
  protected note(message: string): void {
    if (this.jsonMode) return;
    process.stderr.write(`${message}\n`);
  }

  override async catch(err: Error & { exitCode?: number }): Promise<void> {
    const known = Object.keys((this.constructor as typeof Command).flags ?? {}).concat(
      Object.keys(FpjcCommand.baseFlags),
    );
    const error = toFpjcError(err, this.registers[0]?.file, known);
    process.exitCode = error.exitCode;
    if (this.jsonMode) {
      const body: Record<string, unknown> = { code: error.code, message: error.message };
      if (error.details) body.details = error.details;
      process.stdout.write(`${JSON.stringify({ ok: false, error: body })}\n`);
    } else {
      process.stderr.write(`错误：${error.message}\n`);
      const problems = error.details?.problems;
      if (Array.isArray(problems) && problems.length > 0) {
        const total = typeof error.details?.problemCount === 'number' ? error.details.problemCount : problems.length;
        process.stderr.write(`${renderProblems(problems as RowProblem[], total)}\n`);
      }
    }
    if (this.debugMode) process.stderr.write(`${err.stack ?? String(err)}\n`);
  }

  override async finally(err: Error | undefined): Promise<void> {
    for (const r of this.registers) {
      try {
        r.close();
      } catch {
        // closing after a failure must not hide the failure
      }
    }
    this.registers = [];
    await super.finally(err);
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function toFpjcError(err: unknown, registerFile = '登记库', knownFlags: readonly string[] = []): FpjcError {
  if (isFpjcError(err)) return err;
  // a SQLite failure that reached here unwrapped (a statement outside Register.write)
  const sqlite = registerError(err, registerFile);
  if (isFpjcError(sqlite)) return sqlite;
  const parse = translateParseError(err, knownFlags);
  if (parse) return parse;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    const p = (err as { path?: string }).path ?? '';
    return new FpjcError(
      'FILE_BUSY',
      `文件「${p}」正被其他程序（如 Excel/WPS）占用或没有权限，请先关闭该文件后重试。`,
      {
        cause: err,
      },
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new FpjcError('INTERNAL', `程序内部错误：${message}。请加 --debug 重新运行，并把输出发给技术支持。`, {
    cause: err,
    exitCode: ExitCode.other,
  });
}
