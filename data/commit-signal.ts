import type { SqliteDatabase } from './open-database.js';

/**
 * What the stores of one database announce after their transactions commit (OutboxStore.onOutboxQueued,
 * SlaStore.onTimersChanged): the outbox dispatcher's and the SLA sweep's wake-ups. The stores of one database share
 * one (commitSignalOf), so a listener hears every store that writes outbox rows: the support store's commits, the
 * SLA store's sweep steps and the analytics store's outreach records.
 */
export interface CommitSignal {
  onOutboxQueued(listener: () => void): () => void;
  onTimersChanged(listener: () => void): () => void;
  /** Announce a committed write that inserted outbox rows (call only after its COMMIT). */
  outboxQueued(): void;
  /** Announce a committed ticket change that wrote clocks (call only after its COMMIT). */
  timersChanged(): void;
  /**
   * Inside a transaction: the SLA sink counts each write of clocks here. The ticket commit compares the count around
   * its hook to learn whether it wrote any, and announces `timersChanged` once its transaction has committed.
   */
  noteTimerWrite(): void;
  timerWrites(): number;
}

function createListeners() {
  const listeners = new Set<() => void>();
  return {
    add(listener: () => void): () => void {
      // A wrapper per subscription, so subscribing one function twice gives two independent subscriptions.
      const entry = () => listener();
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    fire(): void {
      for (const listener of [...listeners]) {
        try {
          listener();
        } catch {
          // The write has committed; its caller must see that, whatever a listener does.
        }
      }
    },
  };
}

export function createCommitSignal(): CommitSignal {
  const outbox = createListeners();
  const timers = createListeners();
  let timerWrites = 0;
  return {
    onOutboxQueued: outbox.add,
    onTimersChanged: timers.add,
    outboxQueued: outbox.fire,
    timersChanged: timers.fire,
    noteTimerWrite: () => void timerWrites++,
    timerWrites: () => timerWrites,
  };
}

const signals = new WeakMap<SqliteDatabase, CommitSignal>();

/** The database's one signal, shared by every store opened on it. */
export function commitSignalOf(db: SqliteDatabase): CommitSignal {
  let signal = signals.get(db);
  if (!signal) {
    signal = createCommitSignal();
    signals.set(db, signal);
  }
  return signal;
}
