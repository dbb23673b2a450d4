import { createHash } from 'node:crypto';
import { answerReply, formatInZone, formatStatsText, PeriodError } from '../../core/index.js';
import type { ConversationRef, NewOutboxItem, OnCallSlot, Ticket, TriageOutcome } from '../../core/index.js';
import { createCallCommandAnswerer } from './answer-call-command.js';
import { ephemeral } from './command-answer.js';
import type { CommandAnswer } from './command-answer.js';

export type { CommandAnswer } from './command-answer.js';
import { escapeSlackText } from './escape-slack-text.js';
import type { OnCallOverrideArgs } from './parse-oncall-override.js';
import { parseSupportCommand } from './parse-support-command.js';
import { pendingThread } from './pending-thread.js';
import { renderSlackMessage } from './render-slack-message.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackCommandPayload } from './slack-payloads.js';

// Escaped as a whole: `<question>` and friends are placeholders, not Slack links or mentions.
const HELP = escapeSlackText(
  [
    '*/support* commands:',
    '• `/support status`: open tickets of your organisation',
    '• `/support kb <question>`: search the knowledge base',
    '• `/support oncall`: who is on call now and next',
    '• `/support oncall override @person <from> <to>`: put someone on call (staff; times as `now`, `+8h`, `18:00` or `2026-11-24T08:00`, your time zone)',
    '• `/support stats [30d|7d|12w|24h]`: desk metrics for the period (staff)',
    '• `/support new <what you need>`: open a ticket (a thread is started here for it)',
    '• `/support call [topic]`: book a video call (paid plans; the times are offered in a new thread)',
    '• `/support call reschedule CALL-7` or `/support call cancel CALL-7`: move or cancel a call',
    '• `/support call done SUP-42 <summary>`: record a call (staff; lines starting with - are follow-ups)',
    '• `/support help`: this list',
    'Adding the :ticket: reaction to a message in this channel also opens a ticket from it.',
  ].join('\n'),
);

/**
 * What makes one invocation of a command: Slack's trigger_id, or without it (a replayed or hand-made payload) a hash
 * of the payload, whose response_url is unique per invocation too. The same payload delivered twice is one request.
 */
function commandId(cmd: SlackCommandPayload): string {
  if (cmd.trigger_id) return cmd.trigger_id;
  return createHash('sha256')
    .update(JSON.stringify([cmd.channel_id, cmd.user_id, cmd.text, cmd.response_url ?? '']))
    .digest('base64url')
    .slice(0, 22);
}

