import { DeliveryError } from '../../core/index.js';

/** Slack Web API `error` values a retry cannot fix: the message is kept as dead, not retried forever. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'restricted_action',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_arguments',
  'too_many_attachments',
]);

interface SlackSdkError {
  code?: unknown;
  statusCode?: unknown;
  retryAfter?: unknown;
  data?: { error?: unknown } | undefined;
  message?: unknown;
}

/** The Web API error code (`channel_not_found`…), the HTTP status, or the SDK's error code, for logs and replies. */
export function slackErrorDetail(err: unknown): string {
  const e = (err ?? {}) as SlackSdkError;
  if (typeof e.data?.error === 'string') return e.data.error;
  if (typeof e.statusCode === 'number') return `http ${e.statusCode}`;
  return typeof e.code === 'string' ? e.code : String(e.message ?? err);
}

/**
 * The one place Slack Web API failures become delivery errors: rate limits carry `retryAfterMs` from
 * `retry-after`; 5xx, timeouts and network errors are retried with backoff; configuration errors a retry cannot
 * fix (`channel_not_found`, `not_in_channel`, `invalid_auth`…) are permanent.
 */
export function deliveryErrorFromSlack(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as SlackSdkError;
  const detail = slackErrorDetail(err);
  const message = `Slack API call failed: ${detail}`;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
      return new DeliveryError(message, { retryAfterMs: Math.max(0, seconds) * 1000, cause: err });
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
      return new DeliveryError(message, { permanent: status < 500 && status !== 408, cause: err });
    }
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : '';
      if (code === 'ratelimited') return new DeliveryError(message, { retryAfterMs: 1000, cause: err });
      return new DeliveryError(message, { permanent: PERMANENT_ERRORS.has(code), cause: err });
    }
    default:
      // slack_webapi_request_error (network), timeouts and anything unknown: retry, never lose the message.
      return new DeliveryError(message, { cause: err });
  }
}
