import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { TicketVerb } from '../core/engine/create-ticket-actions.js';
import { surveyReply } from '../core/engine/build-replies.js';
import { formatInZone } from '../core/format/format-due.js';
import { conversationKey } from '../core/model/inbound-message.js';
import type { ConversationRef } from '../core/model/inbound-message.js';
import type { Ticket } from '../core/model/ticket.js';
import { whoIsOnCall } from '../core/oncall/who-is-on-call.js';
import { createDesk } from '../runtime/create-desk.js';
import { envWasSet, readEnv } from '../runtime/env.js';
import { loadConfig } from '../runtime/load-config.js';
import { createLogger } from '../runtime/logger.js';
import { actionText, formatHits, formatOutcome, formatTranscript, ratingText } from '../runtime/shell-format.js';

const HELP = `Type a message and press Enter: you write as the customer (with --staff, as that staff member). Commands:
  /new <text>           open a ticket for this text, in a new conversation
  /ticket               open a ticket for this conversation's last question (the "Open a ticket" button)
  /conversation         this conversation's id and ticket; /conversation new starts a new conversation
  /status               open tickets you may see
  /kb <query>           search the knowledge base (how much of the query each article covers, 0-100%)
  /oncall               who is on call now and next
  /claim /pend /resolve /close /reopen /escalate [note]
                        act on this conversation's ticket (staff; the customer may /close and /reopen)
  /reply <KEY> <text>   answer a ticket of any channel (staff): sent to its conversation (an email thread…) and
                        recorded as your response; /reply <KEY> /note <text> or /note <KEY> <text> stays internal
  /rate <1-5>           rate this conversation's ticket (the customer; CSAT)
  /nps <0-10>           how likely you are to recommend us (the customer; NPS)
  /help                 this help
  /quit                 leave (Ctrl-D works too)`;

