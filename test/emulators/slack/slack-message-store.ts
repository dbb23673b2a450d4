/** A message as the emulated workspace keeps it (what conversations.history / replies return). */
export interface StoredSlackMessage {
  type: 'message';
  ts: string;
  channel: string;
  text: string;
  user?: string | undefined;
  bot_id?: string | undefined;
  thread_ts?: string | undefined;
  blocks?: unknown;
  /** Message metadata (`event_type`, `event_payload`), returned by history and replies with `include_all_metadata`. */
  metadata?: unknown;
  /** A file share (files.completeUploadExternal): the files, as history and replies show them. */
  files?: readonly StoredSlackFile[] | undefined;
  upload?: boolean | undefined;
}

/** A shared file as Slack shows it inside a message's `files`. */
export interface StoredSlackFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  /** Who uploaded it (the bot user, for the bot's uploads). */
  user: string;
  size: number;
  mode: 'hosted';
  is_external: false;
  url_private: string;
}

/** Channels and their messages, with Slack-like monotonically increasing `ts` values. */
export function createSlackMessageStore() {
  const channels = new Map<string, StoredSlackMessage[]>();
  const base = Math.floor(Date.now() / 1000);
  let seq = 0;
  const nextTs = () => {
    seq += 1;
    return `${base + seq}.${String(seq).padStart(6, '0')}`;
  };
  const list = (channel: string) => channels.get(channel) ?? [];
  const inWindow = (m: StoredSlackMessage, oldest?: string, latest?: string) =>
    (!oldest || Number(m.ts) >= Number(oldest)) && (!latest || Number(m.ts) <= Number(latest));

  return {
    nextTs,
    add(message: Omit<StoredSlackMessage, 'type' | 'ts'> & { ts?: string }): StoredSlackMessage {
      const stored: StoredSlackMessage = { type: 'message', ...message, ts: message.ts ?? nextTs() };
      channels.set(message.channel, [...list(message.channel), stored]);
      return stored;
    },
    find(channel: string, ts: string): StoredSlackMessage | undefined {
      return list(channel).find((m) => m.ts === ts);
    },
    update(channel: string, ts: string, patch: Partial<StoredSlackMessage>): StoredSlackMessage | undefined {
      const m = list(channel).find((x) => x.ts === ts);
      if (m) Object.assign(m, patch);
      return m;
    },
    /** Top-level messages (not replies), newest first, like conversations.history. */
    history(channel: string, oldest?: string, latest?: string): StoredSlackMessage[] {
      return list(channel)
        .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
        .filter((m) => inWindow(m, oldest, latest))
        .reverse();
    },
    /** The thread containing `ts` (parent first), like conversations.replies. */
    replies(channel: string, ts: string, oldest?: string, latest?: string): StoredSlackMessage[] {
      const target = list(channel).find((m) => m.ts === ts);
      const root = target?.thread_ts ?? ts;
      return list(channel).filter((m) => (m.ts === root || m.thread_ts === root) && inWindow(m, oldest, latest));
    },
  };
}

export type SlackMessageStore = ReturnType<typeof createSlackMessageStore>;
