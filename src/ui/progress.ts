import cliProgress from 'cli-progress';

export interface Progress {
  /** Work done so far and, when known, the whole amount. */
  update(done: number, total?: number, estimated?: boolean): void;
  /** What is being worked on now (e.g. the file of a folder import). */
  label(text: string): void;
  /** Clears the bar; call it before anything else is printed. */
  stop(): void;
}

const silent: Progress = { update: () => {}, label: () => {}, stop: () => {} };

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * A progress line on stderr, only in a terminal and never under --json:
 * `正在导入 家庭成员.xlsx  12,000 / 66,000 行` (with a bar when the total is known).
 */
export function progressBar(label: string, options: { json: boolean; total?: number; unit?: string }): Progress {
  if (options.json || !process.stderr.isTTY) return silent;
  const unit = options.unit ?? '行';
  let text = label;
  let total = options.total ?? 0;
  let about = false;
  const bar = new cliProgress.SingleBar(
    {
      format: (opts, params) => {
        const value = count(params.value);
        if (!total) return `${text}  ${value} ${unit}`;
        const width = opts.barsize ?? 30;
        const filled = Math.max(0, Math.min(width, Math.round(params.progress * width)));
        const shown = Math.min(params.value, total);
        return `${text} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${count(shown)} / ${about ? `约 ${count(total >= 10000 ? Math.round(total / 1000) * 1000 : total)}` : count(total)} ${unit}`;
      },
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    update: (done, newTotal, estimated) => {
      if (stopped) return;
      if (estimated !== undefined) about = estimated;
      if (newTotal !== undefined && newTotal !== total) {
        total = Math.max(newTotal, done);
        bar.setTotal(total);
      }
      bar.update(done);
    },
    label: (t) => {
      if (stopped) return;
      text = t;
      total = 0;
      about = false;
      bar.setTotal(0);
      bar.update(0);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