/** `/support status|kb|oncall|new|help`, scoped to the caller: the channel's customer, or the caller's own tickets. */
export function createSupportCommandAnswerer(deps: SlackBotDeps) {
  const { directory } = deps;

  async function status(cmd: SlackCommandPayload): Promise<CommandAnswer> {
    const customer = directory.customerForSlackChannel(cmd.channel_id);
    const tickets = await deps.actions.visibleOpenTickets({ platform: 'slack', userId: cmd.user_id }, customer?.id);
    const whose = customer ? escapeSlackText(customer.name) : 'your';
    if (!tickets.length) return ephemeral(`No open tickets for ${customer ? whose : 'you'}.`);
    const zone = (customerId: string | null) =>
      (customerId ? directory.customer(customerId)?.timezone : undefined) ?? 'UTC';
    const lines = tickets.map(
      (t) =>
        `• *${escapeSlackText(t.key)}* · ${t.status} · ${t.priority}${t.firstResponseDueAt !== null && t.firstResponseAt === null ? ` · first response due ${formatInZone(t.firstResponseDueAt, zone(t.customerId))}` : ''}: ${escapeSlackText(t.subject)}`,
    );
    return ephemeral(`Open tickets for ${customer ? whose : 'you'} (${tickets.length}):\n${lines.join('\n')}`);
  }

  async function kb(cmd: SlackCommandPayload, query: string): Promise<CommandAnswer> {
    if (!query) return ephemeral('Usage: `/support kb <question>`, for example `/support kb rotate API token`.');
    const customer = directory.customerForSlackChannel(cmd.channel_id);
    const requester = directory.requester('slack', { id: cmd.user_id }, customer?.id);
    const hits = await deps.engine.search(
      query,
      { platform: 'slack', tier: requester.tier, customerId: customer?.id ?? null },
      3,
    );
    if (!hits.length)
      return ephemeral(
        `No article matches “${escapeSlackText(query)}”. \`/support new ${escapeSlackText(query)}\` opens a ticket.`,
      );
    const answer = answerReply(hits);
    const rendered = renderSlackMessage(
      { ...answer, text: `Results for “${query}”: ${answer.text}` },
      { conversation: { platform: 'slack', channelId: cmd.channel_id } },
    );
    return ephemeral(rendered.text, rendered.blocks);
  }

  /** Now and next, overrides included (the same answer pages use), times in the caller's zone when staff. */
  function scheduleLines(slots: { now: OnCallSlot | null; next: OnCallSlot | null }, zone: string): string[] {
    const label = (slot: OnCallSlot) =>
      slot.overrideId === undefined
        ? `${escapeSlackText(slot.shift)} shift`
        : slot.shift === 'override'
          ? 'override'
          : `${escapeSlackText(slot.shift)} shift, override`;
    const name = (slot: OnCallSlot) =>
      slot.staff ? escapeSlackText(slot.staff.name) : 'nobody (the shift has no members)';
    const { now, next } = slots;
    const lines = [
      `On call now: ${now ? `${name(now)} (${label(now)}, until ${formatInZone(now.endsAt, zone)})` : 'nobody (outside every shift)'}.`,
    ];
    // The next slot starts where this one ends (by construction), whatever the override's own start was.
    if (next)
      lines.push(
        `Next: ${name(next)} (${label(next)}, from ${formatInZone(Math.max(next.startsAt, now?.endsAt ?? next.startsAt), zone)}).`,
      );
    return lines;
  }

  const zoneOf = (userId: string) => directory.staffByIdentity('slack', userId)?.timezone ?? 'UTC';

  async function oncall(cmd: SlackCommandPayload): Promise<CommandAnswer> {
    return ephemeral(scheduleLines(await deps.sla.oncall.schedule(), zoneOf(cmd.user_id)).join('\n'));
  }

  /** Staff only (the core checks and says why); the answer is private to the caller. */
  async function override(cmd: SlackCommandPayload, args: OnCallOverrideArgs): Promise<CommandAnswer> {
    if (!args.ok) return ephemeral(escapeSlackText(args.reason)); // it may quote what the user typed
    const person =
      'slackUserId' in args.person
        ? { platform: 'slack' as const, userId: args.person.slackUserId }
        : args.person.staffId;
    const result = await deps.sla.oncall.setOverride({
      actor: { platform: 'slack', userId: cmd.user_id },
      person,
      from: args.from,
      to: args.to,
    });
    if (result.kind !== 'set') {
      deps.log.info({ result: result.kind, user: cmd.user_id }, 'on-call override refused');
      return ephemeral(escapeSlackText(result.reason));
    }
    const zone = zoneOf(cmd.user_id);
    const { override: o, staff } = result;
    deps.log.info({ override: o.id, staff: staff.id, by: o.createdBy }, 'on-call override set');
    return ephemeral(
      [
        `${escapeSlackText(staff.name)} is on call from ${formatInZone(o.startsAt, zone)} to ${formatInZone(o.endsAt, zone)}.`,
        ...scheduleLines(result, zone),
      ].join('\n'),
    );
  }

  /** Staff only: the desk's metrics as short plain text (no user input in it, so it is posted as is). */
  async function stats(cmd: SlackCommandPayload, period: string): Promise<CommandAnswer> {
    if (!deps.actions.isStaff({ platform: 'slack', userId: cmd.user_id }))
      return ephemeral('Only support staff can see the desk’s stats.');
    if (!deps.analytics) return ephemeral('Stats are not available on this desk.');
    try {
      return ephemeral(escapeSlackText(formatStatsText(await deps.analytics.metrics(period))));
    } catch (err) {
      if (err instanceof PeriodError) return ephemeral(escapeSlackText(err.message)); // quotes what the user typed
      throw err;
    }
  }

  /**
   * Acknowledged before Slack is called (a slow Slack made the caller see an error while the ticket opened): the ticket
   * opens on a thread not started yet (pending-thread.ts), and its thread starter is queued in the same transaction,
   * for the outbox to post, deduplicated by the command's id. A command delivered again is the same event: no second
   * ticket, no second starter.
   */
  async function open(cmd: SlackCommandPayload, text: string, via = '/support new'): Promise<CommandAnswer> {
    if (!text) return ephemeral('Usage: `/support new <what you need>`.');
    return (await openTicket(cmd, text, via)).answer;
  }

  async function openTicket(
    cmd: SlackCommandPayload,
    text: string,
    via: string,
  ): Promise<{ answer: CommandAnswer; ticket: Ticket | null }> {
    const customer = directory.customerForSlackChannel(cmd.channel_id);
    const eventId = `command:${commandId(cmd)}`;
    const starterKey = `thread-starter:slack:${eventId}`;
    const conversation = pendingThread(cmd.channel_id, starterKey);
    const starter = (key: string): NewOutboxItem => ({
      platform: 'slack',
      conversation,
      message: {
        text: `${key}: support request from ${cmd.user_name ?? 'a member'} (via ${via}). Replies in this thread go to the ticket.\n“${text}”`,
      },
      dedupeKey: starterKey,
    });
    const outcome = await deps.engine.handle(
      {
        platform: 'slack',
        eventId,
        conversation,
        author: { id: cmd.user_id, name: cmd.user_name },
        text,
        receivedAt: deps.clock.now(),
        customerId: customer?.id,
        wantsTicket: true,
        replyInline: true,
      },
      { outboxFor: (o) => (o.kind === 'ticket-opened' ? [starter(o.ticket.key)] : []) },
    );
    const ticket =
      outcome.kind === 'ticket-opened' || outcome.kind === 'ticket-updated'
        ? outcome.ticket
        : outcome.kind === 'ignored' && outcome.reason === 'duplicate'
          ? await deps.store.findTicketForConversation(conversation)
          : null;
    return { answer: await commandAnswer(outcome, conversation), ticket };
  }

  async function commandAnswer(outcome: TriageOutcome, conversation: ConversationRef): Promise<CommandAnswer> {
    switch (outcome.kind) {
      case 'ticket-opened':
      case 'answered': {
        const rendered = renderSlackMessage(outcome.reply, { conversation });
        return ephemeral(rendered.text, rendered.blocks);
      }
      case 'ticket-updated':
        return ephemeral(`Added to ticket ${escapeSlackText(outcome.ticket.key)}.`);
      case 'ignored': {
        if (outcome.reason === 'duplicate') {
          const ticket = await deps.store.findTicketForConversation(conversation);
          return ephemeral(
            ticket
              ? `This request is already ticket ${escapeSlackText(ticket.key)}.`
              : 'This request was already received.',
          );
        }
        return ephemeral(
          outcome.reason === 'staff-no-ticket'
            ? 'Staff cannot open a ticket for themselves; add :ticket: to the customer’s message instead.'
            : 'Nothing to open a ticket from.',
        );
      }
    }
  }

  const answerCall = createCallCommandAnswerer(deps, (cmd, text) => openTicket(cmd, text, '/support call'));

  return async function answer(cmd: SlackCommandPayload): Promise<CommandAnswer> {
    const parsed = parseSupportCommand(cmd.text);
    deps.log.info({ verb: parsed.verb, user: cmd.user_id, channel: cmd.channel_id }, '/support');
    switch (parsed.verb) {
      case 'status':
        return status(cmd);
      case 'kb':
        return kb(cmd, parsed.query);
      case 'oncall':
        return oncall(cmd);
      case 'oncall-override':
        return override(cmd, parsed.args);
      case 'stats':
        return stats(cmd, parsed.period);
      case 'new':
        return open(cmd, parsed.text);
      case 'call':
      case 'call-done':
      case 'call-cancel':
      case 'call-reschedule':
        return answerCall(parsed, cmd);
      case 'help':
        return ephemeral(parsed.unknown ? `Unknown sub-command “${escapeSlackText(parsed.unknown)}”.\n${HELP}` : HELP);
    }
  };
}
