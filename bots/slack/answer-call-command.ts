import { callIdFromKey } from '../../core/index.js';
import type { Ticket } from '../../core/index.js';
import { ephemeral } from './command-answer.js';
import type { CommandAnswer } from './command-answer.js';
import { escapeSlackText } from './escape-slack-text.js';
import type { SupportCommand } from './parse-support-command.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackCommandPayload } from './slack-payloads.js';

type CallCommand = Extract<SupportCommand, { verb: 'call' | 'call-done' | 'call-cancel' | 'call-reschedule' }>;

/**
 * `/support call [topic]` in a customer's shared channel: the desk checks the tier and the month's quota first (a
 * refusal says why, and opens nothing), then opens a ticket in a new thread and offers the slots there with a button
 * each. `call done SUP-42 <summary>` (staff), `call cancel CALL-7`, `call reschedule CALL-7`.
 */
export function createCallCommandAnswerer(
  deps: SlackBotDeps,
  openTicket: (cmd: SlackCommandPayload, text: string) => Promise<{ answer: CommandAnswer; ticket: Ticket | null }>,
) {
  return async function answerCall(parsed: CallCommand, cmd: SlackCommandPayload): Promise<CommandAnswer> {
    const calls = deps.calls;
    if (!calls) return ephemeral('Video calls are not set up on this desk.');
    const customer = deps.directory.customerForSlackChannel(cmd.channel_id);
    const actor = { platform: 'slack' as const, userId: cmd.user_id, customerId: customer?.id };
    switch (parsed.verb) {
      case 'call': {
        const refusal = await calls.eligibility(customer?.id ?? null);
        if (refusal) return ephemeral(escapeSlackText(refusal));
        const topic = parsed.topic.trim();
        const opened = await openTicket(cmd, topic ? `Video call request: ${topic}` : 'Video call request');
        if (!opened.ticket) return opened.answer;
        const r = await calls.request(
          opened.ticket,
          { platform: 'slack', userId: cmd.user_id, name: cmd.user_name ?? null, email: null },
          topic || null,
        );
        return ephemeral(
          r.kind === 'offered'
            ? `${escapeSlackText(opened.ticket.key)}: the times for your call are in its thread. Pick one with its button.`
            : escapeSlackText(r.text),
        );
      }
      case 'call-done': {
        if (!parsed.ticketKey || !parsed.summary)
          return ephemeral('Usage: `/support call done SUP-42 <summary>` (lines starting with - are follow-ups).');
        return ephemeral(escapeSlackText((await calls.done(parsed.ticketKey, parsed.summary, actor)).text));
      }
      case 'call-cancel':
      case 'call-reschedule': {
        const id = callIdFromKey(parsed.callKey);
        if (id === null) return ephemeral('Name the call as CALL-7 (it is in the booking message).');
        const r =
          parsed.verb === 'call-cancel' ? await calls.cancel(id, actor) : await calls.offerReschedule(id, actor);
        return ephemeral(
          r.kind === 'offered' ? 'New times are offered in the call’s thread.' : escapeSlackText(r.text),
        );
      }
    }
  };
}
