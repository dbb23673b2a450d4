import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { fixedClock } from '../../core/ports/clock.js';
import { issueOpened } from '../emulators/github/github-payloads.js';
import { createGitHubEmulator } from '../emulators/github/create-github-emulator.js';
import type { GitHubEmulator } from '../emulators/github/create-github-emulator.js';
import { sendWebhook } from '../emulators/github/send-webhook.js';
import { createSlackDelivery } from '../emulators/slack/create-slack-delivery.js';
import { createSlackEmulator } from '../emulators/slack/create-slack-emulator.js';
import type { SlackEmulator } from '../emulators/slack/create-slack-emulator.js';
import { startTestServer, TEST_CONFIG } from '../support/start-test-server.js';
import type { TestServer } from '../support/start-test-server.js';

const SIGNING_SECRET = 'lanes-signing-secret-0123456789';
const WEBHOOK_SECRET = 'lanes-webhook-secret';
const PAT = 'ghp_lanes';
const ISSUE_LABELS = 'POST /repos/:owner/:repo/issues/:number/labels';
const REPO_LABELS = 'GET /repos/:owner/:repo/labels';
const ARTICLES = fileURLToPath(new URL('./slack/articles', import.meta.url));

interface TwoPlatformDesk {
  server: TestServer;
  slack: SlackEmulator;
  github: GitHubEmulator;
  deliver: ReturnType<typeof createSlackDelivery>;
  close(): Promise<void>;
}

/** The real server (npm start's path) with Slack AND GitHub live, each against its own loopback emulator. */
async function startTwoPlatformDesk(): Promise<TwoPlatformDesk> {
  const slack = await createSlackEmulator();
  const github = await createGitHubEmulator({ tokens: [PAT], tokenLogin: 'support-desk-bot' });
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-lanes',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    GITHUB_TOKEN: PAT,
    GITHUB_API_URL: github.url,
  };
  const config = { ...TEST_CONFIG, knowledge: { dir: ARTICLES, baseUrl: 'https://docs.example.test/kb' } };
  const server = await startTestServer({ env, clock: fixedClock(Date.UTC(2026, 2, 4, 14, 0, 0)), config });
  expect(server.live.sort()).toEqual(['github', 'slack']);
  return {
    server,
    slack,
    github,
    deliver: createSlackDelivery({
      eventsUrl: `${server.url}/slack/events`,
      signingSecret: SIGNING_SECRET,
      emulator: slack,
    }),
    async close() {
      slack.release();
      github.release();
      await server.dispose();
      await Promise.all([slack.close(), github.close()]);
    },
  };
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** GitHub delivers `issues.opened` (signed); the desk queues labels (and an answer comment) for the issue. */
const openIssue = (d: TwoPlatformDesk, number: number) => {
  const payload = issueOpened({ number, title: 'Export crashes with an error' });
  return sendWebhook(`${d.server.url}/github/webhooks`, { event: 'issues', payload, secret: WEBHOOK_SECRET });
};

interface Health {
  pendingOutbox: number;
  outbox: Record<string, { pending: number; inFlight: number }>;
}
const health = async (d: TwoPlatformDesk) => (await (await fetch(`${d.server.url}/healthz`)).json()) as Health;

describe('outbox lanes: one hung platform does not hold up another (npm start path, Slack and GitHub live)', () => {
  let d: TwoPlatformDesk;
  afterEach(async () => d?.close());

  it('GitHub hangs: a Slack reply still arrives within a second, and /healthz counts the held write as pending', async () => {
    d = await startTwoPlatformDesk();
    d.github.hang(REPO_LABELS);
    d.github.hang(ISSUE_LABELS);
    const hook = await openIssue(d, 7);
    expect(hook.status).toBe(200);
    await until(
      () => d.github.held(REPO_LABELS) + d.github.held(ISSUE_LABELS) > 0,
      'the label write to reach the hung GitHub',
    );

    const started = Date.now();
    const sent = await d.deliver.userMessage({ channel: 'C_GLOBEX', user: 'U_G1', text: 'Search returns an error' });
    await d.slack.waitFor((c) => c.method === 'chat.postMessage' && c.status === 200 && c.args.thread_ts === sent.ts, {
      timeoutMs: 1_000,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(d.github.held(REPO_LABELS) + d.github.held(ISSUE_LABELS)).toBeGreaterThan(0); // GitHub's call is still held

    const h = await health(d);
    expect(h.outbox.github).toEqual({ pending: 1, inFlight: 1 }); // the held label write is pending while it is being sent
    expect(h.pendingOutbox).toBe(Object.values(h.outbox).reduce((n, p) => n + p.pending, 0));

    d.github.release();
    await until(() => d.github.issueLabelsOf('acme/widgets', 7).length > 0, 'the labels once GitHub answers');
  });

  it('Slack hangs: GitHub labels are still written within a second', async () => {
    d = await startTwoPlatformDesk();
    d.slack.hang('chat.postMessage');
    await d.deliver.userMessage({ channel: 'C_GLOBEX', user: 'U_G1', text: 'Search returns an error' });
    await d.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text: 'Uploads fail with an error' });
    await until(() => d.slack.held('chat.postMessage') > 0, 'a reply to reach the hung Slack');

    const started = Date.now();
    await openIssue(d, 8);
    await until(() => d.github.issueLabelsOf('acme/widgets', 8).length > 0, 'the GitHub labels', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(d.slack.held('chat.postMessage')).toBeGreaterThan(0); // Slack's call is still held
    expect((await health(d)).outbox.slack?.pending).toBeGreaterThan(0);
  });
});
