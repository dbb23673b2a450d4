/** Work raced against a deadline: its value, its error, or `late` (the work goes on; the caller decides what then). */
export type Deadlined<T> = { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'late' };

/** Waits for `work` at most `ms`; the timer is cleared as soon as the work settles. Never rejects. */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<Deadlined<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Deadlined<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'late' }), ms);
  });
  const settled = work.then(
    (value): Deadlined<T> => ({ kind: 'done', value }),
    (error: unknown): Deadlined<T> => ({ kind: 'failed', error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
