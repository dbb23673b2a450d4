import cliProgress from 'cli-progress';

export interface Progress {
  increment(by?: number): void;
  /** Sets the position (and the total, when it changed). */
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr (stdout stays pure JSON); silent when stderr is not a terminal. */
export function startProgress(label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label.padEnd(28)} [{bar}] {value}/{total} {duration_formatted}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    increment: (by = 1) => bar.increment(by),
    update: (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
