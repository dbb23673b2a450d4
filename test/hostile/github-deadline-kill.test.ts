import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubEmulator } from '../emulators/github/create-github-emulator.js';
import type { GitHubEmulator } from '../emulators/github/create-github-emulator.js';
import { issueOpened } from '../emulators/github/github-payloads.js';
import { sendWebhook } from '../emulators/github/send-webhook.js';
import { openPostgres } from '../../data/open-postgres.js';
import { createTestSchema, type TestSchema } from '../support/postgres/test-postgres.js';
import { queryDesk } from '../support/query-desk.js';
import { TEST_CONFIG, TEST_STORE } from '../support/start-test-server.js';

const SECRET = 'kill-test-secret';
const PAT = 'ghp_killtest';

/** A GitHub API in front of the emulator that holds `GET /users/:login/orgs` unanswered while `hang` is set. */
async function hangingProxy(github: GitHubEmulator) {
  const state = { hang: true, held: 0 };
  const target = new URL(github.url);
  const server: Server = createServer((req, res) => {
    if (state.hang && /^\/users\/[^/]+\/orgs/.test(req.url ?? '')) {
      state.held++;
      return; // never answered
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** How many rows `sql` counts in the desk's database: its SQLite file, or its PostgreSQL schema (`databaseUrl`). */
async function countRows(dir: string, databaseUrl: string | null, sql: string): Promise<number> {
  if (databaseUrl) {
    const postgres = await openPostgres(databaseUrl, { migrate: false, max: 1 });
    try {
      return Number((await queryDesk<{ n: number }>({ sqlite: null, postgres }, sql))[0]?.n);
    } finally {
      await postgres.close();
    }
  }
  const sqlite = new Database(join(dir, 'desk.sqlite'), { readonly: true });
  try {
    return Number((await queryDesk<{ n: number }>({ sqlite, postgres: null }, sql))[0]?.n);
  } finally {
    sqlite.close();
  }
}

function startDesk(
  dir: string,
  apiUrl: string,
  databaseUrl: string | null,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'desk.sqlite'),
      DATABASE_URL: databaseUrl ?? '',
      MODEL_CACHE_PATH: join(dir, 'model.json'),
      SUPPORT_CONFIG: join(dir, 'support.config.yaml'),
      LOG_LEVEL: 'info',
      ANALYSIS_WORKERS: '0',
      SLACK_BOT_TOKEN: '',
      DISCORD_TOKEN: '',
      GITHUB_WEBHOOK_SECRET: SECRET,
      GITHUB_TOKEN: PAT,
      GITHUB_API_URL: apiUrl,
      GITHUB_WEBHOOK_DEADLINE_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const port = /listening on :(\d+)/.exec(out)?.[1];
      if (port) {
        clearInterval(poll);
        resolve({ child, url: `http://127.0.0.1:${port}`, output: () => out });
      } else if (child.exitCode !== null || Date.now() - started > 90_000) {
        clearInterval(poll);
        reject(new Error(`the desk did not start:\n${out}`));
      }
    }, 100);
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe('GitHub: a delivery is never acknowledged before it is stored (npm start, kill -9)', () => {
  let dir = '';
  let github: GitHubEmulator;
  let proxy: Awaited<ReturnType<typeof hangingProxy>>;
  let schema: TestSchema | null = null;
  const count = (sql: string) => countRows(dir, schema?.url ?? null, sql);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-kill-'));
    if (TEST_STORE === 'postgres') schema = await createTestSchema();
    writeFileSync(
      join(dir, 'support.config.yaml'),
      stringify({ ...TEST_CONFIG, knowledge: { baseUrl: 'https://docs.example.test/kb' } }),
    );
    github = await createGitHubEmulator({ tokens: [PAT], tokenLogin: 'desk-bot', orgs: { 'acme-dev': ['acme'] } });
    proxy = await hangingProxy(github);
  });
  afterAll(async () => {
    await proxy?.close();
    await github?.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 (not 2xx) when the org lookup outlasts the deadline; after kill -9 and a restart the redelivery is stored once', async () => {
    const first = await startDesk(dir, proxy.url, schema?.url ?? null);
    const payload = issueOpened({
      number: 21,
      login: 'acme-dev',
      title: 'The export crashes with an error',
      body: 'Every time I export.',
    });
    const sent = Date.now();
    const r = await sendWebhook(`${first.url}/github/webhooks`, {
      event: 'issues',
      payload,
      secret: SECRET,
      deliveryId: 'kill-1',
    });
    const waited = Date.now() - sent;
    expect(proxy.state.held).toBe(1); // the desk asked GitHub for the author's organisations and got no answer
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toMatchObject({ error: 'github.delivery-timeout' });
    expect(waited).toBeLessThan(2_900); // answered at the 1 s deadline, before the org lookup's own 3 s bound ran out
    first.child.kill('SIGKILL');
    await killed(first.child);

    expect(await count("SELECT COUNT(*) AS n FROM inbound_events WHERE event_id = 'kill-1'")).toBe(0);

    proxy.state.hang = false;
    const second = await startDesk(dir, proxy.url, schema?.url ?? null);
    try {
      const again = await sendWebhook(`${second.url}/github/webhooks`, {
        event: 'issues',
        payload,
        secret: SECRET,
        deliveryId: 'kill-1',
      });
      expect(again.status).toBe(200);
      const twice = await sendWebhook(`${second.url}/github/webhooks`, {
        event: 'issues',
        payload,
        secret: SECRET,
        deliveryId: 'kill-1',
      });
      expect(twice.status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      await killed(second.child);
    }
    expect(await count("SELECT COUNT(*) AS n FROM inbound_events WHERE event_id = 'kill-1'")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM ticket_messages WHERE event_id = 'kill-1'")).toBe(1);
  }, 180_000);
});
