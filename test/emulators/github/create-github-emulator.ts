import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listIssues } from './list-issues.js';
import { pageOf } from './page-of.js';
import type { SeededIssue } from './list-issues.js';
import { verifyAppJwt } from './verify-app-jwt.js';

export interface RecordedCall {
  method: string;
  /** Path without query, e.g. `/repos/acme/widgets/issues/1/labels`. */
  path: string;
  /** The route template, e.g. `POST /repos/:owner/:repo/issues/:number/labels`. */
  route: string;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface EmulatedLabel {
  name: string;
  color: string;
  description: string | null;
}

export interface InjectedFailure {
  status: 403 | 429 | 500 | 502;
  /** Seconds, sent as `retry-after` (rate limits). */
  retryAfter?: number;
  times: number;
  /** The call still takes effect (a comment is posted) and only the answer is the failure: a response lost on the way back. */
  landed?: boolean;
}

export interface GitHubEmulatorOptions {
  /** Personal access tokens the API accepts (`Authorization: token …`). */
  tokens?: string[];
  /** The login `GET /user` reports for a personal token. */
  tokenLogin?: string;
  /** GitHub App: its id, its public key (PEM, SPKI) and its installations by repository (`owner/repo` → id). */
  app?: { id: string; publicKey: string; installations: Record<string, number> };
  /** Public organisation memberships by login. */
  orgs?: Record<string, string[]>;
}

type Handler = (ctx: {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  auth: string | undefined;
  url: string;
}) => { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A loopback GitHub REST API with the surface the desk uses: repository labels, issue labels and comments, user
 * orgs, `GET /user`, and GitHub App installation tokens (JWT checked against the App's public key). It records every
 * call and can answer a rate limit or a server error for the next calls of a route.
 */
export async function createGitHubEmulator(options: GitHubEmulatorOptions = {}) {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, InjectedFailure>();
  /** Calls of a hung route wait here, unanswered, until `release`. */
  const holds = new Map<string, (() => void)[]>();
  const labels = new Map<string, EmulatedLabel[]>();
  const issueLabels = new Map<string, string[]>();
  const issues = new Map<string, SeededIssue[]>();
  const comments: {
    id: number;
    repo: string;
    issue: number;
    body: string;
    authorization: string | undefined;
    at: string;
  }[] = [];
  const installationTokens = new Map<string, number>();
  const tokens = new Set(options.tokens ?? []);
  let nextId = 1000;

  const error = (status: number, message: string) => ({
    status,
    body: { message, documentation_url: 'https://docs.github.com/rest' },
  });
  const repoLabels = (p: Record<string, string>) =>
    labels.get(`${p.owner}/${p.repo}`.toLowerCase()) ??
    labels.set(`${p.owner}/${p.repo}`.toLowerCase(), []).get(`${p.owner}/${p.repo}`.toLowerCase())!;
  const tokenOk = (auth: string | undefined) => {
    const token = /^token\s+(\S+)$/i.exec(auth ?? '')?.[1] ?? /^bearer\s+(gh[ps]_\S+)$/i.exec(auth ?? '')?.[1];
    return token !== undefined && (tokens.has(token) || installationTokens.has(token));
  };
  const jwtOk = (auth: string | undefined) =>
    options.app ? verifyAppJwt(auth, options.app.publicKey, options.app.id) : { ok: false as const, reason: 'no app' };

  const routes: [string, boolean, Handler][] = [
    [
      'GET /user',
      true,
      () => ({ status: 200, body: { login: options.tokenLogin ?? 'desk-bot', id: 1, type: 'User' } }),
    ],
    [
      'GET /users/:login/orgs',
      true,
      ({ params }) => ({
        status: 200,
        body: (options.orgs?.[params.login ?? ''] ?? []).map((login, i) => ({ login, id: i + 1 })),
      }),
    ],
    [
      'GET /repos/:owner/:repo/issues',
      true,
      ({ params, query, url }) =>
        listIssues(issues.get(`${params.owner}/${params.repo}`.toLowerCase()) ?? [], query, url),
    ],
    [
      'GET /repos/:owner/:repo/labels',
      true,
      ({ params }) => ({ status: 200, body: repoLabels(params).map((l, i) => ({ id: i + 1, ...l, default: false })) }),
    ],
    [
      'POST /repos/:owner/:repo/labels',
      true,
      ({ params, body }) => {
        const b = body as { name?: string; color?: string; description?: string };
        const list = repoLabels(params);
        if (!b.name) return error(422, 'Validation Failed');
        if (list.some((l) => l.name.toLowerCase() === b.name?.toLowerCase()))
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
            },
          };
        const label = { name: b.name, color: b.color ?? 'ededed', description: b.description ?? null };
        list.push(label);
        return { status: 201, body: { id: list.length, ...label } };
      },
    ],
    [
      'POST /repos/:owner/:repo/issues/:number/labels',
      true,
      ({ params, body }) => {
        const names = (body as { labels?: string[] }).labels ?? [];
        const list = repoLabels(params);
        for (const name of names)
          if (!list.some((l) => l.name.toLowerCase() === name.toLowerCase()))
            list.push({ name, color: 'ededed', description: null }); // as GitHub: unknown labels are created grey
        const key = `${params.owner}/${params.repo}#${params.number}`.toLowerCase();
        const on = [...new Set([...(issueLabels.get(key) ?? []), ...names])];
        issueLabels.set(key, on);
        return { status: 200, body: on.map((name) => list.find((l) => l.name === name)) };
      },
    ],
    [
      'POST /repos/:owner/:repo/issues/:number/comments',
      true,
      ({ params, body, auth }) => {
        const comment = {
          id: nextId++,
          repo: `${params.owner}/${params.repo}`,
          issue: Number(params.number),
          body: String((body as { body?: unknown }).body ?? ''),
          authorization: auth,
          at: new Date().toISOString(),
        };
        comments.push(comment);
        return {
          status: 201,
          body: {
            id: comment.id,
            body: comment.body,
            html_url: `https://github.com/${comment.repo}/issues/${comment.issue}#issuecomment-${comment.id}`,
          },
        };
      },
    ],
    [
      'GET /repos/:owner/:repo/issues/:number/comments',
      true,
      ({ params, query, url }) => {
        const since = query.get('since') ?? '';
        const on = comments.filter(
          (c) =>
            c.repo.toLowerCase() === `${params.owner}/${params.repo}`.toLowerCase() &&
            c.issue === Number(params.number) &&
            c.at >= since,
        );
        return pageOf(on, query, url, (c) => ({
          id: c.id,
          body: c.body,
          created_at: c.at,
          updated_at: c.at,
          html_url: `https://github.com/${c.repo}/issues/${c.issue}#issuecomment-${c.id}`,
        }));
      },
    ],
    [
      'GET /repos/:owner/:repo/installation',
      false,
      ({ params, auth }) => {
        const check = jwtOk(auth);
        if (!check.ok) return error(401, `A JSON web token could not be decoded (${check.reason})`);
        const id = options.app?.installations[`${params.owner}/${params.repo}`];
        return id === undefined
          ? error(404, 'Not Found')
          : { status: 200, body: { id, app_id: Number(options.app?.id) } };
      },
    ],
    [
      'POST /app/installations/:id/access_tokens',
      false,
      ({ params, auth }) => {
        const check = jwtOk(auth);
        if (!check.ok) return error(401, `A JSON web token could not be decoded (${check.reason})`);
        if (!Object.values(options.app?.installations ?? {}).includes(Number(params.id)))
          return error(404, 'Not Found');
        const token = `ghs_${randomBytes(12).toString('hex')}`;
        installationTokens.set(token, Number(params.id));
        return {
          status: 201,
          body: {
            token,
            expires_at: new Date(Date.now() + 3600_000).toISOString(),
            permissions: { issues: 'write', metadata: 'read' },
            repository_selection: 'all',
          },
        };
      },
    ],
  ];

  const matchRoute = (method: string, path: string) => {
    for (const [template, needsToken, handler] of routes) {
      const [m, pattern = ''] = template.split(' ');
      if (m !== method) continue;
      const names: string[] = [];
      const re = new RegExp(
        `^${pattern.replace(/:(\w+)/g, (_, n: string) => {
          names.push(n);
          return '([^/]+)';
        })}$`,
      );
      const hit = re.exec(path);
      if (hit)
        return {
          template,
          needsToken,
          handler,
          params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(hit[i + 1] ?? '')])),
        };
    }
    return null;
  };

  const respond = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = status === 204 ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      ...headers,
    });
    res.end(text);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const auth = req.headers.authorization;
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const route = matchRoute(method, path);
    const record = (status: number) =>
      calls.push({ method, path, route: route?.template ?? `${method} ${path}`, authorization: auth, body, status });
    if (!route) {
      record(404);
      return respond(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
    const waiting = holds.get(route.template);
    if (waiting) await new Promise<void>((go) => waiting.push(go));
    const failure = failures.get(route.template);
    if (failure && failure.times > 0) {
      failure.times--;
      if (failure.landed) route.handler({ params: route.params, query, body, auth, url: `${url}${path}` });
      record(failure.status);
      if (failure.status === 500 || failure.status === 502)
        return respond(res, failure.status, { message: 'Server Error' });
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      return respond(
        res,
        failure.status,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
        headers,
      );
    }
    if (route.needsToken && !tokenOk(auth)) {
      record(401);
      return respond(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    }
    const out = route.handler({ params: route.params, query, body, auth, url: `${url}${path}` });
    record(out.status);
    respond(res, out.status, out.body, out.headers);
  }

  function release(route?: string): void {
    for (const [template, waiting] of holds) {
      if (route !== undefined && template !== route) continue;
      holds.delete(template);
      for (const go of waiting) go();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => respond(res, 500, { message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    calls,
    comments,
    /** Labels of a repository (`owner/repo`). */
    labelsOf: (repo: string) => labels.get(repo.toLowerCase()) ?? [],
    /** Label names on an issue. */
    issueLabelsOf: (repo: string, issue: number) => issueLabels.get(`${repo}#${issue}`.toLowerCase()) ?? [],
    /** Installation tokens handed out, in order. */
    installationTokens: () => [...installationTokens.keys()],
    /** Seed issues (and pull requests) a repository already has, oldest first. */
    seedIssues(repo: string, list: SeededIssue[]) {
      issues.set(repo.toLowerCase(), [...list]);
    },
    /** Seed labels a repository already has. */
    seedLabels(repo: string, list: EmulatedLabel[]) {
      labels.set(repo.toLowerCase(), [...list]);
    },
    /** Answer the next `times` calls of a route (e.g. `POST /repos/:owner/:repo/issues/:number/labels`) with a failure. */
    failNext(route: string, failure: InjectedFailure) {
      if (!routes.some(([t]) => t === route)) throw new Error(`unknown route ${route}`);
      failures.set(route, { ...failure });
    },
    /**
     * Leave every call of a route unanswered (a hung GitHub: the connection stays open, no byte comes back) until
     * `release`, which lets the held calls (and later ones) through as usual.
     */
    hang(route: string) {
      if (!routes.some(([t]) => t === route)) throw new Error(`unknown route ${route}`);
      if (!holds.has(route)) holds.set(route, []);
    },
    release,
    /** How many calls of a route are being held unanswered now. */
    held: (route: string) => holds.get(route)?.length ?? 0,
    callsTo: (route: string) => calls.filter((c) => c.route === route),
    reset() {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type GitHubEmulator = Awaited<ReturnType<typeof createGitHubEmulator>>;
