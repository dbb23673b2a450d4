import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openDatabase } from '../../data/open-database.js';
import { openPostgres } from '../../data/open-postgres.js';
import { readTrainingIssues } from '../../runtime/platforms/read-training-issues.js';
import { createGitHubEmulator } from '../emulators/github/create-github-emulator.js';
import type { GitHubEmulator } from '../emulators/github/create-github-emulator.js';
import { issueLabelChange, issueOpened } from '../emulators/github/github-payloads.js';
import { DESK_LOGIN, GITHUB_TEST_CONFIG, PAT } from '../emulators/github/start-github-desk.js';
import { createTestSchema, type TestSchema } from '../support/postgres/test-postgres.js';
import { queryDesk } from '../support/query-desk.js';
import { TEST_STORE } from '../support/start-test-server.js';

/** A test whose commands never open the desk's database: it runs in the sqlite project only. */
const itWithoutStore = it.skipIf(TEST_STORE === 'postgres');

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

/** A small corpus so the real classifier trains in a moment (the shipped one is data/training/intents.yaml). */
const CORPUS = {
  'setup-help': [
    'how do I install the desk',
    'install with npm fails',
    'how to set up the token',
    'configure the webhook secret',
    'where do I put the config file',
    'setup steps for node 20',
  ],
  bug: [
    'the app crashes on start',
    'error when saving a ticket',
    'exception in the dashboard',
    'it throws an error after upgrade',
    'crash when I open settings',
    'bug in the export',
  ],
  'feature-request': [
    'please add dark mode',
    'feature request: export to csv',
    'support for gitlab would be nice',
    'could you add a filter',
    'add an api for tickets',
    'new feature: slack threads',
  ],
  'general-question': [
    'what does the desk do',
    'who maintains this project',
    'is there a roadmap',
    'what licence is it under',
    'where can I ask questions',
    'how does pricing work',
  ],
};

