import { mapSlackMessage } from './map-slack-message.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackEventEnvelope, SlackMessageEvent } from './slack-payloads.js';

/**
 * `message` events: a person's message in a customer channel goes to the engine (which opens a ticket, joins the
 * thread's ticket, records a staff first response, or answers). Edits are appended to the transcript as
 * "(edited) …" only when the thread already has a ticket; deletions are logged and the transcript keeps the
 * original (it is the audit trail); bot messages, including our own, are skipped before the engine.
 */
export function createMessageEventHandler(deps: SlackBotDeps) {
  const mapDeps = {
    customerForChannel: (id: string) => deps.directory.customerForSlackChannel(id),
    now: () => deps.clock.now(),
  };
  return async function handleMessageEvent(envelope: SlackEventEnvelope, event: SlackMessageEvent): Promise<void> {
    const log = deps.log.child({ eventId: envelope.event_id });
    const mapped = mapSlackMessage(envelope, event, mapDeps);
    if (mapped.kind === 'skip') {
      if (mapped.reason === 'malformed')
        log.warn({ reason: mapped.reason }, 'malformed slack message event acknowledged and ignored');
      else if (mapped.reason === 'deleted')
        log.info(
          { reason: mapped.reason, channel: event.channel },
          'message deleted in Slack; the ticket transcript keeps the original',
        );
      else
        log.debug({ reason: mapped.reason, channel: event.channel, subtype: event.subtype }, 'slack message ignored');
      return;
    }
    if (mapped.kind === 'edit' && !(await deps.store.findTicketForConversation(mapped.message.conversation))) {
      log.info(
        { channel: mapped.message.conversation.channelId, ts: mapped.message.messageId },
        'edit outside any ticket ignored',
      );
      return;
    }
    const outcome = await deps.engine.handle(mapped.message);
    log.info(
      {
        outcome: outcome.kind,
        ...('ticket' in outcome ? { ticket: outcome.ticket.key } : {}),
        ...(outcome.kind === 'ignored' ? { reason: outcome.reason } : {}),
      },
      'slack message handled',
    );
  };
}
