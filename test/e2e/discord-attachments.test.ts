import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordChatPlatform } from '../../bots/discord/create-discord-chat-platform.js';
import type { DiscordChatPlatform } from '../../bots/discord/create-discord-chat-platform.js';
import { NO_PINGS } from '../../bots/discord/render-discord-message.js';
import type { ConversationRef, MessageAttachment, OutboundMessage, TicketSummary } from '../../core/index.js';
import { personConversation } from '../../core/index.js';
import { HELP_CHANNEL_ID, STAFF_ROLE_ID } from '../emulators/discord/discord-fixtures.js';
import { startDiscordEmulator } from '../emulators/discord/discord-emulator.js';
import type { DiscordEmulator } from '../emulators/discord/discord-emulator.js';

// biome-ignore lint/suspicious/noExplicitAny: emulator request bodies are read field by field in assertions
type Body = Record<string, any>;

const MEMBER = '100000000000000701';
const STAFF = '200000000000000701';
const CONTENT_TYPE = 'text/calendar; method=REQUEST; charset=utf-8';

/** An invitation with CRLF lines and non-ASCII text (é, —, an emoji), so any re-encoding on the way shows. */
function invitation(uid: string): MessageAttachment {
  const content = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Support Desk//Calls//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTART:20270105T150000Z',
    'DTEND:20270105T153000Z',
    'SUMMARY:Call about SUP-7 — Café Müller 📞',
    'LOCATION:https://meet.example.test/sup-7',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return { filename: 'invite.ics', contentType: CONTENT_TYPE, content };
}

function ticket(conversation: ConversationRef): TicketSummary {
  return {
    key: 'SUP-7',
    subject: 'Video call about the import',
    category: 'call-request',
    customerName: 'Acme Corp',
    conversation,
    priority: 'medium',
    tier: 'enterprise',
    status: 'open',
    dueText: null,
    dueAt: null,
  };
}

let discord: DiscordEmulator;
let client: Client;
let chat: DiscordChatPlatform;
let tokens = 0;
/** A fresh outbox item (its token is the nonce). */
const attempt = (retry = false, token = `tok_${String(++tokens).padStart(18, '0')}`) => ({
  token,
  since: Date.now() - 60_000,
  retry,
});

beforeAll(async () => {
  discord = await startDiscordEmulator();
  // The bot's client options (create-discord-bot.ts) that matter for sends: one REST retry, rate limits surfaced.
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: discord.url, retries: 1, rejectOnRateLimit: (info) => info.route.startsWith('/channels') },
    allowedMentions: NO_PINGS,
    waitGuildTimeout: 1_000,
  });
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  chat = createDiscordChatPlatform(client, { staffRoleIds: [STAFF_ROLE_ID] });
});
afterAll(async () => {
  await client?.destroy();
  await discord?.close();
});

