import type { InboundMessage } from '../../core/index.js';
import type { SlackEventEnvelope, SlackMessageEvent } from './slack-payloads.js';

export type SlackSkipReason =
  | 'no-event-id'
  | 'malformed'
  | 'bot'
  | 'not-customer-channel'
  | 'no-author'
  | 'deleted'
  | 'unchanged-edit'
  | 'subtype';

/**
 * What a `message` event means for the desk:
 * - `message`: a person wrote in a customer channel (top level or in a thread) → `engine.handle`;
 * - `edit`: a person changed a message; the caller appends it to the ticket transcript only when the
 *   conversation already has a ticket (an edit never opens a ticket or triggers a second answer);
 * - `skip`: deliberately ignored (bots including ourselves, deletions, joins/topic changes, unmapped channels, and
 *   `malformed` events: a field the desk reads has the wrong type, e.g. `text: 42`; the payload is signed, so it is
 *   Slack's or a bug's, and it is acknowledged once rather than failed, which would make Slack deliver it again).
 */
export type SlackMessageMapping =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'edit'; message: InboundMessage }
  | { kind: 'skip'; reason: SlackSkipReason };

export interface MapSlackMessageDeps {
  customerForChannel(channelId: string): { id: string } | undefined;
  now(): number;
}

/** Subtypes that are a person writing; everything else (channel_join, channel_topic, pinned_item…) is skipped. */
const PERSON_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/** The string fields the mapper reads: each absent, null or a string (the JSON is Slack's, the types are not promised). */
const STRING_FIELDS = ['subtype', 'channel', 'user', 'username', 'bot_id', 'text', 'ts', 'thread_ts'] as const;

function wellFormed(event: SlackMessageEvent, depth = 0): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const fields = event as unknown as Record<string, unknown>;
  if (!STRING_FIELDS.every((f) => fields[f] == null || typeof fields[f] === 'string')) return false;
  // message_changed carries the message before and after the edit.
  return depth > 0 || [event.message, event.previous_message].every((m) => m == null || wellFormed(m, depth + 1));
}

export function mapSlackMessage(
  envelope: SlackEventEnvelope,
  event: SlackMessageEvent,
  deps: MapSlackMessageDeps,
): SlackMessageMapping {
  if (!envelope.event_id || typeof envelope.event_id !== 'string') return { kind: 'skip', reason: 'no-event-id' };
  if (!wellFormed(event)) return { kind: 'skip', reason: 'malformed' };
  if (event.subtype === 'message_deleted') return { kind: 'skip', reason: 'deleted' };
  const edited = event.subtype === 'message_changed';
  const msg = edited ? event.message : event;
  if (!msg) return { kind: 'skip', reason: 'subtype' };
  if (msg.bot_id || msg.subtype === 'bot_message' || event.bot_id) return { kind: 'skip', reason: 'bot' };
  if (!PERSON_SUBTYPES.has(msg.subtype)) return { kind: 'skip', reason: 'subtype' };
  if (edited && (msg.text ?? '') === (event.previous_message?.text ?? ''))
    return { kind: 'skip', reason: 'unchanged-edit' };
  const channel = event.channel ?? msg.channel;
  const customer = channel ? deps.customerForChannel(channel) : undefined;
  if (!channel || !customer) return { kind: 'skip', reason: 'not-customer-channel' };
  if (!msg.user || !msg.ts) return { kind: 'skip', reason: 'no-author' };

  const message: InboundMessage = {
    platform: 'slack',
    eventId: envelope.event_id,
    conversation: { platform: 'slack', channelId: channel, threadId: msg.thread_ts ?? msg.ts },
    author: { id: msg.user, name: msg.username },
    text: edited ? `(edited) ${msg.text ?? ''}` : (msg.text ?? ''),
    receivedAt: deps.now(),
    messageId: msg.ts,
    customerId: customer.id,
  };
  return { kind: edited ? 'edit' : 'message', message };
}
