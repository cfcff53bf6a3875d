import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

/** A progress bar on stderr, only in a terminal and never under --json. */
export function progressBar(label: string, options: { json: boolean; total?: number }): Progress {
  if (options.json || !process.stderr.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: options.total ? `${label} [{bar}] {percentage}% | {value}/{total}` : `${label} {value} 行`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      barCompleteChar: '█',
      barIncompleteChar: '░',
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total ?? 0, 0);
  return {
    update: (done, total) => {
      if (total !== undefined) bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
