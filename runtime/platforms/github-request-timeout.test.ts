import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryErrorFromGitHub } from '../../bots/github/delivery-error-from-github.js';
import { silentLogger } from '../../core/ports/logger.js';
import { createGitHubEmulator } from '../../test/emulators/github/create-github-emulator.js';
import type { GitHubEmulator } from '../../test/emulators/github/create-github-emulator.js';
import { readEnv } from '../env.js';
import { createClients } from './github.js';

/** Octokit has no timeout of its own (undici would wait 300 s): createClients bounds every request, App auth included. */
describe('GitHub clients: every request is bounded by PLATFORM_REQUEST_TIMEOUT_MS', () => {
  let github: GitHubEmulator;
  afterEach(async () => github?.close());

  /** How the outbox would take the call's failure (it must fail, not hang). */
  const failureOf = async (call: () => Promise<unknown>) => {
    const err = await call().then(
      () => new Error('the call succeeded'),
      (e: unknown) => e,
    );
    const failure = deliveryErrorFromGitHub(err);
    return { permanent: failure.permanent, rateLimited: failure.retryAfterMs !== undefined, message: failure.message };
  };
  const RETRYABLE = {
    permanent: false,
    rateLimited: false,
    message: expect.stringMatching(/GitHub API 500 failed: .*timeout/),
  };

  it('token auth: a write GitHub never answers fails as retryable instead of holding the caller', async () => {
    github = await createGitHubEmulator({ tokens: ['ghp_t'], tokenLogin: 'desk' });
    const auth = await createClients(
      readEnv({ GITHUB_TOKEN: 'ghp_t', GITHUB_API_URL: github.url, PLATFORM_REQUEST_TIMEOUT_MS: '1000' }),
      silentLogger,
    );
    expect(auth?.selfLogin).toBe('desk');
    github.hang('POST /repos/:owner/:repo/issues/:number/comments');
    const api = await auth!.clients.forRepo('acme/widgets');
    expect(await failureOf(() => api.createComment('acme', 'widgets', 1, 'hello'))).toEqual(RETRYABLE);
    expect(github.held('POST /repos/:owner/:repo/issues/:number/comments')).toBe(1);
  });

  it('GitHub App: the installation lookup and the installation-token request are bounded too', async () => {
    const pem = { type: 'pkcs1', format: 'pem' } as const;
    const key = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: pem,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    github = await createGitHubEmulator({
      tokens: [],
      app: { id: '42', publicKey: key.publicKey, installations: { 'acme/widgets': 7 } },
    });
    const env = readEnv({
      GITHUB_APP_ID: '42',
      GITHUB_PRIVATE_KEY: key.privateKey,
      GITHUB_API_URL: github.url,
      PLATFORM_REQUEST_TIMEOUT_MS: '1000',
    });
    const { clients } = (await createClients(env, silentLogger))!;
    github.hang('GET /repos/:owner/:repo/installation');
    expect(await failureOf(() => clients.forRepo('acme/widgets'))).toEqual(RETRYABLE); // App JWT call
    clients.remember('acme/widgets', 7);
    github.hang('POST /app/installations/:id/access_tokens');
    const addLabels = async () => (await clients.forRepo('acme/widgets')).addLabels('acme', 'widgets', 1, ['bug']);
    expect(await failureOf(addLabels)).toEqual(RETRYABLE); // auth-app's installation-token call
    expect(github.held('POST /app/installations/:id/access_tokens')).toBe(1);
    expect(github.callsTo('POST /repos/:owner/:repo/issues/:number/labels')).toEqual([]);
  });
});
