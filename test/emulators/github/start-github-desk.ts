import type { SupportConfigInput } from '../../../core/config/support-config.js';
import { fixedClock } from '../../../core/ports/clock.js';
import { TEST_CONFIG, startTestServer } from '../../support/start-test-server.js';
import type { TestServer } from '../../support/start-test-server.js';
import { createGitHubEmulator } from './create-github-emulator.js';
import type { GitHubEmulator, GitHubEmulatorOptions } from './create-github-emulator.js';
import { sendWebhook } from './send-webhook.js';
import type { WebhookDelivery } from './send-webhook.js';
import { queryDesk } from '../../support/query-desk.js';

export const WEBHOOK_SECRET = 'e2e-webhook-secret';
export const PAT = 'ghp_e2etoken';
export const DESK_LOGIN = 'support-desk-bot';
/** Monday 2026-11-23 14:00 UTC. */
/** The shared test configuration, with article links in answers. */
export const GITHUB_TEST_CONFIG: SupportConfigInput = {
  ...TEST_CONFIG,
  knowledge: { baseUrl: 'https://github.com/acme/support-desk/blob/main/knowledge/articles' },
};
export const START = Date.UTC(2026, 10, 23, 14, 0, 0);

export interface GitHubDesk {
  server: TestServer;
  github: GitHubEmulator;
  clock: ReturnType<typeof fixedClock>;
  /** Sign and POST a delivery to /github/webhooks, then wait until the outbox sent what is due. */
  deliver(
    event: string,
    payload: unknown,
    extra?: Omit<WebhookDelivery, 'event' | 'payload' | 'secret'>,
  ): Promise<{ status: number; body: string; deliveryId: string }>;
  /** Rows of a table, for assertions on what was stored. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

/** The real server (npm start's path) with GitHub credentials pointing at a loopback GitHub API. */
export async function startGitHubDesk(
  options: { env?: Record<string, string>; emulator?: GitHubEmulatorOptions; config?: SupportConfigInput } = {},
): Promise<GitHubDesk> {
  const github = await createGitHubEmulator({ tokens: [PAT], tokenLogin: DESK_LOGIN, ...options.emulator });
  const clock = fixedClock(START);
  const env = {
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    GITHUB_API_URL: github.url,
    ...(options.env ?? { GITHUB_TOKEN: PAT }),
  };
  let server: TestServer;
  try {
    server = await startTestServer({ env, clock, config: options.config ?? GITHUB_TEST_CONFIG });
  } catch (err) {
    await github.close();
    throw err;
  }
  return {
    server,
    github,
    clock,
    async deliver(event, payload, extra = {}) {
      const r = await sendWebhook(`${server.url}/github/webhooks`, {
        event,
        payload,
        secret: WEBHOOK_SECRET,
        ...extra,
      });
      await server.desk.outbox.flush();
      return r;
    },
    /** Rows of a query on the desk's database, SQLite or PostgreSQL (`?` placeholders). */
    rows: <T>(sql: string, ...params: unknown[]) => queryDesk<T>(server.desk.stores, sql, params),
    async dispose() {
      await server.dispose();
      await github.close();
    },
  };
}
