import { fileURLToPath } from 'node:url';
import type { IntentModel } from '../../../core/classifier/intent-model.js';
import { fixedClock } from '../../../core/ports/clock.js';
import type { SupportConfigInput } from '../../../core/config/support-config.js';
import type { Ticket } from '../../../core/model/ticket.js';
import { createSlackDelivery } from '../../emulators/slack/create-slack-delivery.js';
import { createSlackEmulator } from '../../emulators/slack/create-slack-emulator.js';
import type { RecordedCall, SlackEmulator } from '../../emulators/slack/create-slack-emulator.js';
import { startTestServer, TEST_CONFIG } from '../../support/start-test-server.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
/** Wednesday 4 March 2026, 14:00 UTC (09:00 in New York, 15:00 in Berlin, 23:00 in Tokyo). */
export const START = Date.UTC(2026, 2, 4, 14, 0, 0);
const ARTICLES = fileURLToPath(new URL('./articles', import.meta.url));

/**
 * The real server (npm start's path) with Slack live against a fresh loopback emulator, a fixed clock (so due
 * times are exact and outbox retries happen only when a test moves time), and a two-article knowledge base.
 * For a restart: `dir` keeps config and database in a folder the caller owns (kept on dispose), `emulator` reuses a
 * running Slack (its recorded calls and channels), `at` starts the clock later than START.
 */
export async function startSlackDesk(
  options: {
    socketMode?: boolean;
    config?: Partial<SupportConfigInput>;
    env?: Record<string, string>;
    dir?: string;
    emulator?: SlackEmulator;
    at?: number;
    model?: IntentModel;
  } = {},
) {
  const emulator = options.emulator ?? (await createSlackEmulator());
  const clock = fixedClock(options.at ?? START);
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: emulator.apiUrl,
    ...options.env,
  };
  if (options.socketMode) env.SLACK_APP_TOKEN = 'xapp-test-token';
  else env.SLACK_SIGNING_SECRET = SIGNING_SECRET;
  const server = await startTestServer({
    env,
    clock,
    ...(options.dir ? { dir: options.dir } : {}),
    ...(options.model ? { model: options.model } : {}),
    config: {
      ...TEST_CONFIG,
      knowledge: { dir: ARTICLES, baseUrl: 'https://docs.example.test/kb' },
      ...options.config,
    },
  });
  const deliver = createSlackDelivery({
    eventsUrl: `${server.url}/slack/events`,
    signingSecret: SIGNING_SECRET,
    emulator,
  });
  const { desk } = server;

  /** Bot posts (succeeded chat.postMessage) in a channel, optionally only in one thread. */
  const posts = (channel: string, threadTs?: string): RecordedCall[] =>
    emulator
      .succeeded('chat.postMessage')
      .filter((c) => c.args.channel === channel && (threadTs === undefined || c.args.thread_ts === threadTs));

  return {
    emulator,
    server,
    desk,
    clock,
    deliver,
    posts,
    /** Wait for the outbox to deliver a post matching the predicate. */
    waitForPost: (predicate: (c: RecordedCall) => boolean, count = 1) =>
      emulator.waitFor((c) => c.method === 'chat.postMessage' && c.status === 200 && predicate(c), { count }),
    async tickets(): Promise<Ticket[]> {
      return desk.store.listTickets({ limit: 100 });
    },
    async ticketFor(channel: string, threadTs: string): Promise<Ticket | null> {
      return desk.store.findTicketForConversation({ platform: 'slack', channelId: channel, threadId: threadTs });
    },
    /** Move the fake clock, sweep the SLA timers and deliver the outbox: what the interval and dispatcher do live. */
    async at(ms: number) {
      clock.set(ms);
      await desk.sla.sweep();
      await desk.outbox.flush();
    },
    async close() {
      await server.dispose();
      await emulator.close();
    },
  };
}

export type SlackDesk = Awaited<ReturnType<typeof startSlackDesk>>;

/** The actions (buttons) of a recorded bot post: [action_id, value]. */
export function buttonsOf(call: RecordedCall): { actionId: string; value: string }[] {
  const blocks = (call.args.blocks ?? []) as {
    type: string;
    elements?: { type: string; action_id?: string; value?: string }[];
  }[];
  return blocks
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .map((e) => ({ actionId: e.action_id ?? '', value: e.value ?? '' }));
}