const USAGE = 'npm run shell -- [--as <customer id>] [--conversation <id>] [--staff <staff id>]';
const { values } = parseArgs({
  options: {
    as: { type: 'string' },
    staff: { type: 'string' },
    conversation: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: false,
});
if (values.help) {
  console.log(
    `${USAGE}\n\n  --as            the customer you write as (default: a community member)\n  --conversation  resume a conversation by its id (printed at start and by /conversation)\n  --staff         write as this staff member in the customer's conversation\n\n${HELP}`,
  );
  process.exit(0);
}

const env = readEnv();
const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
const { config } = loadConfig(env.SUPPORT_CONFIG, envWasSet('SUPPORT_CONFIG'));
const as = values.as ?? 'guest';
if (values.as && !config.customers.some((c) => c.id === values.as)) {
  console.error(
    `Unknown customer "${values.as}". Known: ${config.customers.map((c) => c.id).join(', ') || '(none configured)'}. Without --as you are a community member.`,
  );
  process.exit(2);
}
const staff = values.staff === undefined ? undefined : config.staff.find((s) => s.id === values.staff);
if (values.staff !== undefined && !staff) {
  console.error(
    `Unknown staff member "${values.staff}". Known: ${config.staff.map((s) => s.id).join(', ') || '(none configured)'}.`,
  );
  process.exit(2);
}
if (values.conversation !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(values.conversation)) {
  console.error(
    `A conversation id is letters, digits, - or _ (up to 64), like the one /conversation prints; got "${values.conversation}".`,
  );
  process.exit(2);
}

const desk = await createDesk({
  config,
  databasePath: env.DATABASE_PATH,
  databaseUrl: env.DATABASE_URL,
  modelCachePath: env.MODEL_CACHE_PATH,
  log,
});
const requester = desk.directory.requester('shell', { id: as });
/** One conversation at a time, like a chat thread: the customer's channel, one thread per conversation. */
const newConversation = (id = randomUUID().slice(0, 8)): ConversationRef => ({
  platform: 'shell',
  channelId: as,
  threadId: id,
});
let conversation = newConversation(values.conversation);
/** The customer's last question in this conversation, for /ticket. */
let lastQuestion: string | null = null;
/** The last ticket of this conversation, still found once closed (to rate it). */
let lastTicketKey: string | null = null;
const interactive = process.stdin.isTTY === true;
const say = (text: string) => process.stdout.write(`${text}\n`);
const actor = { platform: 'shell' as const, userId: staff?.id ?? as };
const customerText = requester.customer ? `${requester.customer.name} (${requester.tier})` : 'a community member';

async function conversationTicket(): Promise<Ticket | null> {
  const open = await desk.store.findTicketForConversation(conversation);
  if (open) return open;
  const last = lastTicketKey === null ? null : await desk.store.getTicketByKey(lastTicketKey);
  if (last && conversationKey(last.conversation) === conversationKey(conversation)) return last;
  const key = conversationKey(conversation);
  return (
    (await desk.store.listTickets({ platform: 'shell', limit: 200 })).find(
      (t) => conversationKey(t.conversation) === key,
    ) ?? null
  );
}

async function describeConversation(resumed: boolean): Promise<string> {
  const ticket = await conversationTicket();
  const head = `conversation ${conversation.threadId}${ticket ? ` · ticket ${ticket.key} (${ticket.status}, ${ticket.priority})` : ' · no ticket'}`;
  if (!ticket) return head;
  lastTicketKey = ticket.key;
  if (!resumed) return head;
  return [head, ...formatTranscript(await desk.store.listMessages(ticket.id))].join('\n');
}

const who = staff ? `${staff.name} (staff) in the conversation of ${customerText}` : customerText;
say(`${config.desk.name} shell · you are ${who} · ${desk.kb.size} articles · model ${desk.modelInfo.source}`);
say(
  `${await describeConversation(values.conversation !== undefined)}${values.conversation === undefined ? ` (resume with --conversation ${conversation.threadId})` : ''}`,
);
if (interactive) say('Type /help for commands.');

const VERBS = new Set<TicketVerb>(['claim', 'pend', 'resolve', 'close', 'reopen', 'escalate']);

async function send(text: string, wantsTicket: boolean): Promise<void> {
  const outcome = await desk.engine.handle({
    platform: 'shell',
    eventId: randomUUID(),
    conversation,
    author: staff ? { id: staff.id, name: staff.name } : { id: as, name: requester.customer?.name ?? 'guest' },
    text,
    receivedAt: desk.clock.now(),
    wantsTicket,
    replyInline: true,
    authorIsStaff: staff ? true : undefined,
  });
  if (!staff) lastQuestion = text;
  if (outcome.kind === 'ticket-opened' || outcome.kind === 'ticket-updated') lastTicketKey = outcome.ticket.key;
  say(formatOutcome(outcome));
}

async function handle(line: string): Promise<boolean> {
  const text = line.trim();
  if (!text) return true;
  const [command = '', ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  if (!command.startsWith('/')) {
    await send(text, false);
    return true;
  }
  const verb = command.slice(1) as TicketVerb;
  if (VERBS.has(verb)) {
    const ticket = await conversationTicket();
    if (!ticket) {
      say('This conversation has no ticket.');
      return true;
    }
    const result = await desk.actions.act(verb, ticket.key, actor, arg || undefined);
    say(actionText(verb, result));
    if (result.kind === 'done' && (verb === 'resolve' || (verb === 'close' && ticket.status !== 'resolved'))) {
      say(
        `The customer is asked: ${surveyReply(result.ticket).text} (/rate 1-5${surveyReply(result.ticket).actions?.some((a) => a.id === 'rate.nps') ? ', /nps 0-10' : ''})`,
      );
    }
    return true;
  }
  switch (command) {
    case '/quit':
    case '/exit':
      return false;
    case '/reply':
    case '/note': {
      const [key = '', ...words] = rest;
      if (!staff) {
        say('Only staff can reply on a ticket (npm run shell -- --staff <id>).');
        return true;
      }
      if (!/^[A-Z]{2,6}-\d+$/.test(key) || !words.length) {
        say(`Usage: ${command} <ticket key> <text>`);
        return true;
      }
      const input = { key, actor, text: words.join(' '), eventId: randomUUID() };
      const r = command === '/note' ? await desk.staffReplies.note(input) : await desk.staffReplies.reply(input);
      say(
        r.kind === 'sent'
          ? `Sent to ${r.ticket.key}'s ${r.ticket.conversation.platform} conversation${r.firstResponse ? ' (first response recorded)' : ''}; it goes out when the desk (npm start) delivers its outbox.`
          : r.kind === 'noted'
            ? `Internal note added to ${r.ticket.key}.`
            : r.kind === 'not-found'
              ? `No ticket ${r.key}.`
              : r.kind === 'duplicate'
                ? 'Already recorded.'
                : r.reason,
      );
      return true;
    }
    case '/help':
      say(HELP);
      return true;
    case '/new':
      if (!arg) {
        say('Usage: /new <what you need>');
        return true;
      }
      conversation = newConversation();
      lastQuestion = null;
      lastTicketKey = null;
      say(`conversation ${conversation.threadId}`);
      await send(arg, true);
      return true;
    case '/ticket':
      if (staff) say('Staff cannot open a ticket for themselves.');
      else if (lastQuestion === null) say('Ask your question first (or use /new <text>).');
      else await send(lastQuestion, true);
      return true;
    case '/conversation':
      if (arg === 'new') {
        conversation = newConversation();
        lastQuestion = null;
        lastTicketKey = null;
      } else if (arg !== '') {
        say('Usage: /conversation [new]');
        return true;
      }
      say(await describeConversation(false));
      return true;
    case '/rate':
    case '/nps': {
      const kind = command === '/rate' ? 'csat' : 'nps';
      const ticket = await conversationTicket();
      if (!ticket) {
        say('This conversation has no ticket to rate.');
        return true;
      }
      const score = /^\d+$/.test(arg) ? Number(arg) : Number.NaN;
      say(ratingText(kind, score, await desk.actions.rate(ticket.key, kind, score, actor, requester.customer?.id)));
      return true;
    }
    case '/status': {
      const tickets = staff
        ? await desk.store.listTickets({ statuses: ['open', 'pending'], limit: 20 })
        : await desk.actions.visibleOpenTickets(actor, requester.customer?.id);
      say(
        tickets.length
          ? tickets.map((t) => `${t.key} · ${t.status} · ${t.priority} · ${t.subject}`).join('\n')
          : 'No open tickets.',
      );
      return true;
    }
    case '/kb': {
      const hits = await desk.engine.search(arg, {
        platform: 'shell',
        tier: requester.tier,
        customerId: requester.customer?.id ?? null,
      });
      say(formatHits(hits));
      return true;
    }
    case '/oncall': {
      const { now, next } = whoIsOnCall(config.oncall.shifts, config.staff, desk.clock.now());
      const slot = (s: typeof now) =>
        s
          ? `${s.staff?.name ?? 'nobody'} (${s.shift}, ${formatInZone(s.startsAt, 'UTC')} - ${formatInZone(s.endsAt, 'UTC')})`
          : 'nobody';
      say(`On call now: ${slot(now)}\nNext: ${slot(next)}`);
      return true;
    }
    default:
      say(`Unknown command ${command}. ${HELP}`);
      return true;
  }
}

const rl = createInterface({
  input: process.stdin,
  output: interactive ? process.stdout : undefined,
  terminal: interactive,
});
if (interactive) {
  rl.setPrompt('> ');
  rl.prompt();
}
let queue = Promise.resolve(true);
rl.on('line', (line) => {
  queue = queue.then(async (open) => {
    if (!open) return false;
    const keep = await handle(line).catch((err: unknown) => {
      say(`error: ${err instanceof Error ? err.message : String(err)}`);
      return true;
    });
    if (!keep) rl.close();
    else if (interactive) rl.prompt();
    return keep;
  });
});
rl.on('close', () => {
  void queue.then(async () => {
    await desk.close();
    if (interactive) say('bye');
    process.exit(0);
  });
});
