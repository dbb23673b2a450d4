/**
 * npm run github:issues -- --repo owner/name [--repo ...] [--out data/github-issues.csv] [--map "kind/bug=bug" ...]
 *
 * Exports a repository's labeled issues (open and closed, no pull requests) as the CSV that `github.trainingIssues`
 * reads (`repo,created_at,label,title,body`), so the issue-type model of that repository learns its maintainers'
 * labelling. A label counts when it is a type label or an alias (`bug`, `enhancement`/`feature`, `question`,
 * `documentation`/`docs`) or is mapped with --map; issues with two different types are left out as ambiguous.
 * Credentials as for `npm start` (GITHUB_TOKEN, or the GitHub App), against GITHUB_API_URL.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeTypeLabel } from '../bots/github/triage-labels.js';
import type { TypeLabel } from '../bots/github/triage-labels.js';
import { GITHUB_REPO_NAME } from '../core/config/support-config.js';
import { readEnv } from '../runtime/env.js';
import { csvRow } from '../data/csv/format-csv.js';
import { createLogger } from '../runtime/logger.js';
import { createClients } from '../runtime/platforms/github.js';
import { runCli } from '../runtime/run-cli.js';

const USAGE =
  'usage: npm run github:issues -- --repo owner/name [--repo owner/name ...] [--out data/github-issues.csv] [--map "label name=bug|enhancement|question|documentation" ...]';

function parseMaps(values: readonly string[]): Map<string, TypeLabel> {
  const maps = new Map<string, TypeLabel>();
  for (const v of values) {
    const at = v.lastIndexOf('=');
    const type = at > 0 ? normalizeTypeLabel(v.slice(at + 1)) : null;
    if (!type)
      throw new Error(
        `--map "${v}": expected "label name=type" with a type among bug, enhancement, question, documentation`,
      );
    maps.set(v.slice(0, at).trim().toLowerCase(), type);
  }
  return maps;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        repo: { type: 'string', multiple: true },
        out: { type: 'string' },
        map: { type: 'string', multiple: true },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const repos = values.repo ?? [];
  if (!repos.length || repos.some((r) => !GITHUB_REPO_NAME.test(r))) {
    console.error(USAGE);
    return 2;
  }
  const maps = parseMaps(values.map ?? []);
  const typeOf = (label: string): TypeLabel | null => maps.get(label.trim().toLowerCase()) ?? normalizeTypeLabel(label);
  const out = values.out ?? 'data/github-issues.csv';
  const env = readEnv();
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const auth = await createClients(env, log);
  if (!auth) {
    console.error('GitHub needs GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_PRIVATE_KEY');
    return 1;
  }
  const lines = [csvRow(['repo', 'created_at', 'label', 'title', 'body'])];
  for (const repo of repos) {
    const [owner = '', name = ''] = repo.split('/');
    const api = await auth.clients.forRepo(repo);
    const typeLabels = (await api.listLabels(owner, name)).filter((l) => typeOf(l) !== null);
    const byNumber = new Map<number, { title: string; body: string; createdAt: string; types: Set<TypeLabel> }>();
    for (const label of typeLabels) {
      for (const issue of await api.listIssuesWithLabel(owner, name, label)) {
        const types = new Set(issue.labels.map(typeOf).filter((t): t is TypeLabel => t !== null));
        byNumber.set(issue.number, { title: issue.title, body: issue.body, createdAt: issue.createdAt, types });
      }
    }
    const counts = new Map<string, number>();
    let ambiguous = 0;
    for (const [, issue] of [...byNumber].sort((a, b) => a[0] - b[0])) {
      const [type, ...more] = [...issue.types];
      if (!type || more.length) {
        ambiguous++;
        continue;
      }
      counts.set(type, (counts.get(type) ?? 0) + 1);
      lines.push(csvRow([repo, issue.createdAt, type, issue.title, issue.body]));
    }
    const summary = [...counts].map(([t, n]) => `${n} ${t}`).join(', ') || 'none';
    console.log(
      `${repo}: type labels ${typeLabels.length ? typeLabels.join(', ') : '(none found: use --map)'}; issues: ${summary}; ${ambiguous} with two types left out`,
    );
  }
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, `${lines.join('\n')}\n`);
  renameSync(tmp, out);
  console.log(
    `wrote ${lines.length - 1} issues to ${out}; set github.trainingIssues: ${out} in the configuration and run npm run train`,
  );
  return 0;
}

runCli(main);
