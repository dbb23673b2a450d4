import { createHash } from 'node:crypto';

/**
 * A Message-ID for a mail the desk sends, without angle brackets: `<32 hex of sha256(seed)>@<domain>`. Derived from
 * a seed the caller already has for the logical message (its outbox dedupe key), so a retried send of the same outbox
 * item carries the same Message-ID, and the caller can record it as sent before it talks to the SMTP server.
 */
export function emailMessageId(seed: string, domain: string): string {
  const host = domain.trim().toLowerCase();
  if (!seed) throw new Error('emailMessageId needs a non-empty seed (the outbox dedupe key)');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw new Error(`"${domain}" is not a domain name`);
  return `${createHash('sha256').update(seed).digest('hex').slice(0, 32)}@${host}`;
}
