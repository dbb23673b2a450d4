import type { ConversationRef } from '../../core/index.js';

/** A Slack archive link to a message, used when chat.getPermalink is unavailable. */
export function archiveLink(channelId: string, ts: string): string {
  return `https://slack.com/archives/${encodeURIComponent(channelId)}/p${ts.replace('.', '')}`;
}

/**
 * The permalink of a ticket's thread: chat.getPermalink when it answers, else a constructed archive link
 * (a link is a convenience; failing to get one never blocks a message).
 */
export async function threadLink(
  getPermalink: (args: { channel: string; message_ts: string }) => Promise<{ permalink?: string | undefined }>,
  conversation: ConversationRef,
): Promise<string | undefined> {
  if (conversation.platform !== 'slack' || !conversation.threadId) return undefined;
  try {
    const r = await getPermalink({ channel: conversation.channelId, message_ts: conversation.threadId });
    if (r.permalink) return r.permalink;
  } catch {
    // fall through to the constructed link
  }
  return archiveLink(conversation.channelId, conversation.threadId);
}
