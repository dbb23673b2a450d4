import type { SlackFiles } from './slack-files.js';
import type { SlackMessageStore, StoredSlackMessage } from './slack-message-store.js';

export const BOT_USER_ID = 'U_BOT';
export const BOT_ID = 'B_BOT';
export const TEAM_ID = 'T_EMU';

export type WebApiArgs = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The app's DM channel with a user. chat.postMessage with `channel` = a user id (U…/W…) posts there, and the answer
 * names the D… channel, as Slack does; clicks in the DM then carry that channel.
 */
export const dmChannelOf = (userId: string) => `D${userId}`;
const isUserId = (channel: string) => /^[UW][A-Z0-9_]+$/.test(channel);

/** Messages as history and replies return them: metadata only when the call asks for it (`include_all_metadata`). */
function withMetadata(args: WebApiArgs, messages: readonly StoredSlackMessage[]) {
  const wanted = args.include_all_metadata === true || args.include_all_metadata === 'true';
  return messages.map(({ metadata, ...m }) => (wanted && metadata !== undefined ? { ...m, metadata } : m));
}

/**
 * One page of `messages` as Slack paginates history and replies: `limit` per page (default `fallbackLimit`), the
 * next page named by an opaque `response_metadata.next_cursor` while `has_more`.
 */
function page(args: WebApiArgs, messages: readonly StoredSlackMessage[], fallbackLimit: number) {
  const limit = Math.max(1, Number(args.limit ?? fallbackLimit));
  const cursor = str(args.cursor);
  const offset = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').slice('offset:'.length)) || 0 : 0;
  const slice = messages.slice(offset, offset + limit);
  const more = offset + limit < messages.length;
  return {
    ok: true,
    has_more: more,
    messages: withMetadata(args, slice),
    ...(more ? { response_metadata: { next_cursor: Buffer.from(`offset:${offset + limit}`).toString('base64') } } : {}),
  };
}

/**
 * The emulated Web API methods: enough of each answer for Bolt and the adapter, in Slack's shapes.
 * Unknown methods answer `{ok:false, error:'unknown_method'}` with 200, as Slack does.
 */
export function answerWebApiCall(
  method: string,
  args: WebApiArgs,
  ctx: {
    store: SlackMessageStore;
    files: SlackFiles;
    missingChannels: ReadonlySet<string>;
    socketUrl: () => string;
  },
): Record<string, unknown> {
  const channel = str(args.channel);
  if (channel && ctx.missingChannels.has(channel)) return { ok: false, error: 'channel_not_found' };
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://emulated.slack.test/',
        team: 'Emulated',
        user: 'support-desk',
        team_id: TEAM_ID,
        user_id: BOT_USER_ID,
        bot_id: BOT_ID,
        is_enterprise_install: false,
      };
    case 'apps.connections.open':
      return { ok: true, url: ctx.socketUrl() };
    case 'chat.postMessage': {
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!str(args.text) && !args.blocks) return { ok: false, error: 'no_text' };
      const target = isUserId(channel) ? dmChannelOf(channel) : channel;
      const m = ctx.store.add({
        channel: target,
        text: str(args.text) ?? '',
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        thread_ts: str(args.thread_ts),
        blocks: args.blocks,
        ...(args.metadata ? { metadata: args.metadata } : {}),
      });
      return { ok: true, channel: target, ts: m.ts, message: m };
    }
    case 'chat.update': {
      const ts = str(args.ts);
      const m =
        channel && ts ? ctx.store.update(channel, ts, { text: str(args.text) ?? '', blocks: args.blocks }) : undefined;
      return m ? { ok: true, channel, ts, text: m.text, message: m } : { ok: false, error: 'message_not_found' };
    }
    case 'chat.postEphemeral':
      return { ok: true, message_ts: ctx.store.nextTs() };
    case 'chat.getPermalink': {
      const ts = str(args.message_ts) ?? '';
      return {
        ok: true,
        channel,
        permalink: `https://emulated.slack.test/archives/${channel}/p${ts.replace('.', '')}`,
      };
    }
    case 'reactions.add':
      return { ok: true };
    case 'users.info':
      return {
        ok: true,
        user: {
          id: str(args.user),
          name: `user-${str(args.user)}`,
          real_name: `User ${str(args.user)}`,
          is_bot: false,
          profile: { display_name: `user-${str(args.user)}` },
        },
      };
    case 'conversations.info':
      return {
        ok: true,
        channel: { id: channel, name: `channel-${channel}`, is_channel: true, is_shared: true, is_ext_shared: true },
      };
    case 'conversations.open': {
      const user = str(args.users) ?? '';
      return isUserId(user) ? { ok: true, channel: { id: dmChannelOf(user) } } : { ok: false, error: 'user_not_found' };
    }
    case 'files.getUploadURLExternal':
      return ctx.files.getUploadURL(args);
    case 'files.completeUploadExternal':
      return ctx.files.complete(args, ctx.missingChannels);
    case 'conversations.history':
      return page(args, ctx.store.history(channel ?? '', str(args.oldest), str(args.latest)), 100);
    case 'conversations.replies':
      return page(args, ctx.store.replies(channel ?? '', str(args.ts) ?? '', str(args.oldest), str(args.latest)), 1000);
    default:
      return { ok: false, error: 'unknown_method' };
  }
}
