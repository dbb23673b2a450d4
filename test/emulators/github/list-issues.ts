import { pageOf } from './page-of.js';

/** An issue (or, with `pullRequest`, a pull request) of an emulated repository. */
export interface SeededIssue {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state?: 'open' | 'closed';
  createdAt?: string;
  pullRequest?: boolean;
}

/**
 * `GET /repos/{owner}/{repo}/issues` as GitHub answers it: pull requests included (with a `pull_request` key),
 * `labels` a comma-separated list that must all match, `state` open (default) / closed / all, `sort=created` with
 * `direction` desc (default) / asc, pages of `per_page` (default 30, at most 100) linked by a `Link` header.
 */
export function listIssues(
  all: readonly SeededIssue[],
  query: URLSearchParams,
  url: string,
): { status: number; body: unknown; headers?: Record<string, string> } {
  const wanted = (query.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const state = query.get('state') ?? 'open';
  const created = (i: SeededIssue) =>
    i.createdAt ?? new Date(Date.UTC(2025, 0, 1) + i.number * 3_600_000).toISOString();
  const matching = all
    .filter((i) => state === 'all' || (i.state ?? 'open') === state)
    .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
    .sort((a, b) => created(a).localeCompare(created(b)) * (query.get('direction') === 'asc' ? 1 : -1));
  return pageOf(matching, query, url, (i) => ({
    id: 500_000 + i.number,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state ?? 'open',
    created_at: created(i),
    labels: i.labels.map((name, k) => ({ id: k + 1, name, color: 'ededed', default: false })),
    user: { login: 'octo-user', id: 1, type: 'User' },
    ...(i.pullRequest ? { pull_request: { url: `${url.replace('/issues', '/pulls')}/${i.number}` } } : {}),
  }));
}
