import type { Octokit } from '@octokit/rest';
import { createOctokitGitHubApi } from './github-api.js';
import type { GitHubApi } from './github-api.js';

/** Who the desk is on GitHub: one token, or a GitHub App acting per installation. */
export interface GitHubClients {
  readonly mode: 'token' | 'app';
  /** An API client allowed to write to `owner/repo`. */
  forRepo(fullName: string): Promise<GitHubApi>;
  /** The installation a webhook came from (`payload.installation.id`), so writes to that repo use its token. */
  remember(fullName: string, installationId: number): void;
}

/** `GITHUB_TOKEN`: a fine-grained or classic personal access token (or a GitHub Actions token). */
export function createTokenClients(octokit: Octokit): GitHubClients {
  const api = createOctokitGitHubApi(octokit);
  return { mode: 'token', forRepo: async () => api, remember: () => undefined };
}

/** The part of @octokit/app's `App` the adapter uses. */
export interface GitHubAppLike {
  /** Authenticated as the App itself (JWT). */
  octokit: Octokit;
  /** Authenticated with an installation access token, created and cached by @octokit/auth-app. */
  getInstallationOctokit(installationId: number): Promise<Octokit>;
}

/**
 * GitHub App: writes use the installation token of the repository's installation, known from the webhook payload
 * or, for an outbox item that survived a restart, looked up with `GET /repos/{owner}/{repo}/installation`.
 */
export function createAppClients(app: GitHubAppLike): GitHubClients {
  const installationOf = new Map<string, number>();
  const apis = new Map<number, Promise<GitHubApi>>();
  const apiFor = (id: number): Promise<GitHubApi> => {
    let api = apis.get(id);
    if (!api) {
      api = app.getInstallationOctokit(id).then(createOctokitGitHubApi);
      api.catch(() => apis.delete(id));
      apis.set(id, api);
    }
    return api;
  };
  return {
    mode: 'app',
    async forRepo(fullName) {
      const key = fullName.toLowerCase();
      let id = installationOf.get(key);
      if (id === undefined) {
        const [owner = '', repo = ''] = fullName.split('/');
        const { data } = await app.octokit.rest.apps.getRepoInstallation({ owner, repo });
        id = data.id;
        installationOf.set(key, id);
      }
      return apiFor(id);
    },
    remember(fullName, installationId) {
      installationOf.set(fullName.toLowerCase(), installationId);
    },
  };
}
