import pino from 'pino';
import type { Logger } from '../core/ports/logger.js';

/** pino at the edge; secrets are redacted wherever they appear in a log object. */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger & pino.Logger {
  return pino({
    level,
    base: { app: 'support-desk' },
    redact: {
      paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'authorization', 'secret', '*.secret', 'privateKey', '*.privateKey', 'password', '*.password'],
      censor: '[redacted]',
    },
    ...(options.pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,app' } } } : {}),
  });
}
