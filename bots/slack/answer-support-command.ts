import type { types } from '@slack/bolt';
import { answerReply } from '../../core/engine/build-replies.js';
import { formatInZone } from '../../core/format/format-due.js';
import { whoIsOnCall } from '../../core/oncall/who-is-on-call.js';
import type { SlackClient } from './create-slack-chat-platform.js';
import { escapeSlackText } from './escape-slack-text.js';
import { parseSupportCommand } from './parse-support-command.js';
import { renderSlackMessage } from './render-slack-message.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackCommandPayload } from './slack-payloads.js';

/** The command's answer, sent as the ack body: ephemeral (only the caller sees it). */
export interface CommandAnswer {
  response_type: 'ephemeral';
  text: string;
  blocks?: types.KnownBlock[] | undefined;
}

const HELP = [
  '*/support* commands:',
  '• `/support status`: open tickets of your organisation',
  '• `/support kb <question>`: search the knowledge base',
  '• `/support oncall`: who is on call now',
  '• `/support new <what you need>`: open a ticket (a thread is started here for it)',
  '• `/support help`: this list',
  'Adding the :ticket: reaction to a message in this channel also opens a ticket from it.',
].join('\n');

const ephemeral = (text: string, blocks?: types.KnownBlock[]): CommandAnswer => ({ response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) });

/** `/support status|kb|oncall|new|help`, scoped to the caller: the channel's customer, or the caller's own tickets. */
export function createSupportCommandAnswerer(deps: SlackBotDeps) {
  const { directory } = deps;

  async function status(cmd: SlackCommandPayload): Promise<CommandAnswer> {
    const customer = directory.customerForSlackChannel(cmd.channel_id);
    const tickets = await deps.actions.visibleOpenTickets({ platform: 'slack', userId: cmd.user_id }, customer?.id);
    const whose = customer ? escapeSlackText(customer.name) : 'your';
    if (!tickets.length) return ephemeral(`No open tickets for ${customer ? whose : 'you'}.`);
    const zone = (customerId: string | null) => (customerId ? directory.customer(customerId)?.timezone : undefined) ?? 'UTC';
    const lines = tickets.map(
      (t) => `• *${escapeSlackText(t.key)}* · ${t.status} · ${t.priority}${t.firstResponseDueAt !== null && t.firstResponseAt === null ? ` · first response due ${formatInZone(t.firstResponseDueAt, zone(t.customerId))}` : ''}: ${escapeSlackText(t.subject)}`,
    );
    return ephemeral(`Open tickets for ${customer ? whose : 'you'} (${tickets.length}):\n${lines.join('\n')}`);
  }

  async function kb(cmd: SlackCommandPayload, query: string): Promise<CommandAnswer> {
    if (!query) return ephemeral('Usage: `/support kb <question>`, for example `/support kb rotate API token`.');
    const customer = directory.customerForSlackChannel(cmd.channel_id);
    const requester = directory.requester('slack', { id: cmd.user_id }, customer?.id);
    const hits = await deps.engine.search(query, { platform: 'slack', tier: requester.tier, customerId: customer?.id ?? null }, 3);
    if (!hits.length) return ephemeral(`No article matches “${escapeSlackText(query)}”. \`/support new ${escapeSlackText(query)}\` opens a ticket.`);
    const answer = answerReply(hits);
    const rendered = renderSlackMessage({ ...answer, text: `Results for “${query}”: ${answer.text}` }, { conversation: { platform: 'slack', channelId: cmd.channel_id } });
    return ephemeral(rendered.text, rendered.blocks);
  }

  function oncall(): CommandAnswer {
    const { now, next } = whoIsOnCall(deps.config.oncall.shifts, directory.staff, deps.clock.now());
    const who = (slot: typeof now) => (slot?.staff ? `${escapeSlackText(slot.staff.name)} (${escapeSlackText(slot.shift)} shift, until ${formatInZone(slot.endsAt, 'UTC')})` : 'nobody');
    const lines = [`On call now: ${now ? who(now) : 'nobody (outside every shift)'}.`];
    if (next) lines.push(`Next: ${who(next)}.`);
    return ephemeral(lines.join('\n'));
  }

  async function open(cmd: SlackCommandPayload, text: string, client: SlackClient): Promise<CommandAnswer> {
    if (!text) return ephemeral('Usage: `/support new <what you need>`.');
    const customer = directory.customerForSlackChannel(cmd.channel_id);
    let threadId: string | undefined;
    try {
      // A public anchor in the channel gives the ticket a thread where the team and the customer talk.
      const anchor = await client.chat.postMessage({ channel: cmd.channel_id, text: `Support request from <@${cmd.user_id}> (via /support new):\n> ${escapeSlackText(text)}`, unfurl_links: false });
      threadId = anchor.ts;
    } catch (err) {
      deps.log.warn({ channel: cmd.channel_id, err: String(err) }, 'could not start a thread for /support new; the ticket lives in the channel');
    }
    const outcome = await deps.engine.handle({
      platform: 'slack',
      eventId: `command:${cmd.trigger_id ?? `${cmd.channel_id}:${cmd.user_id}:${deps.clock.now()}`}`,
      conversation: { platform: 'slack', channelId: cmd.channel_id, threadId },
      author: { id: cmd.user_id, name: cmd.user_name },
      text,
      receivedAt: deps.clock.now(),
      messageId: threadId,
      customerId: customer?.id,
      wantsTicket: true,
      replyInline: true,
    });
    switch (outcome.kind) {
      case 'ticket-opened':
      case 'answered': {
        const rendered = renderSlackMessage(outcome.reply, { conversation: { platform: 'slack', channelId: cmd.channel_id, threadId } });
        return ephemeral(rendered.text, rendered.blocks);
      }
      case 'ticket-updated':
        return ephemeral(`Added to ticket ${escapeSlackText(outcome.ticket.key)}.`);
      case 'ignored':
        return ephemeral(outcome.reason === 'staff-no-ticket' ? 'Staff cannot open a ticket for themselves; add :ticket: to the customer’s message instead.' : 'Nothing to open a ticket from.');
    }
  }

  return async function answer(cmd: SlackCommandPayload, client: SlackClient): Promise<CommandAnswer> {
    const parsed = parseSupportCommand(cmd.text);
    deps.log.info({ verb: parsed.verb, user: cmd.user_id, channel: cmd.channel_id }, '/support');
    switch (parsed.verb) {
      case 'status':
        return status(cmd);
      case 'kb':
        return kb(cmd, parsed.query);
      case 'oncall':
        return oncall();
      case 'new':
        return open(cmd, parsed.text, client);
      case 'help':
        return ephemeral(parsed.unknown ? `Unknown sub-command “${escapeSlackText(parsed.unknown)}”.\n${HELP}` : HELP);
    }
  };
}
