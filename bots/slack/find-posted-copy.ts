import { directMessageUserId } from '../../core/index.js';
import type { ConversationRef, DeliveryAttempt } from '../../core/index.js';
import type { App } from '@slack/bolt';

/** The `event_type` of the message metadata that names a post's outbox item. */
export const OUTBOX_EVENT_TYPE = 'support_desk_outbox';
const PAGE = 200;
/** A lost response is retried within minutes, so its copy is among the newest posts; the search stops here. */
const MAX_PAGES = 5;

/** The metadata every outbox post carries, so that a retry can recognise an earlier copy. */
export function outboxMetadata(delivery: DeliveryAttempt) {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { token: delivery.token } };
}

interface MetadataMessage {
  ts?: string | undefined;
  metadata?: { event_type?: string | undefined; event_payload?: Record<string, unknown> | undefined } | undefined;
}

/**
 * The `ts` of a post of this outbox item that an earlier attempt made, or null: the thread's replies
 * (conversations.replies) or the channel's messages (conversations.history) since `delivery.since`, with their
 * metadata (`include_all_metadata`), at most MAX_PAGES pages. A direct message (a page) is searched in the bot's DM
 * with the person, found with conversations.open (`im:write`) and read with `im:history`; an app installed without
 * those scopes gets Slack's `missing_scope`, a permanent error, and its page is posted again (a repeat, the safe
 * side for a page).
 */
export async function findPostedCopy(
  client: Pick<App['client'], 'conversations'>,
  target: ConversationRef,
  delivery: DeliveryAttempt,
): Promise<string | null> {
  const dmUser = directMessageUserId(target);
  let conversation = target;
  if (dmUser !== null) {
    const opened = await client.conversations.open({ users: dmUser, return_im: false });
    const channelId = opened.channel?.id;
    if (!channelId) return null;
    conversation = { platform: 'slack', channelId };
  }
  const oldest = (delivery.since / 1000).toFixed(6);
  const isCopy = (m: MetadataMessage) =>
    m.metadata?.event_type === OUTBOX_EVENT_TYPE && m.metadata.event_payload?.token === delivery.token;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const common = {
      channel: conversation.channelId,
      oldest,
      include_all_metadata: true,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    };
    const answer = conversation.threadId
      ? await client.conversations.replies({ ...common, ts: conversation.threadId })
      : await client.conversations.history(common);
    const copy = ((answer.messages ?? []) as MetadataMessage[]).find(isCopy);
    if (copy?.ts) return copy.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) return null;
  }
  return null;
}
