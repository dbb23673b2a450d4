import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../core/ports/logger.js';
import { PAGE_SIZE } from '../../data/open-database.js';
import { TEST_CONFIG } from '../support/start-test-server.js';
import { startTestServer } from '../support/start-test-server.js';

describe('npm start code path', () => {
  it('starts with no credentials, answers /healthz with version and live platforms, and stops cleanly', async () => {
    const server = await startTestServer();
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 'ok',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        platforms: { slack: false, discord: false, github: false },
      });
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    } finally {
      await server.dispose();
    }
  });

  it('refuses a partial platform credential set, naming what is missing', async () => {
    await expect(startTestServer({ env: { SLACK_BOT_TOKEN: 'xoxb-1' } })).rejects.toThrow(
      /SLACK_SIGNING_SECRET|SLACK_APP_TOKEN/,
    );
  });

  it('refuses an invalid configuration with the key path', async () => {
    await expect(
      startTestServer({ config: { customers: [{ id: 'x', name: 'X', tier: 'gold' as never }] } }),
    ).rejects.toThrow(/customers\.0\.tier/);
  });

  it('refuses an invalid article set with the kb:check report (file:line: problem)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-kb-'));
    writeFileSync(
      join(dir, 'broken.md'),
      '---\nid: broken\ntitle: Broken\ntags: []\nintents: [no-such-intent]\ntiers: []\nplatforms: []\nlanguage: en\nupdated: 2026-11-01\n---\n\nSee [missing](./missing.md).\n',
    );
    await expect(startTestServer({ config: { ...TEST_CONFIG, knowledge: { dir } } })).rejects.toThrow(
      /broken\.md:\d+: .*no-such-intent[\s\S]*broken\.md:12: .*missing\.md/,
    );
  });

  it('says at start when the database has another page size than new ones get, and how to convert it', async () => {
    const infos = (dir: string) => {
      const lines: string[] = [];
      const log: Logger = {
        debug: () => {},
        info: (_o, msg) => void lines.push(msg ?? ''),
        warn: () => {},
        error: () => {},
        child: () => log,
      };
      return { lines, log, dir };
    };
    const older = infos(mkdtempSync(join(tmpdir(), 'desk-page-size-')));
    const fresh = infos(mkdtempSync(join(tmpdir(), 'desk-page-size-')));
    try {
      const old = new Database(join(older.dir, 'support.sqlite')); // the path startTestServer uses
      old.pragma('page_size = 4096');
      old.pragma('journal_mode = WAL');
      old.close();
      await (await startTestServer({ dir: older.dir, log: older.log })).dispose();
      expect(older.lines).toContainEqual(
        `database has 4096-byte pages; new ones use ${PAGE_SIZE} (fewer bytes written per message): stop the desk and run npm run migrate -- --page-size ${PAGE_SIZE}`,
      );
      await (await startTestServer({ dir: fresh.dir, log: fresh.log })).dispose();
      expect(fresh.lines.some((l) => l.includes('-byte pages'))).toBe(false);
    } finally {
      rmSync(older.dir, { recursive: true, force: true });
      rmSync(fresh.dir, { recursive: true, force: true });
    }
  });
});
