/**
 * The narrowest structural shapes of the Slack payloads the adapter reads, so recorded JSON fixtures (and Bolt's
 * own types) can be fed to the mappers. Only the fields used are listed; everything is optional where Slack omits it.
 */

/** A `message` event (any subtype) as it arrives in `event` of an Events API envelope. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string | undefined;
  channel?: string | undefined;
  channel_type?: string | undefined;
  user?: string | undefined;
  username?: string | undefined;
  bot_id?: string | undefined;
  text?: string | undefined;
  ts?: string | undefined;
  thread_ts?: string | undefined;
  /** message_changed: the message after the edit. */
  message?: SlackMessageEvent | undefined;
  /** message_changed / message_deleted: the message before. */
  previous_message?: SlackMessageEvent | undefined;
  /** message_deleted: the ts of the deleted message. */
  deleted_ts?: string | undefined;
}

/** A `reaction_added` event. */
export interface SlackReactionEvent {
  type: string;
  user: string;
  reaction: string;
  item: { type: string; channel?: string | undefined; ts?: string | undefined };
  item_user?: string | undefined;
  event_ts?: string | undefined;
}

/** The parts of the Events API envelope (`event_callback`) the adapter needs: the idempotency key. */
export interface SlackEventEnvelope {
  event_id?: string | undefined;
  event_time?: number | undefined;
}

/** A slash command (form fields). */
export interface SlackCommandPayload {
  command: string;
  text: string;
  user_id: string;
  user_name?: string | undefined;
  channel_id: string;
  trigger_id?: string | undefined;
  response_url?: string | undefined;
}

/** One clicked button of a `block_actions` payload, with where it was clicked. */
export interface SlackButtonClick {
  actionId: string;
  value: string;
  userId: string;
  channelId: string | undefined;
  /** The message holding the button (absent for ephemeral messages). */
  messageTs: string | undefined;
  threadTs: string | undefined;
  actionTs: string | undefined;
}

/** A message as returned by conversations.history / conversations.replies. */
export interface SlackHistoryMessage {
  ts?: string | undefined;
  thread_ts?: string | undefined;
  user?: string | undefined;
  bot_id?: string | undefined;
  subtype?: string | undefined;
  text?: string | undefined;
}
