import type { IntentModel } from '../../core/classifier/intent-model.js';
import { percentileOfSorted } from '../metrics/percentile.js';
import { createSlackDelivery } from '../../test/emulators/slack/create-slack-delivery.js';
import { createSlackEmulator } from '../../test/emulators/slack/create-slack-emulator.js';
import { startTestServer, TEST_CONFIG } from '../../test/support/start-test-server.js';

export interface SlackHttpBenchResult {
  events: number;
  concurrency: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  repliesDelivered: number;
}

/**
 * Signed Slack message events over HTTP against the running server (npm start's code path) with the loopback Slack
 * emulator: each request is verified (HMAC), triaged, committed to SQLite and acknowledged; the replies then go out
 * through the outbox to the emulator.
 */
export async function benchSlackHttp(options: {
  model: IntentModel;
  texts: readonly string[];
  events?: number;
  concurrency?: number;
}): Promise<SlackHttpBenchResult> {
  const events = options.events ?? 2_000;
  const concurrency = options.concurrency ?? 8;
  const emulator = await createSlackEmulator();
  const secret = 'bench-signing-secret';
  const server = await startTestServer({
    env: { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: emulator.apiUrl },
    model: options.model,
    config: TEST_CONFIG,
  });
  const deliver = createSlackDelivery({ eventsUrl: `${server.url}/slack/events`, signingSecret: secret, emulator });
  const channels = ['C_ACME', 'C_GLOBEX', 'C_INITECH'];
  try {
    const latencies: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < events) {
        const i = next++;
        const started = performance.now();
        const res = await deliver.userMessage(
          {
            channel: channels[i % channels.length] as string,
            user: `U_BENCH${i % 50}`,
            text: options.texts[i % options.texts.length] as string,
          },
          { eventId: `EvBench${i}` },
        );
        if (res.status !== 200) throw new Error(`event ${i} answered ${res.status}: ${res.text}`);
        latencies.push(performance.now() - started);
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = performance.now() - start;
    await server.desk.outbox.flush();
    latencies.sort((a, b) => a - b);
    return {
      events,
      concurrency,
      eventsPerSecond: Math.round(events / (elapsed / 1000)),
      p50Ms: Math.round(percentileOfSorted(latencies, 50) * 100) / 100,
      p99Ms: Math.round(percentileOfSorted(latencies, 99) * 100) / 100,
      repliesDelivered: emulator.succeeded('chat.postMessage').length,
    };
  } finally {
    await server.dispose();
    await emulator.close();
  }
}
