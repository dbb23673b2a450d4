import type { SlackClient } from './create-slack-chat-platform.js';
import type { SlackHistoryMessage } from './slack-payloads.js';

/**
 * One message by channel and ts: conversations.history finds top-level messages, conversations.replies finds
 * replies inside threads. Null when neither has it (deleted, or no access).
 */
export async function fetchSlackMessage(
  client: Pick<SlackClient, 'conversations'>,
  channel: string,
  ts: string,
): Promise<SlackHistoryMessage | null> {
  const window = { channel, latest: ts, oldest: ts, inclusive: true, limit: 1 };
  const history = await client.conversations.history(window);
  const top = (history.messages ?? []).find((m) => m.ts === ts);
  if (top) return top;
  const replies = await client.conversations.replies({ ...window, ts });
  return (replies.messages ?? []).find((m) => m.ts === ts) ?? null;
}
