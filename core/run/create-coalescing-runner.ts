export interface CoalescingRunnerOptions<R> {
  /** One round of the work (a sweep, a lane's flush). */
  round: () => Promise<R>;
  /** Folds a round's result into the run's total (default: the run's result is its last round's). */
  combine?: ((total: R, next: R) => R) | undefined;
  /** Where a kicked run's failure goes (kick() has no caller to reject). */
  onError: (err: unknown) => void;
}

export interface CoalescingRunner<R> {
  /**
   * Run a round now. While a run is under way, the call asks for exactly one more round after the current one (however
   * many calls ask) and shares the run's promise, which settles when that round has run too.
   */
  run(): Promise<R>;
  /** run() without waiting for it; a failure goes to onError. */
  kick(): void;
  /** A run is under way. */
  readonly running: boolean;
  /** Resolves once no run is under way (a failed run counts as finished). */
  idle(): Promise<void>;
}

/**
 * Work that is asked for more often than it can run (a wake-up per committed write, an interval) runs one round at a
 * time, and asks that arrive during a round collapse into one more round: nothing asked for is missed, nothing runs
 * twice at once. The outbox dispatcher's lanes and the SLA sweep run on it. Stopping the drivers (an interval, a
 * subscription) is the owner's job; idle() then waits for the work in flight.
 */
export function createCoalescingRunner<R>(options: CoalescingRunnerOptions<R>): CoalescingRunner<R> {
  const combine = options.combine ?? ((_total: R, next: R) => next);
  let current: Promise<R> | null = null;
  let again = false;
  // Always settles asynchronously, so a round that throws at once still ends the run after run() recorded it.
  const round = async (): Promise<R> => options.round();

  async function rounds(): Promise<R> {
    try {
      again = false;
      let total: R = await round();
      while (again) {
        again = false;
        const next: R = await round();
        total = combine(total, next);
      }
      return total;
    } finally {
      // Cleared in the same step that decided no round is left: a call from here on starts a new run, instead of
      // joining one that has finished but not yet settled its promise (and missing the round it asked for).
      current = null;
    }
  }

  function run(): Promise<R> {
    if (current) {
      again = true;
      return current;
    }
    current = rounds();
    return current;
  }

  return {
    run,
    kick() {
      void run().catch(options.onError);
    },
    get running() {
      return current !== null;
    },
    async idle() {
      while (current) await current.catch(() => undefined);
    },
  };
}
