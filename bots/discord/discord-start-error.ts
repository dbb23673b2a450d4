import { SupportError } from '../../core/index.js';

const CLOSE_REASONS: Record<number, string> = {
  4004: 'Discord rejected DISCORD_TOKEN (gateway close code 4004, authentication failed). Copy a fresh token from the Developer Portal (your application → Bot → Reset Token) into DISCORD_TOKEN.',
  4010: 'Discord refused the shard (gateway close code 4010).',
  4011: 'Discord says the bot needs sharding (gateway close code 4011); it is in too many guilds for one connection.',
  4012: 'Discord refused the gateway API version (close code 4012).',
  4013: 'Discord refused the gateway intents (close code 4013).',
  4014: 'Discord refused a privileged intent (gateway close code 4014). Enable "Message Content Intent" under your application → Bot → Privileged Gateway Intents.',
};

/** Why the Discord adapter could not start, said so that the operator knows what to fix. Never contains the token. */
export function discordStartError(
  reason: { closeCode: number } | { tokenRejected: true } | { timeoutMs: number } | { cause: unknown },
): SupportError {
  if ('closeCode' in reason)
    return new SupportError(
      'env.invalid',
      CLOSE_REASONS[reason.closeCode] ?? `Discord closed the gateway with code ${reason.closeCode}.`,
    );
  if ('tokenRejected' in reason)
    return new SupportError(
      'env.invalid',
      'Discord rejected DISCORD_TOKEN (REST 401 Unauthorized). Copy a fresh token from the Developer Portal (your application → Bot → Reset Token) into DISCORD_TOKEN.',
    );
  if ('timeoutMs' in reason)
    return new SupportError(
      'delivery.failed',
      `Discord did not report ready within ${Math.round(reason.timeoutMs / 1000)} s; check DISCORD_API_URL and the network.`,
    );
  const message = reason.cause instanceof Error ? reason.cause.message : String(reason.cause);
  return new SupportError('delivery.failed', `Could not connect to Discord: ${message}`, { cause: reason.cause });
}
