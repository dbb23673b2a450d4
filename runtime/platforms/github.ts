import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { App } from '@octokit/app';
import { Octokit } from '@octokit/rest';
import { createGitHubChatPlatform } from '../../bots/github/create-github-chat-platform.js';
import { createGitHubEventHandler } from '../../bots/github/create-github-event-handler.js';
import type { GitHubEventHandler } from '../../bots/github/create-github-event-handler.js';
import { createGitHubWebhooks, MAX_WEBHOOK_BYTES, WEBHOOK_PATH } from '../../bots/github/create-github-webhooks.js';
import { createOrgLookup } from '../../bots/github/create-org-lookup.js';
import { createAppClients, createTokenClients } from '../../bots/github/github-clients.js';
import type { GitHubClients } from '../../bots/github/github-clients.js';
import type { ChatPlatform } from '../../core/ports/chat-platform.js';
import type { Logger } from '../../core/ports/logger.js';
import { loadTrainingCorpus } from '../../data/training/load-training-corpus.js';
import type { Desk } from '../create-desk.js';
import type { Env } from '../env.js';
import type { PlatformStarter } from './platform-starter.js';
import { prepareIssueTypes } from './prepare-issue-types.js';
import type { IssueTypeClassifier } from './prepare-issue-types.js';
import { readTrainingIssues } from './read-training-issues.js';

/** GITHUB_PRIVATE_KEY is the PEM text itself (newlines may be written as \n) or the path of a .pem file. */
export function readPrivateKey(value: string): string {
  const text = value.includes('-----BEGIN') ? value : existsSync(value) ? readFileSync(value, 'utf8') : null;
  if (text === null)
    throw new Error(
      `GITHUB_PRIVATE_KEY is neither a PEM key nor the path of a file (${value.slice(0, 40)}…): set it to the key text or the .pem file's path`,
    );
  return text.replace(/\\n/g, '\n');
}

export interface GitHubAdapter {
  /** null when no GitHub credentials are set (`npm run receive` then only queues the writes). */
  mode: GitHubClients['mode'] | null;
  chat: ChatPlatform | null;
  handler: GitHubEventHandler;
}

/**
 * App when GITHUB_APP_ID + GITHUB_PRIVATE_KEY are set, else GITHUB_TOKEN, else null. Every request (the App's JWT
 * and installation-token calls included: they share this Octokit's options) is aborted after PLATFORM_REQUEST_TIMEOUT_MS,
 * response body included: @octokit/request has no timeout of its own, and undici's defaults wait 300 s.
 */
export async function createClients(
  env: Env,
  log: Logger,
): Promise<{ clients: GitHubClients; selfLogin?: string | undefined } | null> {
  const timeoutMs = env.PLATFORM_REQUEST_TIMEOUT_MS;
  const fetchWithTimeout: typeof fetch = (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
  };
  const GitHubOctokit = Octokit.defaults({
    baseUrl: env.GITHUB_API_URL.replace(/\/+$/, ''),
    request: { fetch: fetchWithTimeout },
  });
  if (env.GITHUB_APP_ID && env.GITHUB_PRIVATE_KEY) {
    const app = new App({
      appId: env.GITHUB_APP_ID,
      privateKey: readPrivateKey(env.GITHUB_PRIVATE_KEY),
      Octokit: GitHubOctokit,
    });
    return { clients: createAppClients(app) };
  }
  if (!env.GITHUB_TOKEN) return null;
  const octokit = new GitHubOctokit({ auth: env.GITHUB_TOKEN });
  try {
    // The token's own account: its label changes and comments are the desk's, never corrections or messages.
    return {
      clients: createTokenClients(octokit),
      selfLogin: (await octokit.rest.users.getAuthenticated()).data.login,
    };
  } catch (err) {
    log.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'could not read the login of GITHUB_TOKEN (GET /user); the desk may take its own label changes for corrections',
    );
    return { clients: createTokenClients(octokit) };
  }
}

/** Where the issue-type models are cached: beside the support model's cache. */
export function issueTypeCacheDir(modelCachePath: string): string {
  return join(dirname(modelCachePath), 'issue-types');
}

/** The issue-type models of `npm start`, `npm run receive` and `npm run train`: labeled issues, corrections, the corpus. */
export async function loadIssueTypes(
  desk: Pick<Desk, 'config' | 'stores'>,
  env: Pick<Env, 'MODEL_CACHE_PATH'>,
  corpusPath?: string,
): Promise<IssueTypeClassifier> {
  const { github, classifier } = desk.config;
  return prepareIssueTypes({
    corpus: loadTrainingCorpus(corpusPath),
    trainingIssues: github.trainingIssues ? readTrainingIssues(github.trainingIssues) : [],
    corrections: await desk.stores.corrections.listCorrections(),
    repos: github.repos,
    cacheDir: env.MODEL_CACHE_PATH ? issueTypeCacheDir(env.MODEL_CACHE_PATH) : null,
    threshold: classifier.threshold,
  });
}

/** The adapter for a desk: clients, the outbox platform and the event handler. Shared by `npm start` and `npm run receive`. */
export async function createGitHubAdapter(
  desk: Desk,
  env: Env,
  log: Logger,
  options: { corpusPath?: string | undefined } = {},
): Promise<GitHubAdapter> {
  const auth = await createClients(env, log);
  const clients = auth?.clients ?? null;
  const issueTypes = await loadIssueTypes(desk, env, options.corpusPath);
  log.info({ models: issueTypes.models }, 'issue-type models ready');
  const handler = createGitHubEventHandler({
    engine: desk.engine,
    actions: desk.actions,
    store: desk.store,
    corrections: desk.stores.corrections,
    directory: desk.directory,
    model: desk.model,
    issueType: (repo, title, body) => issueTypes.guess(repo, title, body),
    config: desk.config,
    orgs: clients
      ? createOrgLookup({
          clients,
          clock: desk.clock,
          log,
          enabled: desk.config.customers.some((c) => c.github.orgs.length > 0),
        })
      : async () => [],
    clock: desk.clock,
    log,
    rememberInstallation: (repo, id) => clients?.remember(repo, id),
    selfLogin: () => auth?.selfLogin,
  });
  return { mode: clients?.mode ?? null, chat: clients ? createGitHubChatPlatform({ clients, log }) : null, handler };
}

export const githubStarter: PlatformStarter = {
  name: 'github',
  async start({ desk, http, env, log }) {
    const secret = env.GITHUB_WEBHOOK_SECRET;
    if (!secret) throw new Error('GITHUB_WEBHOOK_SECRET is required to receive GitHub webhooks');
    const adapter = await createGitHubAdapter(desk, env, log);
    if (!adapter.chat) throw new Error('GitHub needs GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_PRIVATE_KEY');
    const { handleRequest } = createGitHubWebhooks({
      secret,
      handler: adapter.handler,
      log,
      deadlineMs: env.GITHUB_WEBHOOK_DEADLINE_MS,
    });
    http.add({ method: 'POST', path: WEBHOOK_PATH, handler: handleRequest, maxBodyBytes: MAX_WEBHOOK_BYTES });
    const repos = desk.config.github.repos;
    if (!repos.length) log.warn({}, 'github.repos is empty in the configuration: every GitHub event will be ignored');
    return {
      chat: adapter.chat,
      describe: `github (webhooks on ${WEBHOOK_PATH}, ${adapter.mode === 'app' ? 'GitHub App' : 'token'} auth, ${repos.length} repos)`,
      stop: async () => undefined,
    };
  },
};
