import { confirm, input, select } from '@inquirer/prompts';
import type { Context } from '@inquirer/type';

/**
 * The questions an interactive command asks, behind one small interface: the real one uses
 * @inquirer/prompts on the terminal; tests drive the same flows with scripted answers.
 */
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  select<T>(message: string, choices: readonly Choice<T>[]): Promise<T>;
  input(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  print(text: string): void;
}

/** Prompts on the terminal (or on the given streams). */
export function inquirerPrompter(context: Context = {}): Prompter {
  const out = context.output ?? process.stderr;
  return {
    select: <T>(message: string, choices: readonly Choice<T>[]) =>
      select<T>({ message, choices: [...choices], pageSize: 15, loop: false }, context),
    input: (message, options = {}) =>
      input(
        {
          message,
          ...(options.default !== undefined ? { default: options.default } : {}),
          ...(options.validate ? { validate: options.validate } : {}),
        },
        context,
      ),
    confirm: (message, defaultValue = true) => confirm({ message, default: defaultValue }, context),
    print: (text) => {
      out.write(`${text}\n`);
    },
  };
}

/** The user pressed Ctrl+C in a prompt. */
export const isPromptExit = (err: unknown): boolean =>
  err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');

/** Interactive only on a terminal, never with --json (SPEC §11). */
export const canPrompt = (json: boolean): boolean =>
  !json && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