describe('npm run receive and npm run train', () => {
  let dir: string;
  let github: GitHubEmulator;
  let env: NodeJS.ProcessEnv;
  /** The commands' PostgreSQL schema when the tests run on PostgreSQL (TEST_STORE=postgres); else DATABASE_PATH. */
  let schema: TestSchema | null = null;
  /** Rows of a query on the database the commands wrote. */
  const rows = async (sql: string): Promise<Record<string, unknown>[]> => {
    if (schema) {
      const postgres = await openPostgres(schema.url, { migrate: false, max: 1 });
      try {
        return await queryDesk({ sqlite: null, postgres }, sql);
      } finally {
        await postgres.close();
      }
    }
    const sqlite = openDatabase(env.DATABASE_PATH as string);
    try {
      return await queryDesk({ sqlite, postgres: null }, sql);
    } finally {
      sqlite.close();
    }
  };
  const cli = (script: string, ...args: string[]) =>
    run(TSX, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env, timeout: 120_000 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gh-cli-'));
    github = await createGitHubEmulator({ tokens: [PAT], tokenLogin: DESK_LOGIN });
    writeFileSync(join(dir, 'support.config.yaml'), stringify(GITHUB_TEST_CONFIG));
    writeFileSync(join(dir, 'intents.yaml'), stringify(CORPUS));
    if (TEST_STORE === 'postgres') schema = await createTestSchema();
    env = {
      PATH: process.env.PATH,
      SUPPORT_CONFIG: join(dir, 'support.config.yaml'),
      DATABASE_PATH: join(dir, 'support.sqlite'),
      ...(schema ? { DATABASE_URL: schema.url } : {}),
      MODEL_CACHE_PATH: join(dir, 'cache', 'model.json'),
      LOG_LEVEL: 'silent',
      GITHUB_TOKEN: PAT,
      GITHUB_API_URL: github.url,
    };
  });
  afterAll(async () => {
    await github?.close();
    await schema?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('replays a saved issues.opened payload through the adapter into the configured database and writes the labels', async () => {
    const file = join(dir, 'opened.json');
    writeFileSync(file, JSON.stringify(issueOpened({ number: 21, title: 'The app crashes on start with an error' })));
    const { stdout } = await cli(
      'receive.ts',
      file,
      '--event',
      'issues',
      '--id',
      'replay-1',
      '--corpus',
      join(dir, 'intents.yaml'),
    );
    expect(stdout).toMatch(/delivery replay-1 \(issues\.opened\)/);
    expect(stdout).toMatch(/sent: [1-9]\d* written/);
    expect(github.issueLabelsOf('acme/widgets', 21)).toContain('needs-triage');
    expect(existsSync(env.DATABASE_PATH as string)).toBe(TEST_STORE === 'sqlite'); // it wrote to the store under test
    expect(
      await rows("SELECT COUNT(*) AS n FROM inbound_events WHERE platform = 'github' AND event_id = 'replay-1'"),
    ).toEqual([{ n: 1 }]);

    const calls = github.calls.length;
    const again = await cli(
      'receive.ts',
      file,
      '--event',
      'issues',
      '--id',
      'replay-1',
      '--corpus',
      join(dir, 'intents.yaml'),
    );
    expect(again.stdout).toMatch(/sent: 0 written/);
    expect(github.calls.slice(calls).map((c) => c.route)).toEqual(['GET /user']); // the token's login at start; no lookup, no write
  });

  itWithoutStore('refuses a call without --event, with the usage line', async () => {
    await expect(cli('receive.ts', join(dir, 'opened.json'))).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/usage: npm run receive/),
    });
  });

  it("counts a maintainer's label correction (replayed issues.labeled) in npm run train and trains with it", async () => {
    const file = join(dir, 'labeled.json');
    writeFileSync(
      file,
      JSON.stringify(
        issueLabelChange('labeled', {
          number: 21,
          sender: 'alice',
          label: 'enhancement',
          title: 'Please add a dark theme',
        }),
      ),
    );
    const received = await cli('receive.ts', file, '--event', 'issues', '--corpus', join(dir, 'intents.yaml'));
    expect(received.stdout).toMatch(/correction added enhancement/);

    const { stdout } = await cli('train.ts', '--corpus', join(dir, 'intents.yaml'));
    expect(stdout).toContain(`corpus: 24 examples from ${join(dir, 'intents.yaml')}`);
    expect(stdout).toContain('corrections: 1 stored (1 type, 0 priority); 1 used as training examples');
    expect(stdout).toMatch(/model: 25 examples, 4 intents; trained in/);
    expect(stdout).toContain(`model cache: ${env.MODEL_CACHE_PATH}`);
    expect(existsSync(env.MODEL_CACHE_PATH as string)).toBe(true);
    // The issue-type model learns from the same correction: the corpus as issue titles (24) plus the relabelled issue.
    expect(stdout).toMatch(/issue-type model \(desk-wide\): 25 labeled issues; (trained in|unchanged)/);
  });

  itWithoutStore(
    'exports labeled issues with npm run github:issues (paginated, aliases and --map, no pull requests) as github.trainingIssues reads them',
    async () => {
      github.seedLabels(
        'acme/export',
        ['bug', 'feature', 'kind/question', 'good first issue'].map((name) => ({
          name,
          color: 'ededed',
          description: null,
        })),
      );
      github.seedIssues('acme/export', [
        ...Array.from({ length: 120 }, (_, i) => ({
          number: i + 1,
          title: `Crash number ${i + 1}`,
          body: i === 0 ? 'Line 1\nLine "2", with a comma' : null,
          labels: ['bug'],
          state: 'closed' as const,
        })),
        { number: 201, title: 'Add dark mode', body: 'Please.', labels: ['feature', 'good first issue'] },
        { number: 202, title: 'How do I log in?', body: '', labels: ['kind/question'] },
        { number: 203, title: 'Fix the crash', body: 'A pull request.', labels: ['bug'], pullRequest: true },
        { number: 204, title: 'Crash or feature?', body: '', labels: ['bug', 'feature'] },
        { number: 205, title: 'Unlabeled', body: '', labels: [] },
      ]);
      const out = join(dir, 'export', 'issues.csv');
      const { stdout } = await cli(
        'github-issues.ts',
        '--repo',
        'acme/export',
        '--out',
        out,
        '--map',
        'kind/question=question',
      );
      expect(stdout).toContain(
        'acme/export: type labels bug, feature, kind/question; issues: 120 bug, 1 enhancement, 1 question; 1 with two types left out',
      );
      expect(stdout).toContain(`wrote 122 issues to ${out}`);
      const issues = readTrainingIssues(out);
      expect(issues).toHaveLength(122);
      expect(issues[0]).toEqual({
        repo: 'acme/export',
        label: 'bug',
        title: 'Crash number 1',
        body: 'Line 1\nLine "2", with a comma',
      });
      expect(issues[1]).toEqual({ repo: 'acme/export', label: 'bug', title: 'Crash number 2', body: '' });
      expect(issues.slice(-2).map((i) => [i.label, i.title])).toEqual([
        ['enhancement', 'Add dark mode'],
        ['question', 'How do I log in?'],
      ]);
      // The bug label's 121 issues and pull request took two pages.
      expect(github.calls.filter((c) => c.route === 'GET /repos/:owner/:repo/issues').length).toBe(4);
    },
  );

  itWithoutStore('refuses github:issues without --repo, or with a --map it cannot read', async () => {
    await expect(cli('github-issues.ts')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/usage: npm run github:issues/),
    });
    await expect(cli('github-issues.ts', '--repo', 'acme/export', '--map', 'kind/bug=wontfix')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--map "kind\/bug=wontfix"/),
    });
  });
});
