export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A failure the test injected for the next matching calls. */
export interface Failure {
  method: string;
  path: RegExp;
  remaining: number;
  status: 429 | 500;
  /** Seconds, for 429. */
  retryAfter: number;
  /**
   * The call takes effect (the message is created) and then its response is lost: Discord answers 500 anyway, so
   * the client cannot tell whether it landed. Only with status 500.
   */
  applied?: boolean;
}

/** Discord's error body: `{ message, code }`. */
export const error = (status: number, code: number, message: string): Reply => ({
  status,
  body: { message, code },
});
export const NOT_FOUND = error(404, 0, '404: Not Found');
export const SERVER_ERROR: Reply = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };

/** The reply an injected failure gives: a 429 with Discord's rate-limit headers, or a 500. */
export function failureReply(failure: Failure): Reply {
  if (failure.status !== 429) return SERVER_ERROR;
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: failure.retryAfter, global: false },
    headers: {
      'retry-after': String(failure.retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(failure.retryAfter),
      'x-ratelimit-bucket': 'emulated',
      'x-ratelimit-scope': 'user',
    },
  };
}
