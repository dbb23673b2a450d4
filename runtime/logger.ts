import pino from 'pino';
import pinoPretty from 'pino-pretty';
import type { Logger } from '../core/ports/logger.js';

export type LogFormat = 'pretty' | 'json';

export interface LoggerOptions {
  /** `pretty`: one coloured line per entry, local time, errors' stacks on their own lines. `json`: one object a line. */
  format?: LogFormat;
  /** Where the log goes (stdout by default); tests pass a stream. */
  destination?: NodeJS.WritableStream;
}

/** LOG_FORMAT when set; otherwise pretty for a person at a terminal and JSON for a supervisor, container or file. */
export function chooseLogFormat(explicit: LogFormat | undefined, isTty: boolean | undefined): LogFormat {
  return explicit ?? (isTty ? 'pretty' : 'json');
}

/** pino at the edge; secrets are redacted wherever they appear in a log object. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger & pino.Logger {
  const destination = options.destination ?? process.stdout;
  const settings: pino.LoggerOptions = {
    level,
    base: { app: 'support-desk' },
    redact: {
      paths: [
        'token',
        '*.token',
        'headers.authorization',
        '*.headers.authorization',
        'authorization',
        'secret',
        '*.secret',
        'privateKey',
        '*.privateKey',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  if (options.format === 'pretty') {
    // A synchronous stream in this thread (no transport worker): a line is written before the call returns, so nothing
    // is lost when the process exits right after logging, as on a fatal start-up error.
    const colorize = 'isTTY' in destination && destination.isTTY === true;
    const multiline = (value: unknown) =>
      typeof value === 'string' ? value.replace(/\n/g, '\n  ') : JSON.stringify(value);
    const customPrettifiers = { err: multiline, error: multiline, stack: multiline, cause: multiline };
    return pino(
      settings,
      pinoPretty({
        sync: true,
        destination,
        colorize,
        translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
        ignore: 'pid,hostname,app',
        customPrettifiers,
      }),
    );
  }
  return pino(
    settings,
    options.destination ? (options.destination as pino.DestinationStream) : pino.destination({ dest: 1, sync: true }),
  );
}
