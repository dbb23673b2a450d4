import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/postgres/test-postgres.js';
import { TEST_STORE } from '../support/start-test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'desk-start-'));
/** A test that ends before the desk opens its database: the sqlite project runs it, the postgres one skips it. */
const itWithoutStore = it.skipIf(TEST_STORE === 'postgres');
/** The desk's PostgreSQL schema when the tests run on PostgreSQL (TEST_STORE=postgres); else it uses DATABASE_PATH. */
let schema: TestSchema | null = null;
beforeAll(async () => {
  if (TEST_STORE === 'postgres') schema = await createTestSchema();
});
afterAll(async () => {
  await schema?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start as a process', () => {
  it('starts with no credentials, says which platforms are off and how to enable them, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'd.sqlite'),
        DATABASE_URL: schema?.url ?? '',
        MODEL_CACHE_PATH: join(dir, 'm.json'),
        LOG_LEVEL: 'info',
        SUPPORT_CONFIG: 'support.config.example.yaml',
        SLACK_BOT_TOKEN: '',
        DISCORD_TOKEN: '',
        GITHUB_WEBHOOK_SECRET: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!out.includes('support desk listening') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const line = out.split('\n').find((l) => l.includes('support desk listening'));
    expect(line, out).toBeDefined();
    const msg = (JSON.parse(line!) as { msg: string }).msg;
    expect(msg).toMatch(
      /live: no platforms \(npm run shell talks to the desk\); slack off \(set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/,
    );
    expect(msg).toContain('discord off (set DISCORD_TOKEN and DISCORD_APPLICATION_ID)');
    const port = Number(/listening on :(\d+)/.exec(msg)?.[1]);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      status: string;
      platforms: Record<string, boolean>;
    };
    expect(health).toMatchObject({ status: 'ok', platforms: { slack: false, discord: false, github: false } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped cleanly');
    expect(out).not.toContain('-byte pages'); // a new database has PAGE_SIZE pages (or is PostgreSQL): no hint to convert it
    expect(existsSync(join(dir, 'd.sqlite'))).toBe(TEST_STORE === 'sqlite'); // it ran on the store under test
  }, 120_000);

  itWithoutStore(
    'refuses a partial credential set with the missing variable named',
    async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        env: {
          ...process.env,
          PORT: '0',
          DATABASE_PATH: join(dir, 'e.sqlite'),
          SUPPORT_CONFIG: 'support.config.example.yaml',
          DISCORD_TOKEN: 'abc',
          DISCORD_APPLICATION_ID: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(out).toContain('discord: DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is missing');
    },
    60_000,
  );
});
