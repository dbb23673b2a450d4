import type { SqliteDatabase } from './open-database.js';

export interface GroupCommitOptions {
  /** Most change sets in one transaction; more wait for the next one. */
  maxBatch?: number;
}

interface Pending<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: `apply` calls queued during one turn of the event loop run in ONE SQLite transaction, each inside
 * its own savepoint. A call that throws rolls back its own savepoint only and rejects its own promise; the others
 * commit. Every promise settles after the COMMIT (or its failure): a caller that acknowledges on resolution has its
 * data on disk, exactly as with a transaction per call. A lone caller waits one `setImmediate` hop.
 *
 * Why: in WAL mode a commit writes every page it dirtied (the tickets table, its indexes, transcript, audit, outbox),
 * so concurrent messages committed one by one write the same hot pages again and again; batched, they share them.
 */
export interface GroupCommit<I, O> {
  /** Queue `input` for the next batch; settles after that batch's COMMIT. */
  submit(input: I): Promise<O>;
  /** Commit whatever is queued now, synchronously (e.g. before closing the database). */
  flushNow(): void;
}

export function createGroupCommit<I, O>(
  db: SqliteDatabase,
  apply: (input: I) => O,
  options: GroupCommitOptions = {},
): GroupCommit<I, O> {
  const maxBatch = options.maxBatch ?? 256;
  const one = db.transaction(apply);
  let pending: Pending<I, O>[] = [];
  let scheduled = false;

  type Outcome = { ok: true; value: O } | { ok: false; error: unknown };
  const batch = db.transaction((items: readonly Pending<I, O>[]): Outcome[] =>
    items.map((item) => {
      try {
        return { ok: true, value: one(item.input) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );

  function flush(): void {
    scheduled = false;
    if (pending.length === 0) return;
    const items = pending.slice(0, maxBatch);
    pending = pending.slice(items.length);
    if (pending.length) schedule();
    let outcomes: Outcome[];
    try {
      outcomes = batch(items);
    } catch (error) {
      for (const item of items) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const item = items[i] as Pending<I, O>;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    submit: (input) =>
      new Promise<O>((resolve, reject) => {
        pending.push({ input, resolve, reject });
        schedule();
      }),
    flushNow() {
      while (pending.length) flush();
    },
  };
}