const sendsTo = (channelId: string) =>
  discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channelId}/messages`);

describe('Discord sends message.attachments as files on the same message (discord.js against the emulator)', () => {
  it('opens a ticket thread and posts the text with the invitation as one multipart message, bytes intact', async () => {
    const q = discord.postMessage({ author: discord.user(MEMBER, 'acme-dev'), content: 'Can we have a call?' });
    const conversation: ConversationRef = { platform: 'discord', channelId: HELP_CHANNEL_ID, threadId: q.id };
    const file = invitation('call-1@desk.test');
    const message: OutboundMessage = {
      text: 'Your call is booked.',
      ticket: ticket(conversation),
      attachments: [file],
    };

    const sent = await chat.send(conversation, message, attempt());

    expect(sent.conversation).toEqual({ ...conversation, threadId: q.id }); // the thread started from the question
    const [call, ...more] = sendsTo(q.id);
    expect(more).toHaveLength(0);
    // multipart/form-data: payload_json with the text, the nonce and the attachment placeholder; one files[0] part.
    expect(call!.status).toBe(200);
    expect((call!.body as Body).content).toContain('Your call is booked.');
    expect((call!.body as Body).enforce_nonce).toBe(true);
    expect((call!.body as Body).attachments).toEqual([{ id: '0' }]);
    expect(call!.files!.map((f) => [f.field, f.filename, f.contentType])).toEqual([
      // A Blob's type is lower-cased by the File API (iCalendar's METHOD value is case-insensitive).
      ['files[0]', 'invite.ics', CONTENT_TYPE.toLowerCase()],
    ]);

    const [posted] = discord.botMessagesIn(q.id);
    expect(posted!.message.id).toBe(sent.messageId);
    const [attachment] = posted!.message.attachments;
    expect(attachment).toMatchObject({ filename: 'invite.ics', size: Buffer.byteLength(file.content, 'utf8') });
    const [stored] = discord.filesOf(sent.messageId);
    expect(stored!.bytes.equals(Buffer.from(file.content, 'utf8'))).toBe(true);
    // What a member downloading it gets: the same bytes from the attachment's URL.
    const download = await fetch(attachment!.url);
    expect(download.headers.get('content-type')).toBe(CONTENT_TYPE.toLowerCase());
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(file.content, 'utf8'))).toBe(true);
  });

  it('posts a later message with two files into the existing thread, in order', async () => {
    const q = discord.postMessage({ author: discord.user(MEMBER, 'acme-dev'), content: 'Another call, please' });
    const conversation: ConversationRef = { platform: 'discord', channelId: HELP_CHANNEL_ID, threadId: q.id };
    await chat.send(conversation, { text: 'Ticket opened.', ticket: ticket(conversation) }, attempt());
    const first = invitation('call-2@desk.test');
    const second = { ...invitation('call-3@desk.test'), filename: 'follow-up.ics' };

    const sent = await chat.send(conversation, { text: 'Two slots booked.', attachments: [first, second] }, attempt());

    const calls = sendsTo(q.id);
    expect(calls[0]!.files).toBeUndefined(); // a message without files stays a JSON post
    expect(calls[1]!.files!.map((f) => f.field)).toEqual(['files[0]', 'files[1]']);
    const files = discord.filesOf(sent.messageId);
    expect(files.map((f) => f.filename)).toEqual(['invite.ics', 'follow-up.ics']);
    expect(files.map((f) => f.bytes.toString('utf8'))).toEqual([first.content, second.content]);
  });

  it('sends the invitation to a person in a DM (dm:<user id>)', async () => {
    const file = invitation('call-4@desk.test');
    const sent = await chat.send(
      personConversation('discord', STAFF),
      { text: 'You host a call with Acme Corp.', attachments: [file] },
      attempt(),
    );

    const dm = discord.dmChannelWith(STAFF)!;
    expect(sent.conversation).toEqual({ platform: 'discord', channelId: dm });
    const [call] = sendsTo(dm);
    expect(call!.files!.map((f) => f.filename)).toEqual(['invite.ics']);
    const [posted] = discord.botMessagesIn(dm);
    expect(posted!.message.attachments.map((a) => a.filename)).toEqual(['invite.ics']);
    expect(discord.filesOf(sent.messageId)[0]!.bytes.equals(Buffer.from(file.content, 'utf8'))).toBe(true);
  });

  it('delivers the message and its files once when the response is lost: the retry finds the posted copy', async () => {
    const q = discord.postMessage({ author: discord.user(MEMBER, 'acme-dev'), content: 'Book me a call' });
    const conversation: ConversationRef = { platform: 'discord', channelId: HELP_CHANNEL_ID, threadId: q.id };
    await chat.send(conversation, { text: 'Ticket opened.', ticket: ticket(conversation) }, attempt());
    const file = invitation('call-5@desk.test');
    const message: OutboundMessage = { text: 'Booked.', attachments: [file] };
    const item = attempt();

    // Discord creates the message, then answers 500; discord.js retries the same multipart body (same nonce).
    discord.loseResponseNext('POST', new RegExp(`^/channels/${q.id}/messages$`));
    const sent = await chat.send(conversation, message, item);
    // The outbox's own retry of the item (an earlier attempt may have landed) finds the same message again.
    const again = await chat.send(conversation, message, { ...item, retry: true });

    expect(again.messageId).toBe(sent.messageId);
    const posts = sendsTo(q.id).slice(1);
    expect(posts.map((c) => c.status)).toEqual([500, 200, 200]);
    expect(new Set(posts.map((c) => (c.body as Body).nonce))).toEqual(new Set([item.token]));
    expect(posts.every((c) => c.files?.[0]?.bytes.equals(Buffer.from(file.content, 'utf8')))).toBe(true);
    const withFiles = discord.botMessagesIn(q.id).filter((m) => m.message.attachments.length > 0);
    expect(withFiles.map((m) => m.message.id)).toEqual([sent.messageId]);
    expect(discord.filesOf(sent.messageId)).toHaveLength(1);
  });
});
