import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { deliveryErrorFromDiscord } from './delivery-error-from-discord.js';

const apiError = (status: number, code: number, extra: Record<string, unknown> = {}) =>
  new DiscordAPIError(
    { message: 'nope', code, ...extra },
    code,
    status,
    'POST',
    'https://discord.test/api/v10/channels/1/messages',
    { body: {} },
  );

describe('deliveryErrorFromDiscord', () => {
  it('turns a rejected rate limit into retryAfterMs', () => {
    const err = new RateLimitError({
      global: false,
      method: 'post',
      url: 'u',
      route: '/channels/1/messages',
      majorParameter: '1',
      hash: 'h',
      limit: 5,
      timeToReset: 900,
      retryAfter: 1_500,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(deliveryErrorFromDiscord(err)).toMatchObject({
      retryAfterMs: 1_500,
      permanent: false,
      code: 'delivery.rate-limited',
    });
  });

  it('reads retry_after (seconds) from a 429 body', () => {
    expect(deliveryErrorFromDiscord(apiError(429, 0, { retry_after: 2.5 }))).toMatchObject({
      retryAfterMs: 2_500,
      permanent: false,
    });
  });

  it('retries 5xx and network failures', () => {
    expect(deliveryErrorFromDiscord(new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: {} }))).toMatchObject({
      permanent: false,
      retryAfterMs: undefined,
    });
    expect(deliveryErrorFromDiscord(new Error('ECONNRESET'))).toMatchObject({ permanent: false });
  });

  it.each([
    [401, 0],
    [403, 50013],
    [404, 10003],
    [400, 50035],
  ])('gives up on %i (code %i)', (status, code) => {
    expect(deliveryErrorFromDiscord(apiError(status, code))).toMatchObject({
      permanent: true,
      code: 'delivery.permanent',
    });
  });
});
