import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabeledText } from '../../core/classifier/intent-model.js';
import type { StoredCorrection } from '../../core/ports/correction-store.js';
import { MIN_REPOSITORY_ISSUES, prepareIssueTypes } from './prepare-issue-types.js';
import type { IssueTypeSources } from './prepare-issue-types.js';
import type { TrainingIssue } from './read-training-issues.js';

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
/** acme/widgets' own convention: "[RFC]" titles are enhancements, "jams" are bugs, "[Q]" are questions. */
const widgets: TrainingIssue[] = parts.flatMap((p): TrainingIssue[] => [
  { repo: 'acme/widgets', title: `The ${p} jams`, body: `Every time the ${p} turns it jams.`, label: 'bug' },
  { repo: 'acme/widgets', title: `[RFC] ${p} alignment`, body: `Proposal for the ${p}.`, label: 'enhancement' },
  { repo: 'acme/widgets', title: `[Q] ${p} torque`, body: `What torque for the ${p}?`, label: 'question' },
]);
const corpus: LabeledText[] = [
  ...[
    'The app crashes on start',
    'Error 500 when saving',
    'Export throws an exception',
    'Login fails with an error',
  ].map((text) => ({ text, label: 'bug' })),
  ...['Please add dark mode', 'Add an export to CSV', 'Feature request: SSO', 'Support for webhooks would be nice'].map(
    (text) => ({ text, label: 'feature-request' }),
  ),
  ...[
    'How do I install it?',
    'How do I configure the token?',
    'Where do I set the port?',
    'How can I change my plan?',
  ].map((text) => ({ text, label: 'setup-help' })),
  { text: 'Thanks a lot!', label: 'greeting-thanks' },
];

let id = 0;
const correction = (issue: number, label: string, text: string): StoredCorrection => ({
  id: ++id,
  platform: 'github',
  eventId: `d${id}`,
  conversationKey: `github:acme/small:${issue}`,
  kind: 'type',
  action: 'added',
  label,
  category: null,
  priority: null,
  predictedCategory: null,
  text,
  actorId: 'alice',
  at: id,
});

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});
const sources = (over: Partial<IssueTypeSources> = {}): IssueTypeSources => ({
  corpus,
  trainingIssues: widgets,
  corrections: [],
  repos: ['Acme/Widgets', 'acme/small'],
  cacheDir: null,
  threshold: 0.5,
  ...over,
});

describe('prepareIssueTypes', () => {
  it('gives a served repository with enough labeled issues its own model, and the others the desk-wide one', () => {
    const types = prepareIssueTypes(sources());
    expect(types.models.map((m) => [m.repo, m.issues])).toEqual([
      ['acme/widgets', 36],
      ['*', 12 + 36],
    ]);
    expect(types.guess('ACME/widgets', '[RFC] bearing alignment', 'Proposal for the bearing.')).toMatchObject({
      label: 'enhancement',
      model: 'repository',
    });
    expect(types.guess('acme/widgets', '[Q] bearing torque', 'What torque?')).toMatchObject({
      label: 'question',
      model: 'repository',
    });
    expect(types.guess('acme/small', 'Please add support for SSO', '')).toMatchObject({
      label: 'enhancement',
      model: 'general',
    });
    const guess = types.guess('acme/small', 'How do I install it on Windows?', '');
    expect(guess).toMatchObject({ label: 'question', model: 'general' });
    expect(guess?.confident).toBe(guess!.confidence >= 0.5);
  });

  it("counts a maintainer's type corrections as the repository's labeled issues", () => {
    const small = Array.from({ length: MIN_REPOSITORY_ISSUES }, (_, i) =>
      correction(
        i + 1,
        i % 2 ? 'bug' : 'feature',
        i % 2 ? `Zorp ${i} breaks\n\nIt breaks.` : `Zorp ${i} could glow\n\nIdea.`,
      ),
    );
    const types = prepareIssueTypes(sources({ corrections: small }));
    expect(types.models.map((m) => [m.repo, m.issues])).toEqual([
      ['acme/small', MIN_REPOSITORY_ISSUES],
      ['acme/widgets', 36],
      ['*', 12 + 36 + MIN_REPOSITORY_ISSUES],
    ]);
    expect(types.guess('acme/small', 'Zorp 99 breaks', 'It breaks.')).toMatchObject({
      label: 'bug',
      model: 'repository',
    });
    expect(types.guess('acme/small', 'Zorp 98 could glow', 'Idea.')).toMatchObject({
      label: 'enhancement',
      model: 'repository',
    });
    // One correction short: the desk-wide model answers.
    expect(prepareIssueTypes(sources({ corrections: small.slice(1) })).models.map((m) => m.repo)).toEqual([
      'acme/widgets',
      '*',
    ]);
  });

  it('caches the models by content: the same data loads them, new data retrains', () => {
    dir = mkdtempSync(join(tmpdir(), 'issue-types-'));
    const first = prepareIssueTypes(sources({ cacheDir: dir }));
    expect(first.models.map((m) => m.source)).toEqual(['trained', 'trained']);
    const second = prepareIssueTypes(sources({ cacheDir: dir }));
    expect(second.models.map((m) => m.source)).toEqual(['cache', 'cache']);
    expect(second.guess('acme/widgets', 'The bearing jams', 'It jams.')).toEqual(
      first.guess('acme/widgets', 'The bearing jams', 'It jams.'),
    );
    const more = prepareIssueTypes(sources({ cacheDir: dir, trainingIssues: widgets.slice(1) }));
    expect(more.models.map((m) => m.source)).toEqual(['trained', 'trained']);
  });
});
