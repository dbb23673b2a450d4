import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createSlackDelivery } from '../../test/emulators/slack/create-slack-delivery.js';
import { createSlackEmulator } from '../../test/emulators/slack/create-slack-emulator.js';
import { createTestSchema } from '../../test/support/postgres/test-postgres.js';
import { spawnDesk } from '../../test/support/spawn-desk.js';
import type { SpawnedDesk } from '../../test/support/spawn-desk.js';
import { TEST_CONFIG } from '../../test/support/start-test-server.js';
import { percentileOfSorted } from '../metrics/percentile.js';

export interface SlackInstancesRun {
  instances: number;
  events: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Signed Slack message events over HTTP, spread round-robin over 1, 2 and 3 `npm start` processes on one
 * PostgreSQL database (each run on a fresh schema), `concurrency` requests in flight. Each request is verified,
 * triaged and committed before its 200; the replies go out through the shared outbox to the loopback emulator.
 * The sender runs in this process, on the same cores as the instances.
 */
export async function benchSlackInstances(options: {
  texts: readonly string[];
  events?: number;
  concurrency?: number;
  instances?: readonly number[];
}): Promise<SlackInstancesRun[]> {
  const events = options.events ?? 3_000;
  const concurrency = options.concurrency ?? 16;
  const secret = 'bench-signing-secret';
  const dir = mkdtempSync(join(tmpdir(), 'bench-instances-'));
  writeFileSync(join(dir, 'support.config.yaml'), stringify(TEST_CONFIG));
  const runs: SlackInstancesRun[] = [];
  try {
    for (const n of options.instances ?? [1, 2, 3]) {
      const emulator = await createSlackEmulator();
      const schema = await createTestSchema();
      const desks: SpawnedDesk[] = [];
      try {
        for (let i = 1; i <= n; i++)
          desks.push(
            await spawnDesk(`desk-${i}`, {
              DATABASE_URL: schema.url,
              INSTANCE_ID: `desk-${i}`,
              SUPPORT_CONFIG: join(dir, 'support.config.yaml'),
              MODEL_CACHE_PATH: join(dir, 'model.json'), // trained by the first run's first instance, then loaded
              SLACK_BOT_TOKEN: 'xoxb-bench',
              SLACK_SIGNING_SECRET: secret,
              SLACK_API_URL: emulator.apiUrl,
              ANALYSIS_WORKERS: '0',
              LOG_LEVEL: 'info', // spawnDesk reads the port from the info line
            }),
          );
        const deliveries = desks.map((d) =>
          createSlackDelivery({ eventsUrl: `${d.url}/slack/events`, signingSecret: secret, emulator }),
        );
        const channels = ['C_ACME', 'C_GLOBEX', 'C_INITECH'];
        const send = (i: number, prefix: string) =>
          (deliveries[i % deliveries.length] as (typeof deliveries)[number]).userMessage(
            {
              channel: channels[i % channels.length] as string,
              user: `U_BENCH${i % 50}`,
              text: options.texts[i % options.texts.length] as string,
            },
            { eventId: `${prefix}${i}` },
          );
        for (let i = 0; i < 100 * n; i++) await send(i, 'EvWarm'); // JIT and pools of every instance
        const latencies: number[] = [];
        let next = 0;
        const worker = async () => {
          while (next < events) {
            const i = next++;
            const started = performance.now();
            const res = await send(i, 'EvBench');
            if (res.status !== 200) throw new Error(`event ${i} answered ${res.status}: ${res.text}`);
            latencies.push(performance.now() - started);
          }
        };
        const start = performance.now();
        await Promise.all(Array.from({ length: concurrency }, worker));
        const elapsed = performance.now() - start;
        latencies.sort((a, b) => a - b);
        runs.push({
          instances: n,
          events,
          eventsPerSecond: Math.round(events / (elapsed / 1000)),
          p50Ms: Math.round(percentileOfSorted(latencies, 50) * 10) / 10,
          p99Ms: Math.round(percentileOfSorted(latencies, 99) * 10) / 10,
        });
      } finally {
        await Promise.all(desks.map((d) => d.stop()));
        await emulator.close();
        await schema.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}
