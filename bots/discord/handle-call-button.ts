import type { ButtonInteraction } from 'discord.js';
import { ComponentType, Routes } from 'discord.js';
import { CALL_CANCEL_ACTION, CALL_PICK_ACTION, CALL_REQUEST_ACTION, CALL_RESCHEDULE_ACTION } from '../../core/index.js';
import type { CallActor } from '../../core/index.js';
import { parseCustomId } from './custom-id.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import type { ComponentRowJson } from './handle-page-ack.js';
import { actorOf, canSee } from './interaction-context.js';
import { CONTENT_LIMIT, NO_PINGS } from './render-discord-message.js';

/** The video-call buttons the adapter routes to the scheduler. */
export const CALL_ACTIONS: ReadonlySet<string> = new Set([
  CALL_PICK_ACTION,
  CALL_CANCEL_ACTION,
  CALL_RESCHEDULE_ACTION,
  CALL_REQUEST_ACTION,
]);

/** The rows without the buttons of one action (a booked offer's slots); a row left empty goes. */
export function rowsWithout(rows: readonly ComponentRowJson[], actionId: string): ComponentRowJson[] {
  return rows
    .map((row) =>
      row.type !== ComponentType.ActionRow || !row.components
        ? row
        : {
            ...row,
            components: row.components.filter(
              (c) =>
                c.type !== ComponentType.Button ||
                typeof c.custom_id !== 'string' ||
                parseCustomId(c.custom_id).actionId !== actionId,
            ),
          },
    )
    .filter((row) => row.type !== ComponentType.ActionRow || (row.components?.length ?? 0) > 0);
}

/** discord.js gives a Message (rows with toJSON) when the channel is cached, the raw payload otherwise. */
const rowsOf = (message: { components: readonly unknown[] }): ComponentRowJson[] =>
  message.components.map((row) =>
    typeof (row as { toJSON?: unknown }).toJSON === 'function'
      ? (row as { toJSON(): ComponentRowJson }).toJSON()
      : (row as ComponentRowJson),
  );

/**
 * The video-call buttons: a slot of an offer (`call.pick`, value `offerId:index`), Reschedule and Cancel on a booking
 * (value = the booking id), and "Book a video call" under the desk's answer to "can we get on a call?"
 * (`call.request`, value = the ticket key). The scheduler checks who may act and books in one transaction; the
 * clicker reads the outcome (the caller deferred an ephemeral reply), and a booked offer loses its slot buttons (the
 * booking message in the thread has the details). Returns the text for the clicker.
 */
export function createCallButtonHandler(
  deps: Pick<DiscordBotDeps, 'calls' | 'tickets' | 'actions' | 'directory' | 'config' | 'clock' | 'log'>,
) {
  /** The offer's own message, edited with the bot token: who picked, and no slot buttons left to click. */
  async function markPicked(interaction: ButtonInteraction): Promise<void> {
    const message = interaction.message;
    if (/\nPicked by /.test(message.content)) return;
    const line = `\nPicked by <@${interaction.user.id}> <t:${Math.floor(deps.clock.now() / 1000)}:f>.`;
    await interaction.client.rest.patch(Routes.channelMessage(interaction.channelId, message.id), {
      body: {
        content: message.content.slice(0, CONTENT_LIMIT - line.length) + line,
        components: rowsWithout(rowsOf(message), CALL_PICK_ACTION),
        allowed_mentions: { parse: NO_PINGS.parse },
      },
    });
  }

  return async function handleCallButton(
    interaction: ButtonInteraction,
    actionId: string,
    value: string,
  ): Promise<string> {
    const calls = deps.calls;
    if (!calls) return 'Video calls are not set up on this desk.';
    const actor = actorOf(interaction, deps.config.discord.staffRoleIds);
    const log = deps.log.child({ action: actionId, value, user: actor.userId });
    if (actionId === CALL_REQUEST_ACTION) {
      // The person confirmed they want a call; only someone who can see the ticket may ask on it.
      const ticket = await deps.tickets.getTicketByKey(value);
      if (!ticket || !canSee(ticket, actor, deps)) return `There is no ticket ${value} that you can see.`;
      const refusal = await calls.eligibility(ticket.customerId);
      if (refusal) return refusal;
      const r = await calls.request(
        ticket,
        { platform: 'discord', userId: actor.userId, name: interaction.user.username, email: null },
        null,
      );
      log.info({ outcome: r.kind }, 'call requested');
      return r.kind === 'offered' ? 'The times for your call are in the ticket’s thread.' : r.text;
    }
    const callActor: CallActor = {
      platform: 'discord',
      userId: actor.userId,
      customerId: deps.directory.requester('discord', { id: actor.userId }).customer?.id,
      isStaff: actor.isStaff,
    };
    if (actionId === CALL_PICK_ACTION) {
      const [offer, index] = value.split(':').map(Number);
      if (!Number.isInteger(offer) || !Number.isInteger(index)) return 'That button is not a time of an offer.';
      const r = await calls.pick(offer as number, index as number, callActor);
      log.info({ outcome: r.kind }, 'call slot picked');
      if (r.kind !== 'refused')
        await markPicked(interaction).catch((err: unknown) =>
          deps.log.warn({ offer, err: String(err) }, 'could not drop the slot buttons of a booked offer'),
        );
      return r.text;
    }
    const booking = Number(value);
    if (!Number.isInteger(booking)) return 'That button does not name a call.';
    const r =
      actionId === CALL_CANCEL_ACTION
        ? await calls.cancel(booking, callActor)
        : await calls.offerReschedule(booking, callActor);
    log.info({ outcome: r.kind }, actionId === CALL_RESCHEDULE_ACTION ? 'call reschedule asked' : 'call cancel asked');
    return r.kind === 'offered' ? 'New times are offered in this thread.' : r.text;
  };
}
