/** Errors carry a stable string code; expected outcomes are values, not errors. */
export type ErrorCode =
  | 'config.invalid'
  | 'scheduler.invalid'
  | 'env.invalid'
  | 'env.incomplete-platform'
  | 'knowledge.invalid'
  | 'training.invalid'
  | 'backup.failed'
  | 'period.invalid'
  | 'store.failed'
  | 'delivery.failed'
  | 'delivery.rate-limited'
  | 'delivery.permanent'
  | 'classifier.invalid-model'
  | 'input.invalid'
  /** A meeting provider (Zoom, Google Meet) could not be reached or failed: try again later. */
  | 'meeting.unavailable'
  /** A meeting provider refused the request (credentials, a bad request): a retry will not help. */
  | 'meeting.refused';

/**
 * The base of every error the desk throws on purpose: a stable `code` for logs and adapters, the message for people.
 * Subclasses keep their own `name` (ConfigError, EnvError, ...) so logs and stack traces say which one.
 */
export class SupportError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SupportError';
    this.code = code;
  }
}

/** A platform refused or failed to take a message; `retryAfterMs` when the platform said when to retry. */
export class DeliveryError extends SupportError {
  readonly retryAfterMs: number | undefined;
  readonly permanent: boolean;

  constructor(message: string, options: { retryAfterMs?: number; permanent?: boolean; cause?: unknown } = {}) {
    super(
      options.permanent
        ? 'delivery.permanent'
        : options.retryAfterMs !== undefined
          ? 'delivery.rate-limited'
          : 'delivery.failed',
      message,
      {
        cause: options.cause,
      },
    );
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs;
    this.permanent = options.permanent ?? false;
  }
}

export function isSupportError(value: unknown): value is SupportError {
  return value instanceof SupportError;
}
