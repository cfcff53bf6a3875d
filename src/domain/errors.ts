/**
 * Errors a user can cause or meet. Every one carries a Chinese message that says what to do,
 * a stable code for `--json`, and the exit code of SPEC §11.
 */
export const ExitCode = {
  ok: 0,
  other: 1,
  usage: 2,
  inputRejected: 3,
  register: 4,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorCode =
  | 'USAGE'
  | 'INVALID_INPUT'
  | 'REFUSED'
  | 'UNREADABLE_FILE'
  | 'EMPTY_FILE'
  | 'FILE_NOT_FOUND'
  | 'FILE_BUSY'
  | 'REGISTER_MISSING'
  | 'REGISTER_EXISTS'
  | 'REGISTER_LOCKED'
  | 'REGISTER_NEWER'
  | 'REGISTER_CORRUPT'
  | 'REGISTER_READONLY'
  | 'DISK_FULL'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TEMPLATE'
  | 'POLICY_MISSING'
  | 'INTERNAL';

const exitByCode: Record<ErrorCode, ExitCodeValue> = {
  USAGE: ExitCode.usage,
  INVALID_INPUT: ExitCode.inputRejected,
  /** A workflow guard said no (a skipped stage, a 公示 not yet over …): nothing changed. */
  REFUSED: ExitCode.inputRejected,
  UNREADABLE_FILE: ExitCode.inputRejected,
  EMPTY_FILE: ExitCode.inputRejected,
  FILE_NOT_FOUND: ExitCode.inputRejected,
  FILE_BUSY: ExitCode.other,
  REGISTER_MISSING: ExitCode.register,
  REGISTER_EXISTS: ExitCode.register,
  REGISTER_LOCKED: ExitCode.register,
  REGISTER_NEWER: ExitCode.register,
  REGISTER_CORRUPT: ExitCode.register,
  /** The register file or its folder cannot be written: read commands still work. */
  REGISTER_READONLY: ExitCode.register,
  /** The register could not be written for lack of space (an output file's ENOSPC exits 1). */
  DISK_FULL: ExitCode.register,
  NOT_FOUND: ExitCode.other,
  CONFLICT: ExitCode.other,
  TEMPLATE: ExitCode.other,
  POLICY_MISSING: ExitCode.other,
  INTERNAL: ExitCode.other,
};

export class FpjcError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCodeValue;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown; exitCode?: ExitCodeValue } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'FpjcError';
    this.code = code;
    this.exitCode = options.exitCode ?? exitByCode[code];
    this.details = options.details;
  }
}

export const isFpjcError = (e: unknown): e is FpjcError => e instanceof FpjcError;

/** A problem found in one cell or row of an input file (SPEC §5). `row` is the sheet row as Excel shows it. */
export interface RowProblem {
  sheet: string;
  row: number;
  column: string;
  value: string;
  message: string;
}
