import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubEmulator } from '../emulators/github/create-github-emulator.js';
import type { GitHubEmulator } from '../emulators/github/create-github-emulator.js';
import { signWebhook } from '../emulators/github/send-webhook.js';
import { createSlackEmulator } from '../emulators/slack/create-slack-emulator.js';
import type { SlackEmulator } from '../emulators/slack/create-slack-emulator.js';
import { startTestServer } from '../support/start-test-server.js';
import type { TestServer } from '../support/start-test-server.js';

/**
 * Sends only the request head (and `body`, if any) over a raw socket and returns the status line and headers of the
 * answer, and whether the server closed the connection. A refusal on the declared length alone arrives without the
 * body ever being sent.
 */
function rawRequest(port: number, head: string, body = ''): Promise<{ status: number; text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let closed = false;
    const done = () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text, closed });
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
    });
    socket.on('end', () => {
      closed = true;
      done();
    });
    socket.on('error', reject);
    socket.setTimeout(5_000, () => {
      socket.destroy();
      done();
    });
    socket.write(`${head}\r\n\r\n${body}`);
  });
}

describe('request bodies are limited before any route code runs', () => {
  let slack: SlackEmulator;
  let github: GitHubEmulator;
  let s: TestServer;
  beforeAll(async () => {
    slack = await createSlackEmulator();
    github = await createGitHubEmulator({ tokens: ['ghp_limits'], tokenLogin: 'desk-bot' });
    s = await startTestServer({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'limits-secret',
        SLACK_API_URL: slack.apiUrl,
        GITHUB_WEBHOOK_SECRET: 'limits-secret',
        GITHUB_TOKEN: 'ghp_limits',
        GITHUB_API_URL: github.url,
        DASHBOARD_TOKEN: 'limits-dashboard-token',
      },
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await slack?.close();
    await github?.close();
  });

  it('refuses a declared 256 MB body with 413 on every route, without reading it, and closes the connection', async () => {
    for (const [path, type] of [
      ['/slack/events', 'application/json'],
      ['/github/webhooks', 'application/json'],
      ['/login', 'application/x-www-form-urlencoded'],
      ['/api/usage', 'text/csv'],
      ['/healthz', 'application/json'],
    ] as const) {
      const r = await rawRequest(
        s.port,
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${256 * 1024 * 1024}`,
      );
      expect([path, r.status], r.text).toEqual([path, path === '/healthz' ? 405 : 413]);
      expect(r.closed).toBe(true);
      if (path !== '/healthz') expect(r.text).toMatch(/larger than this route accepts/);
    }
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200); // still serving
  });

  it("applies each route's own limit: 1.5 MiB is too much for Slack, within GitHub's 2 MiB (then refused for its signature)", async () => {
    const big = JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(1.5 * 1024 * 1024) });
    const toSlack = await fetch(`${s.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(toSlack.status).toBe(413);
    const toGitHub = await fetch(`${s.url}/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': 'big-1',
        'x-hub-signature-256': signWebhook('wrong-secret', big),
      },
      body: big,
    });
    expect(toGitHub.status).toBe(400);
    expect(await toGitHub.json()).toMatchObject({ error: 'github.bad-signature' });
    expect(await s.desk.store.hasEvent('github', 'big-1')).toBe(false);
  });

  it('refuses a body sent without a length (chunked) with 411', async () => {
    const r = await rawRequest(
      s.port,
      'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked',
      '5\r\nhello\r\n',
    );
    expect(r.status).toBe(411);
    expect(r.closed).toBe(true);
  });
});
