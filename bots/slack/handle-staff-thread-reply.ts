import type { SlackClient } from './create-slack-chat-platform.js';
import { fetchSlackMessage } from './fetch-slack-message.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackEventEnvelope, SlackMessageEvent } from './slack-payloads.js';

/** Channels whose customers have no chat thread of their own: a staff reply in the announcement's thread goes there. */
const RELAYED_PLATFORMS = new Set(['email']);

/**
 * A staff member's message in the thread of a ticket announcement in the staff channel. For a ticket whose customer
 * has no chat thread (an email ticket) it is the answer: relayed to the customer (`/note …` stays internal) and
 * recorded as the staff response; a short line in the thread says what happened. Returns false for every other
 * message, which then goes to the engine as before (discussion in other announcement threads stays internal).
 */
export function createStaffThreadReplyHandler(deps: SlackBotDeps) {
  const staffChannel = deps.config.slack.staffChannel;
  return async function handleStaffThreadReply(
    envelope: SlackEventEnvelope,
    event: SlackMessageEvent,
    client: SlackClient,
  ): Promise<boolean> {
    if (!deps.staffReplies || !staffChannel || event.channel !== staffChannel) return false;
    if (event.subtype || event.bot_id || !event.user || !event.thread_ts || event.thread_ts === event.ts) return false;
    const text = event.text?.trim() ?? '';
    if (!text || !envelope.event_id) return false;
    const parent = await fetchSlackMessage(client, staffChannel, event.thread_ts);
    const key = parent?.bot_id ? /\b([A-Z]{2,6}-\d+)\b/.exec(parent.text ?? '')?.[1] : undefined;
    const ticket = key ? await deps.store.getTicketByKey(key) : null;
    if (!ticket || !RELAYED_PLATFORMS.has(ticket.conversation.platform)) return false;
    const result = await deps.staffReplies.reply({
      key: ticket.key,
      actor: { platform: 'slack', userId: event.user },
      text,
      eventId: envelope.event_id,
    });
    deps.log.info({ ticket: ticket.key, result: result.kind }, 'staff thread reply');
    if (result.kind === 'duplicate') return true;
    const line =
      result.kind === 'sent'
        ? `Sent to the customer by ${ticket.conversation.platform}${result.firstResponse ? ' (first response recorded)' : ''}.`
        : result.kind === 'noted'
          ? 'Internal note added.'
          : result.kind === 'not-found'
            ? `No ticket ${result.key}.`
            : result.reason;
    await client.chat.postMessage({ channel: staffChannel, thread_ts: event.thread_ts, text: line });
    return true;
  };
}
