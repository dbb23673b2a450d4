import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../core/index.js';

/** Discord error codes a retry cannot fix: unknown channel/message, no access, no permission, archived/locked thread. */
const PERMANENT_CODES = new Set([10003, 10008, 50001, 50013, 50083, 160005]);

/**
 * The one place Discord REST failures become the core's DeliveryError: 429 → retry after what Discord said;
 * 5xx and network errors → retry with backoff; 401/403/404, invalid bodies and unfixable codes → permanent.
 */
export function deliveryErrorFromDiscord(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) {
    const ms = err.retryAfter > 0 ? err.retryAfter : err.timeToReset;
    return new DeliveryError(`Discord rate limit on ${err.method.toUpperCase()} ${err.route}`, {
      retryAfterMs: Math.max(ms, 250),
      cause: err,
    });
  }
  if (err instanceof DiscordAPIError) {
    const what = `Discord answered ${err.status} (${String(err.code)}): ${err.message}`;
    if (err.status === 429) {
      const seconds = Number((err.rawError as { retry_after?: unknown }).retry_after ?? 1);
      return new DeliveryError(what, { retryAfterMs: Math.max(Math.ceil(seconds * 1000), 250), cause: err });
    }
    if (err.status >= 500) return new DeliveryError(what, { cause: err });
    const permanent =
      err.status === 400 ||
      err.status === 401 ||
      err.status === 403 ||
      err.status === 404 ||
      PERMANENT_CODES.has(Number(err.code));
    return new DeliveryError(what, { permanent, cause: err });
  }
  if (err instanceof HTTPError)
    return new DeliveryError(
      `Discord answered ${err.status} ${err.method} ${err.url.replace(/\/webhooks\/\d+\/[^/]+/, '/webhooks/:id/:token')}`,
      { cause: err },
    );
  return new DeliveryError(`Discord request failed: ${err instanceof Error ? err.message : String(err)}`, {
    cause: err,
  });
}
