import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueOpened } from '../emulators/github/github-payloads.js';
import { startGitHubDesk } from '../emulators/github/start-github-desk.js';
import type { GitHubDesk } from '../emulators/github/start-github-desk.js';
import { verifyAppJwt } from '../emulators/github/verify-app-jwt.js';

const APP_ID = '987654';
const TOKEN_ROUTE = 'POST /app/installations/:id/access_tokens';
const LABELS_ROUTE = 'POST /repos/:owner/:repo/issues/:number/labels';
const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

describe('GitHub App authentication', () => {
  const key = keyPair();
  const dir = mkdtempSync(join(tmpdir(), 'gh-app-'));
  const keyPath = join(dir, 'app.private-key.pem');
  let gh: GitHubDesk;

  beforeAll(async () => {
    writeFileSync(keyPath, key.privateKey);
    gh = await startGitHubDesk({
      env: { GITHUB_APP_ID: APP_ID, GITHUB_PRIVATE_KEY: keyPath },
      emulator: {
        tokens: [],
        app: {
          id: APP_ID,
          publicKey: key.publicKey,
          installations: { 'acme/widgets': 42, 'Codertocat/Hello-World': 43 },
        },
      },
    });
  });
  afterAll(async () => {
    await gh?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exchanges a JWT signed with the App's key for the payload's installation token and writes with it", async () => {
    await gh.deliver(
      'issues',
      issueOpened({ number: 1, title: 'How do I install the support desk with npm?', installation: 42 }),
    );
    await gh.deliver('issues', issueOpened({ number: 2, title: 'Colours look odd', installation: 42 }));

    const tokenCalls = gh.github.callsTo(TOKEN_ROUTE);
    expect(tokenCalls.map((c) => [c.path, c.status])).toEqual([['/app/installations/42/access_tokens', 201]]); // cached for the second event
    expect(verifyAppJwt(tokenCalls[0]?.authorization, key.publicKey, APP_ID)).toEqual({ ok: true, appId: APP_ID });
    const [token] = gh.github.installationTokens();
    const writes = gh.github.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/repos/'));
    expect(writes.length).toBeGreaterThan(3);
    expect(new Set(writes.map((c) => c.authorization))).toEqual(new Set([`token ${token}`]));
    expect(gh.github.issueLabelsOf('acme/widgets', 1)).toEqual(['question', 'P3-low', 'needs-triage']);
    expect(gh.github.comments.filter((c) => c.issue === 1)).toHaveLength(1);
  });

  it('finds the installation of the repository when a recorded payload has no installation key', async () => {
    await gh.deliver('issues', issueOpened({ repo: 'Codertocat/Hello-World', number: 3, title: 'Colours look odd' }));
    expect(gh.github.callsTo('GET /repos/:owner/:repo/installation').map((c) => [c.path, c.status])).toEqual([
      ['/repos/Codertocat/Hello-World/installation', 200],
    ]);
    expect(gh.github.callsTo(TOKEN_ROUTE).map((c) => c.path)).toContain('/app/installations/43/access_tokens');
    expect(gh.github.issueLabelsOf('Codertocat/Hello-World', 3)).toEqual(['P3-low', 'needs-triage']);
  });
});

describe('GitHub App with the wrong private key', () => {
  it('is refused by the JWT check and the label write stays queued instead of being lost', async () => {
    const real = keyPair();
    const wrong = keyPair();
    const gh = await startGitHubDesk({
      env: { GITHUB_APP_ID: APP_ID, GITHUB_PRIVATE_KEY: wrong.privateKey.replace(/\n/g, '\\n') }, // PEM text with escaped newlines, as in a .env file
      emulator: { tokens: [], app: { id: APP_ID, publicKey: real.publicKey, installations: { 'acme/widgets': 42 } } },
    });
    try {
      await gh.deliver('issues', issueOpened({ number: 1, title: 'Colours look odd', installation: 42 }));
      const statuses = gh.github.callsTo(TOKEN_ROUTE).map((c) => c.status); // the org lookup and the label write both asked
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set([401]));
      expect(gh.github.callsTo(LABELS_ROUTE)).toHaveLength(0);
      expect(
        await gh.rows("SELECT attempts FROM outbox WHERE platform = 'github' AND sent_at IS NULL AND dead_at IS NULL"),
      ).toEqual([{ attempts: 1 }]);
    } finally {
      await gh.dispose();
    }
  });
});
