/**
 * Ctrl-C during a long command: clear the progress line, say what state the register is in, exit
 * 130. Uncommitted work is simply never committed: SQLite drops the open transaction when the
 * process ends, so the register stays as it was before the command.
 */
export function onInterrupt(message: string, cleanup: () => void = () => {}): () => void {
  const handler = (): void => {
    try {
      cleanup();
    } finally {
      process.stderr.write(`\n${message}\n`);
      process.exit(130);
    }
  };
  process.once('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}
