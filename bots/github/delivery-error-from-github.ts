import { DeliveryError } from '../../core/index.js';

/** What the adapter reads of a failed GitHub API call (an Octokit `RequestError`, or a network error without status). */
interface ApiFailure {
  status?: number | undefined;
  message?: string | undefined;
  response?: { headers?: Record<string, string | number | undefined> | undefined; data?: unknown } | undefined;
}

/** Without a retry-after, GitHub asks to wait at least a minute after a secondary rate limit. */
export const SECONDARY_LIMIT_WAIT_MS = 60_000;

const header = (err: ApiFailure, name: string): string | undefined => {
  const v = err.response?.headers?.[name];
  return v === undefined ? undefined : String(v);
};

/**
 * The one place GitHub API failures become delivery outcomes for the outbox:
 * - 403/429 rate limits: retry after `retry-after` seconds, else at `x-ratelimit-reset`, else in a minute;
 * - 5xx, 401 (token expired or being rotated) and network errors: retried with the outbox's backoff;
 * - 400, 403 (no permission, locked issue), 404, 410, 422: permanent, the item is kept as dead for inspection.
 */
export function deliveryErrorFromGitHub(error: unknown, now: number = Date.now()): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const err = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ApiFailure;
  const status = typeof err.status === 'number' ? err.status : undefined;
  const message = `GitHub API ${status ?? 'request'} failed: ${err.message ?? 'unknown error'}`;
  const retryAfter = Number(header(err, 'retry-after'));
  const remaining = header(err, 'x-ratelimit-remaining');
  const reset = Number(header(err, 'x-ratelimit-reset'));
  const rateLimited =
    status === 429 ||
    (status === 403 && (Number.isFinite(retryAfter) || remaining === '0' || /rate limit/i.test(err.message ?? '')));

  if (rateLimited) {
    if (Number.isFinite(retryAfter) && retryAfter >= 0)
      return new DeliveryError(message, { retryAfterMs: retryAfter * 1000, cause: error });
    if (remaining === '0' && Number.isFinite(reset))
      return new DeliveryError(message, { retryAfterMs: Math.max(1000, reset * 1000 - now), cause: error });
    return new DeliveryError(message, { retryAfterMs: SECONDARY_LIMIT_WAIT_MS, cause: error });
  }
  if (status === undefined || status >= 500 || status === 401) return new DeliveryError(message, { cause: error });
  return new DeliveryError(message, { permanent: true, cause: error });
}
