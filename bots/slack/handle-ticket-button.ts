import { formatInZone, staffAnnouncement, ticketSummary } from '../../core/index.js';
import type { TicketVerb } from '../../core/index.js';
import { annotatePage } from './annotate-page.js';
import type { SlackClient } from './create-slack-chat-platform.js';
import type { ClickedMessage } from './handle-page-ack.js';
import { escapeSlackText } from './escape-slack-text.js';
import type { PrivateReply } from './private-reply.js';
import { renderSlackMessage } from './render-slack-message.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackButtonClick } from './slack-payloads.js';
import { threadLink } from './thread-link.js';

export type AnnouncementVerb = Extract<TicketVerb, 'claim' | 'resolve' | 'escalate'>;
const DONE: Record<AnnouncementVerb, string> = { claim: 'Claimed', resolve: 'Resolved', escalate: 'Escalated' };

/** A clicked message that is not an announcement (a page or reminder: it has no `ticket` summary block). */
export function isAnnouncement(blocks: readonly unknown[] | undefined): boolean {
  return (blocks ?? []).some((b) => (b as { block_id?: unknown }).block_id === 'ticket');
}

/**
 * Claim / Resolve / Escalate on a staff announcement (or Claim on a page). The permission check is the core's (`actions.act`): a
 * refusal is explained privately to the clicker; success rewrites the announcement (chat.update) with the
 * ticket's current state and a "who did what" line, and drops the buttons once the ticket is resolved or closed.
 * A page keeps its own text and Acknowledge button: only the clicked button goes, and the line is added.
 */
export function createTicketButtonHandler(deps: SlackBotDeps) {
  return async function handleTicketButton(
    verb: AnnouncementVerb,
    click: SlackButtonClick,
    history: readonly string[],
    client: SlackClient,
    reply: PrivateReply,
    clicked: ClickedMessage = {},
  ): Promise<void> {
    const log = deps.log.child({ action: `ticket.${verb}`, ticket: click.value, user: click.userId });
    const result = await deps.actions.act(verb, click.value, { platform: 'slack', userId: click.userId });
    if (result.kind === 'forbidden' || result.kind === 'invalid') {
      log.info({ result: result.kind }, 'ticket action refused');
      await reply(escapeSlackText(result.reason));
      return;
    }
    if (result.kind === 'not-found') {
      await reply(`No ticket ${escapeSlackText(result.key)} was found.`);
      return;
    }
    const ticket = result.ticket;
    log.info({ status: ticket.status }, 'ticket action done');
    if (!click.channelId || !click.messageTs) {
      await reply(`${DONE[verb]} ${escapeSlackText(ticket.key)}.`);
      return;
    }
    const line = `${DONE[verb]} by <@${click.userId}> at ${formatInZone(deps.clock.now(), 'UTC')}`;
    if (clicked.blocks?.length && !isAnnouncement(clicked.blocks)) {
      const blocks = annotatePage(clicked.blocks, { line, drop: [`ticket.${verb}`] });
      await client.chat.update({
        channel: click.channelId,
        ts: click.messageTs,
        text: clicked.text ?? `${DONE[verb]} ${ticket.key}`,
        blocks,
      });
      return;
    }
    const customer = ticket.customerId ? deps.directory.customer(ticket.customerId) : undefined;
    const summary = ticketSummary(ticket, customer?.timezone ?? 'UTC', customer?.name ?? null);
    const base = staffAnnouncement(ticket, summary);
    const finished = ticket.status === 'resolved' || ticket.status === 'closed';
    const actions = finished ? [] : base.actions?.filter((a) => !(a.id === 'ticket.escalate' && ticket.escalated));
    const link = await threadLink((a) => client.chat.getPermalink(a), ticket.conversation);
    const rendered = renderSlackMessage(
      { ...base, notifyStaff: false, actions },
      {
        conversation: { platform: 'slack', channelId: click.channelId },
        threadLink: link,
        history: [...history, line],
      },
    );
    await client.chat.update({
      channel: click.channelId,
      ts: click.messageTs,
      text: rendered.text,
      blocks: rendered.blocks,
    });
  };
}
