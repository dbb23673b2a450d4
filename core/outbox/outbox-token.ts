import { createHash } from 'node:crypto';

/**
 * An outbox item's token for DeliveryAttempt: the first 22 characters (132 bits) of the SHA-256 of its dedupe key in
 * base64url. Stable across restarts, safe inside Slack metadata or an HTML comment, and reveals nothing of the key.
 */
export function outboxToken(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 22);
}
