import { describe, expect, it } from 'vitest';
import { SECONDARY_LIMIT_WAIT_MS, deliveryErrorFromGitHub } from './delivery-error-from-github.js';

const apiError = (status: number, headers: Record<string, string> = {}, message = 'failed') =>
  Object.assign(new Error(message), { status, response: { headers, data: {} } });

describe('deliveryErrorFromGitHub', () => {
  it('waits for retry-after on a 403 secondary rate limit or a 429', () => {
    expect(deliveryErrorFromGitHub(apiError(403, { 'retry-after': '30' }))).toMatchObject({
      retryAfterMs: 30_000,
      permanent: false,
      code: 'delivery.rate-limited',
    });
    expect(deliveryErrorFromGitHub(apiError(429, { 'retry-after': '5' }))).toMatchObject({ retryAfterMs: 5_000 });
  });

  it('waits until x-ratelimit-reset when the primary limit is used up, else a minute for a secondary limit', () => {
    expect(
      deliveryErrorFromGitHub(apiError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1000' }), 990_000),
    ).toMatchObject({ retryAfterMs: 10_000 });
    expect(deliveryErrorFromGitHub(apiError(403, {}, 'You have exceeded a secondary rate limit'))).toMatchObject({
      retryAfterMs: SECONDARY_LIMIT_WAIT_MS,
    });
  });

  it('retries 5xx, 401 and network errors with backoff; gives up on 403 forbidden, 404, 410 and 422', () => {
    for (const e of [apiError(500), apiError(502), apiError(401), new TypeError('fetch failed')])
      expect(deliveryErrorFromGitHub(e)).toMatchObject({ permanent: false, retryAfterMs: undefined });
    for (const status of [403, 404, 410, 422])
      expect(deliveryErrorFromGitHub(apiError(status, {}, 'Resource not accessible'))).toMatchObject({
        permanent: true,
        code: 'delivery.permanent',
      });
  });
});
