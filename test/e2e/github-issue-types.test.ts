import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIssueTypes } from '../../runtime/platforms/github.js';
import { issueOpened } from '../emulators/github/github-payloads.js';
import { GITHUB_TEST_CONFIG, startGitHubDesk } from '../emulators/github/start-github-desk.js';
import type { GitHubDesk } from '../emulators/github/start-github-desk.js';

const parts = [
  'frobulator',
  'sprocket',
  'gizmo',
  'flange',
  'widget',
  'spindle',
  'gear',
  'valve',
  'rotor',
  'lever',
  'ratchet',
  'piston',
];
const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** acme/widgets' history in the export format: "[RFC]" titles are enhancements, "jams" bugs, "[Q]" questions. */
const HISTORY = [
  'repo,created_at,label,title,body',
  ...parts.flatMap((p) =>
    [
      ['acme/widgets', '2025-01-01', 'bug', `The ${p} jams`, `Every time the ${p} turns it jams.\nSecond line.`],
      ['acme/widgets', '2025-01-02', 'feature', `[RFC] ${p} alignment`, `Proposal for the ${p}.`],
      ['acme/widgets', '2025-01-03', 'question', `[Q] ${p} torque`, `What torque for the ${p}?`],
    ].map((row) => row.map(csvField).join(',')),
  ),
].join('\n');

let gh: GitHubDesk;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'issue-history-'));
  const trainingIssues = join(dir, 'issues.csv');
  writeFileSync(trainingIssues, HISTORY);
  gh = await startGitHubDesk({
    config: { ...GITHUB_TEST_CONFIG, github: { repos: ['acme/widgets', 'Codertocat/Hello-World'], trainingIssues } },
  });
});
afterAll(async () => {
  await gh?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('GitHub issue types learned from the repository (github.trainingIssues)', () => {
  it("labels a new issue with the type its repository's model gives, and the priority of that type", async () => {
    await gh.deliver(
      'issues',
      issueOpened({ number: 31, title: '[RFC] bearing alignment', body: 'Proposal for the bearing.' }),
    );
    expect(gh.github.issueLabelsOf('acme/widgets', 31)).toEqual(['enhancement', 'P2-medium', 'needs-triage']);
    await gh.deliver(
      'issues',
      issueOpened({ number: 32, title: 'The bearing jams', body: 'Every time the bearing turns it jams.' }),
    );
    expect(gh.github.issueLabelsOf('acme/widgets', 32)).toEqual(['bug', 'P1-high', 'needs-triage']);
  });

  it('caches the models beside the support model, so a restart trains nothing', async () => {
    expect(readdirSync(join(gh.server.dir, 'issue-types')).sort()).toEqual(['acme__widgets.json', 'desk-wide.json']);
    // What the next start does with the same data and database.
    const again = await loadIssueTypes(gh.server.desk, { MODEL_CACHE_PATH: join(gh.server.dir, 'model.json') });
    expect(again.models.map((m) => [m.repo, m.source])).toEqual([
      ['acme/widgets', 'cache'],
      ['*', 'cache'],
    ]);
  });
});
