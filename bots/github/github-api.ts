import type { Octokit } from '@octokit/rest';
import type { LabelSpec } from './triage-labels.js';

/** An issue as `npm run github:issues` exports it. */
export interface ListedIssue {
  number: number;
  title: string;
  body: string;
  /** ISO 8601. */
  createdAt: string;
  labels: string[];
}

/** The few GitHub REST calls the adapter makes, so the platform code can be tested on a fake. */
export interface GitHubApi {
  /** Issues (not pull requests), open and closed, carrying the label; oldest first. */
  listIssuesWithLabel(owner: string, repo: string, label: string): Promise<ListedIssue[]>;
  /** Names of every label of the repository. */
  listLabels(owner: string, repo: string): Promise<string[]>;
  createLabel(owner: string, repo: string, label: LabelSpec): Promise<void>;
  addLabels(owner: string, repo: string, issue: number, labels: readonly string[]): Promise<void>;
  createComment(owner: string, repo: string, issue: number, body: string): Promise<{ id: number }>;
  /** The issue's comments updated at or after `since` (ISO 8601), oldest first, every page. */
  listComments(owner: string, repo: string, issue: number, since: string): Promise<{ id: number; body: string }[]>;
  /** Public organisation memberships of a user. */
  userOrgs(login: string): Promise<string[]>;
}

export function createOctokitGitHubApi(octokit: Octokit): GitHubApi {
  return {
    async listIssuesWithLabel(owner, repo, label) {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        labels: label,
        state: 'all',
        sort: 'created',
        direction: 'asc',
        per_page: 100,
      });
      return issues
        .filter((i) => !i.pull_request)
        .map((i) => ({
          number: i.number,
          title: i.title,
          body: i.body ?? '',
          createdAt: i.created_at,
          labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
        }));
    },
    async listLabels(owner, repo) {
      const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 });
      return labels.map((l) => l.name);
    },
    async createLabel(owner, repo, label) {
      await octokit.rest.issues.createLabel({
        owner,
        repo,
        name: label.name,
        color: label.color,
        description: label.description,
      });
    },
    async addLabels(owner, repo, issue, labels) {
      await octokit.rest.issues.addLabels({ owner, repo, issue_number: issue, labels: [...labels] });
    },
    async createComment(owner, repo, issue, body) {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
      return { id: data.id };
    },
    async listComments(owner, repo, issue, since) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issue,
        since,
        per_page: 100,
      });
      return comments.map((c) => ({ id: c.id, body: c.body ?? '' }));
    },
    async userOrgs(login) {
      const { data } = await octokit.rest.orgs.listForUser({ username: login, per_page: 100 });
      return data.map((o) => o.login);
    },
  };
}
