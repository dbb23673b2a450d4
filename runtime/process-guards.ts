import type { Logger as PinoLogger } from 'pino';
import type { Logger } from '../core/ports/logger.js';

/** The part of `process` the guards use (an EventEmitter in tests). */
export interface GuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
}

const describe = (value: unknown) =>
  value instanceof Error ? { err: value.message, stack: value.stack } : { err: String(value) };

/**
 * What the desk does with an error no code caught:
 * - an unhandled promise rejection is logged (code `process.unhandled-rejection`) and the desk keeps running: a
 *   rejection cannot leave a half-written change (every change is one synchronous SQLite transaction), and whatever
 *   it interrupted is still recorded (an unacknowledged event is redelivered, an unsent outbox row retried);
 * - an uncaught exception is logged as fatal (`process.uncaught-exception`), the desk stops as on SIGTERM (bounded
 *   by the drain time) and exits with status 1 for its supervisor to restart it. The process may be in a state no
 *   code expected, and every clock, timer and queued message resumes from the database on the next start.
 */
export function installProcessGuards(deps: {
  process: GuardedProcess;
  log: Logger & Pick<PinoLogger, 'fatal'>;
  stop: (reason: string) => Promise<void>;
  exit: (code: number) => void;
}): { unhandled(): number } {
  let unhandled = 0;
  deps.process.on('unhandledRejection', (reason) => {
    unhandled++;
    deps.log.error(
      { code: 'process.unhandled-rejection', ...describe(reason) },
      'a promise was rejected and nothing handled it; the desk keeps running',
    );
  });
  let failing = false;
  deps.process.on('uncaughtException', (err) => {
    deps.log.fatal(
      { code: 'process.uncaught-exception', ...describe(err) },
      'uncaught exception: stopping, to be restarted by the supervisor',
    );
    if (failing) return;
    failing = true;
    deps.stop('uncaughtException').then(
      () => deps.exit(1),
      () => deps.exit(1),
    );
  });
  return { unhandled: () => unhandled };
}
