import type { SlackClient } from './create-slack-chat-platform.js';
import { escapeSlackText } from './escape-slack-text.js';
import { fetchSlackMessage } from './fetch-slack-message.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackEventEnvelope, SlackReactionEvent } from './slack-payloads.js';

export const TICKET_REACTIONS = new Set(['ticket', 'admission_tickets']);

/**
 * `:ticket:` on a message in a customer channel opens a ticket from that message: its author is the requester
 * (so staff can ticket a customer's message), its thread is the ticket's conversation, and the reaction's
 * event_id is the idempotency key. A thread that already has a ticket gets a private note to the reactor instead.
 */
export function createTicketReactionHandler(deps: SlackBotDeps) {
  return async function handleReaction(
    envelope: SlackEventEnvelope,
    event: SlackReactionEvent,
    client: SlackClient,
  ): Promise<void> {
    const log = deps.log.child({ eventId: envelope.event_id });
    // The fields are checked as values: a signed but malformed event is acknowledged and ignored, not failed.
    const item: Partial<SlackReactionEvent['item']> =
      typeof event.item === 'object' && event.item !== null ? event.item : {};
    const { channel, ts } = item;
    if (
      !TICKET_REACTIONS.has(event.reaction) ||
      item.type !== 'message' ||
      typeof channel !== 'string' ||
      typeof ts !== 'string' ||
      typeof event.user !== 'string' ||
      typeof envelope.event_id !== 'string'
    )
      return;
    const customer = deps.directory.customerForSlackChannel(channel);
    if (!customer) {
      log.debug({ channel }, ':ticket: outside a customer channel ignored');
      return;
    }
    if (await deps.store.hasEvent('slack', envelope.event_id)) {
      log.info({}, 'retried :ticket: reaction ignored');
      return;
    }
    const original = await fetchSlackMessage(client, channel, ts);
    if (!original?.user || original.bot_id || !original.text?.trim()) {
      log.info({ channel, ts }, ':ticket: on a message that is gone, empty or from a bot ignored');
      return;
    }
    const conversation = { platform: 'slack' as const, channelId: channel, threadId: original.thread_ts ?? ts };
    const existing = await deps.store.findTicketForConversation(conversation);
    if (existing) {
      await client.chat.postEphemeral({
        channel,
        user: event.user,
        thread_ts: conversation.threadId,
        text: `This thread is already ticket ${escapeSlackText(existing.key)} (${existing.status}).`,
      });
      return;
    }
    const outcome = await deps.engine.handle({
      platform: 'slack',
      eventId: envelope.event_id,
      conversation,
      author: { id: original.user },
      text: original.text,
      receivedAt: deps.clock.now(),
      messageId: ts,
      customerId: customer.id,
      wantsTicket: true,
    });
    log.info(
      { outcome: outcome.kind, ...('ticket' in outcome ? { ticket: outcome.ticket.key } : {}) },
      ':ticket: reaction handled',
    );
  };
}
