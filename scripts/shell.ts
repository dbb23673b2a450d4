import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { whoIsOnCall } from '../core/oncall/who-is-on-call.js';
import { formatInZone } from '../core/format/format-due.js';
import { createDesk } from './create-desk.js';
import { envWasSet, readEnv } from './env.js';
import { loadConfig } from './load-config.js';
import { createLogger } from './logger.js';
import { formatOutcome } from './shell-format.js';

const HELP = `Type a message as the customer and press Enter. Commands:
  /new <text>     open a new ticket with this text (starts a new conversation)
  /status         your open tickets
  /kb <query>     search the knowledge base
  /oncall         who is on call now and next
  /help           this help
  /quit           leave (Ctrl-D works too)`;

const { values } = parseArgs({ options: { as: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
if (values.help) {
  console.log(`npm run shell -- [--as <customer id>]\n\n${HELP}`);
  process.exit(0);
}

const env = readEnv();
const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
const { config } = loadConfig(env.SUPPORT_CONFIG, envWasSet('SUPPORT_CONFIG'));
const as = values.as ?? 'guest';
if (values.as && !config.customers.some((c) => c.id === values.as)) {
  console.error(`Unknown customer "${values.as}". Known: ${config.customers.map((c) => c.id).join(', ') || '(none configured)'}. Without --as you are a community member.`);
  process.exit(2);
}
const desk = await createDesk({ config, databasePath: env.DATABASE_PATH, modelCachePath: env.MODEL_CACHE_PATH, log });
const requester = desk.directory.requester('shell', { id: as });
// One shell session is one conversation (like a chat thread); /new starts a new one.
let conversation = { platform: 'shell' as const, channelId: as, threadId: randomUUID().slice(0, 8) };
const interactive = process.stdin.isTTY === true;
const say = (text: string) => process.stdout.write(`${text}\n`);

say(`${config.desk.name} shell · you are ${requester.customer ? `${requester.customer.name} (${requester.tier})` : 'a community member'} · ${desk.kb.size} articles · model ${desk.modelInfo.source}`);
if (interactive) say('Type /help for commands.');

async function handle(line: string): Promise<boolean> {
  const text = line.trim();
  if (!text) return true;
  const [command, ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  const actor = { platform: 'shell' as const, userId: as };
  switch (command) {
    case '/quit':
    case '/exit':
      return false;
    case '/help':
      say(HELP);
      return true;
    case '/status': {
      const tickets = await desk.actions.visibleOpenTickets(actor, requester.customer?.id);
      say(tickets.length ? tickets.map((t) => `${t.key} · ${t.status} · ${t.priority} · ${t.subject}`).join('\n') : 'No open tickets.');
      return true;
    }
    case '/kb': {
      const hits = await desk.engine.search(arg, { platform: 'shell', tier: requester.tier, customerId: requester.customer?.id ?? null });
      say(hits.length ? hits.map((h, i) => `${i + 1}. ${h.article.title} (${h.score.toFixed(1)})\n   ${h.excerpt}`).join('\n') : 'Nothing found.');
      return true;
    }
    case '/oncall': {
      const { now, next } = whoIsOnCall(config.oncall.shifts, config.staff, desk.clock.now());
      const slot = (s: typeof now) => (s ? `${s.staff?.name ?? 'nobody'} (${s.shift}, ${formatInZone(s.startsAt, 'UTC')} - ${formatInZone(s.endsAt, 'UTC')})` : 'nobody');
      say(`On call now: ${slot(now)}\nNext: ${slot(next)}`);
      return true;
    }
    default: {
      const wantsTicket = command === '/new';
      if (wantsTicket) conversation = { ...conversation, threadId: randomUUID().slice(0, 8) };
      const body = wantsTicket ? arg : text;
      if (command?.startsWith('/') && !wantsTicket) {
        say(`Unknown command ${command}. ${HELP}`);
        return true;
      }
      const outcome = await desk.engine.handle({
        platform: 'shell',
        eventId: randomUUID(),
        conversation,
        author: { id: as, name: requester.customer?.name ?? 'guest' },
        text: body,
        receivedAt: desk.clock.now(),
        wantsTicket,
        replyInline: true,
      });
      say(formatOutcome(outcome));
      return true;
    }
  }
}

const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
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
