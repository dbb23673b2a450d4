import { describe, expect, it } from 'vitest';
import { deliveryErrorFromSlack } from './delivery-error-from-slack.js';

/** Errors shaped like @slack/web-api's (code + statusCode / retryAfter / data). */
const rateLimited = Object.assign(new Error('A rate-limit has been reached'), {
  code: 'slack_webapi_rate_limited_error',
  retryAfter: 7,
});
const http = (statusCode: number) =>
  Object.assign(new Error(`An HTTP protocol error occurred: statusCode = ${statusCode}`), {
    code: 'slack_webapi_http_error',
    statusCode,
  });
const platform = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error },
  });

describe('deliveryErrorFromSlack', () => {
  it('turns a 429 into a rate-limited error carrying retry-after in ms', () => {
    expect(deliveryErrorFromSlack(rateLimited)).toMatchObject({
      code: 'delivery.rate-limited',
      retryAfterMs: 7_000,
      permanent: false,
    });
  });

  it('retries 5xx and network errors, gives up on other 4xx', () => {
    expect(deliveryErrorFromSlack(http(500))).toMatchObject({ code: 'delivery.failed', permanent: false });
    expect(deliveryErrorFromSlack(http(503))).toMatchObject({ permanent: false });
    expect(
      deliveryErrorFromSlack(Object.assign(new Error('socket hang up'), { code: 'slack_webapi_request_error' })),
    ).toMatchObject({ permanent: false });
    expect(deliveryErrorFromSlack(http(404))).toMatchObject({ code: 'delivery.permanent', permanent: true });
  });

  it('makes configuration errors permanent and transient platform errors retryable', () => {
    for (const e of ['channel_not_found', 'not_in_channel', 'invalid_auth'])
      expect(deliveryErrorFromSlack(platform(e))).toMatchObject({
        permanent: true,
        message: `Slack API call failed: ${e}`,
      });
    expect(deliveryErrorFromSlack(platform('internal_error'))).toMatchObject({ permanent: false });
    expect(deliveryErrorFromSlack(platform('ratelimited'))).toMatchObject({ retryAfterMs: 1_000 });
  });
});
