import type { SlackButtonClick } from './slack-payloads.js';

/** The fields of a `block_actions` body the adapter reads (narrow, so recorded payloads can be fed in). */
export interface SlackBlockActionsBody {
  type?: string | undefined;
  user?: { id?: string | undefined } | undefined;
  channel?: { id?: string | undefined } | undefined;
  container?:
    | { channel_id?: string | undefined; message_ts?: string | undefined; thread_ts?: string | undefined }
    | undefined;
  message?:
    | {
        ts?: string | undefined;
        thread_ts?: string | undefined;
        text?: string | undefined;
        blocks?: readonly unknown[] | undefined;
      }
    | undefined;
}

export interface SlackButtonAction {
  action_id?: string | undefined;
  value?: string | undefined;
  action_ts?: string | undefined;
}

/** One button click, or null when the payload lacks who clicked or what. */
export function mapButtonClick(body: SlackBlockActionsBody, action: SlackButtonAction): SlackButtonClick | null {
  const userId = body.user?.id;
  if (!userId || !action.action_id) return null;
  return {
    actionId: action.action_id,
    value: action.value ?? '',
    userId,
    channelId: body.channel?.id ?? body.container?.channel_id,
    messageTs: body.message?.ts ?? body.container?.message_ts,
    threadTs: body.message?.thread_ts ?? body.container?.thread_ts,
    actionTs: action.action_ts,
  };
}

/** The bot-written history lines of an announcement (its `history` context block), to extend on update. */
export function announcementHistory(body: SlackBlockActionsBody): string[] {
  const block = (body.message?.blocks ?? []).find((b) => (b as { block_id?: unknown }).block_id === 'history') as
    | { elements?: { text?: unknown }[] }
    | undefined;
  return (block?.elements ?? []).map((e) => e.text).filter((t): t is string => typeof t === 'string');
}
