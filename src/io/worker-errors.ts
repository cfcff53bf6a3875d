/** Errors carried from a worker thread to the thread that started it, rebuilt as they were thrown. */
import { type ErrorCode, FpjcError } from '../domain/errors.js';

export interface SerializedError {
  fpjc: boolean;
  code: string | undefined;
  message: string;
  details: Record<string, unknown> | undefined;
  exitCode: number | undefined;
  stack: string | undefined;
  path: string | undefined;
}

export function serializeError(err: unknown): SerializedError {
  const e = err as Partial<FpjcError> & { path?: string; stack?: string };
  return {
    fpjc: err instanceof FpjcError,
    code: typeof e?.code === 'string' ? e.code : undefined,
    message: String(e?.message ?? err),
    details: err instanceof FpjcError ? e.details : undefined,
    exitCode: err instanceof FpjcError ? e.exitCode : undefined,
    stack: e?.stack,
    path: typeof e?.path === 'string' ? e.path : undefined,
  };
}

/** The worker's error as the caller would have met it in its own thread. */
export function deserializeError(s: SerializedError): Error {
  if (s.fpjc) {
    const err = new FpjcError(s.code as ErrorCode, s.message, {
      ...(s.details ? { details: s.details } : {}),
      ...(s.exitCode !== undefined ? { exitCode: s.exitCode as FpjcError['exitCode'] } : {}),
    });
    if (s.stack) err.stack = s.stack;
    return err;
  }
  const err = new Error(s.message) as Error & { code?: string; path?: string };
  if (s.code) err.code = s.code;
  if (s.path) err.path = s.path;
  if (s.stack) err.stack = s.stack;
  return err;
}
