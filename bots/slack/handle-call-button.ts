import {
  CALL_CANCEL_ACTION,
  CALL_PICK_ACTION,
  CALL_REQUEST_ACTION,
  CALL_RESCHEDULE_ACTION,
  formatInZone,
} from '../../core/index.js';
import { annotatePage } from './annotate-page.js';
import type { SlackClient } from './create-slack-chat-platform.js';
import { escapeSlackText } from './escape-slack-text.js';
import type { ClickedMessage } from './handle-page-ack.js';
import type { PrivateReply } from './private-reply.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackButtonClick } from './slack-payloads.js';

/**
 * The video-call buttons: a slot of an offer (value `offerId:index`), Reschedule and Cancel on a booking (value = the
 * booking id). The scheduler checks who may act and books in one transaction; the clicker hears the outcome privately,
 * and a booked offer loses its slot buttons (the booking message in the thread has the details).
 */
export function createCallButtonHandler(deps: SlackBotDeps) {
  return async function handleCallButton(
    id: string,
    click: SlackButtonClick,
    client: SlackClient,
    reply: PrivateReply,
    clicked: ClickedMessage = {},
  ): Promise<void> {
    const calls = deps.calls;
    if (!calls) return reply('Video calls are not set up on this desk.');
    const customer = click.channelId ? deps.directory.customerForSlackChannel(click.channelId) : undefined;
    const actor = { platform: 'slack' as const, userId: click.userId, customerId: customer?.id };
    const log = deps.log.child({ action: id, value: click.value, user: click.userId });
    if (id === CALL_REQUEST_ACTION) {
      // "Book a video call" under the desk's answer to "can we get on a call?": the person confirmed.
      const ticket = await deps.store.getTicketByKey(click.value);
      if (!ticket) return reply(`No ticket ${escapeSlackText(click.value)} was found.`);
      const refusal = await calls.eligibility(ticket.customerId);
      if (refusal) return reply(escapeSlackText(refusal));
      const r = await calls.request(ticket, { platform: 'slack', userId: click.userId, name: null, email: null }, null);
      log.info({ outcome: r.kind }, 'call requested');
      return reply(r.kind === 'offered' ? 'The times for your call are in the thread.' : escapeSlackText(r.text));
    }
    if (id === CALL_PICK_ACTION) {
      const [offer, index] = click.value.split(':').map(Number);
      if (!Number.isInteger(offer) || !Number.isInteger(index)) return reply('That button is not a time of an offer.');
      const r = await calls.pick(offer as number, index as number, actor);
      log.info({ outcome: r.kind }, 'call slot picked');
      await reply(escapeSlackText(r.text));
      if (r.kind !== 'refused' && click.channelId && click.messageTs && clicked.blocks?.length) {
        const line = `Picked by <@${click.userId}> at ${formatInZone(deps.clock.now(), 'UTC')}`;
        await client.chat.update({
          channel: click.channelId,
          ts: click.messageTs,
          text: clicked.text ?? 'Video call booked',
          blocks: annotatePage(clicked.blocks, { line, drop: [CALL_PICK_ACTION] }),
        });
      }
      return;
    }
    const booking = Number(click.value);
    if (!Number.isInteger(booking)) return reply('That button does not name a call.');
    const r =
      id === CALL_CANCEL_ACTION ? await calls.cancel(booking, actor) : await calls.offerReschedule(booking, actor);
    log.info({ outcome: r.kind }, id === CALL_RESCHEDULE_ACTION ? 'call reschedule asked' : 'call cancel asked');
    await reply(r.kind === 'offered' ? 'New times are offered in this thread.' : escapeSlackText(r.text));
  };
}
