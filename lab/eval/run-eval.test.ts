import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { issueSplits, type Issue } from './issues-eval.js';
import { runEval } from './run-eval.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../test/fixtures/eval-mini/${name}`, import.meta.url));

describe('eval intents (end to end on test/fixtures/eval-mini)', () => {
  it('prints accuracy, F1, out-of-scope figures, timings and the Bayes reference with ratios', async () => {
    const result = await runEval([
      'intents',
      '--train',
      fixture('intents-train.csv'),
      '--val',
      fixture('intents-val.csv'),
      '--test',
      fixture('intents-test.csv'),
      '--label',
      'intent',
      '--oos-label',
      'oos',
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result); // pure JSON
    expect(result).toMatchObject({
      task: 'intents',
      train: { examples: 36, labels: 3 },
      test: { rows: 11 },
      tuning: { rows: 8 },
    });
    const ours = result.ours as Record<string, unknown>;
    for (const key of ['accuracy', 'macroF1', 'inScopeAccuracy', 'outOfScopeRecall', 'abstainRate', 'threshold']) {
      expect(ours[key], key).toBeGreaterThanOrEqual(0);
      expect(ours[key], key).toBeLessThanOrEqual(1.000001);
    }
    expect(ours.inScopeAccuracy).toBeGreaterThanOrEqual(0.5);
    expect(ours.thresholdTunedOn).toBe('val');
    expect(Object.keys(ours.perLabelF1 as object).sort()).toEqual(['billing', 'oos', 'outage', 'password']);
    expect(ours.trainMs).toBeGreaterThanOrEqual(0);
    expect(ours.modelBytes).toBeGreaterThan(1000);
    const latency = ours.latencyUs as { p50: number; p99: number };
    expect(latency.p99).toBeGreaterThanOrEqual(latency.p50);
    expect(result.reference).toMatchObject({ name: 'natural.BayesClassifier' });
    expect((result.ratios as Record<string, unknown>).accuracy).toBeGreaterThan(0);
  });

  it('without out-of-scope rows, reports plain accuracy and the abstain rate at the default threshold', async () => {
    const result = await runEval([
      'intents',
      '--train',
      fixture('intents-train.csv'),
      '--test',
      fixture('intents-test.csv'),
      '--label',
      'intent',
    ]);
    const ours = result.ours as Record<string, unknown>;
    expect(ours.threshold).toBe(0.8);
    expect(ours.thresholdTunedOn).toBe('default');
    expect(ours).not.toHaveProperty('outOfScopeRecall');
  });

  it('names a missing column', async () => {
    await expect(
      runEval([
        'intents',
        '--train',
        fixture('intents-train.csv'),
        '--test',
        fixture('intents-test.csv'),
        '--text',
        'nope',
      ]),
    ).rejects.toThrow(/no column "nope"/);
  });
});

describe('eval issues (end to end)', () => {
  it('cross-validates one classifier per repository and averages macro-F1', async () => {
    const result = await runEval(['issues', '--train', fixture('issues.csv'), '--folds', '3', '--by', 'repo']);
    expect(result).toMatchObject({ task: 'issues', by: 'repo', rows: { train: 30 } });
    const ours = result.ours as { meanMacroF1: number; perGroup: Record<string, { macroF1: number }> };
    expect(Object.keys(ours.perGroup)).toEqual(['acme/gadget', 'acme/widget']);
    expect(ours.meanMacroF1).toBeGreaterThanOrEqual(0);
    expect(ours.meanMacroF1).toBeLessThanOrEqual(1);
    expect(result.reference).toHaveProperty('meanMacroF1');
    // The repository's own model alone, beside ours (pooled with the desk-wide model).
    expect(Object.keys((result.oursRepositoryOnly as typeof ours).perGroup)).toEqual(['acme/gadget', 'acme/widget']);
    // The creation-date leak probe runs beside them, since the file has created_at.
    const probe = result.creationDateOnly as typeof ours & { probe: string };
    expect(probe.probe).toMatch(/leak check, not a model/);
    expect(Object.keys(probe.perGroup)).toEqual(['acme/gadget', 'acme/widget']);
    expect(probe.meanMacroF1).toBeGreaterThanOrEqual(0);
  });

  it('skips the creation-date probe, saying why, when a file has no dates or a bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-issues-'));
    const rows = readFileSync(fixture('issues.csv'), 'utf8');
    const undated = join(dir, 'undated.csv');
    // Drop the created_at column: it is the second, and every one of its values is a plain date.
    writeFileSync(
      undated,
      rows.replace('repo,created_at,', 'repo,').replace(/^(acme\/\w+),\d{4}-\d{2}-\d{2},/gm, '$1,'),
    );
    const noColumn = await runEval(['issues', '--train', undated, '--folds', '3']);
    expect(noColumn.creationDateOnly).toEqual({ skipped: `${undated}: no created_at column` });
    expect(noColumn.ours).toHaveProperty('meanMacroF1');
    const badDate = join(dir, 'bad-date.csv');
    writeFileSync(badDate, rows.replace('2024-01-02', 'yesterday'));
    const bad = await runEval(['issues', '--train', badDate, '--folds', '3']);
    expect(bad.creationDateOnly).toEqual({
      skipped: `${badDate}: data row 2: created_at "yesterday" is not a date`,
    });
  });

  it("never trains a repository's split on its test issues; the desk-wide set adds the other repositories", () => {
    const issue = (group: string, n: number, label: string): Issue => ({
      group,
      title: `${group} ${n}`,
      body: '',
      label,
    });
    const rows = ['a', 'b'].flatMap((g) =>
      Array.from({ length: 9 }, (_, n) => issue(g, n, ['bug', 'feature', 'question'][n % 3] as string)),
    );
    const splits = issueSplits(rows, undefined, 3, 1);
    expect(splits).toHaveLength(6);
    for (const split of splits) {
      expect(split.test).toHaveLength(3);
      expect(split.test.every((i) => i.group === split.group)).toBe(true);
      for (const i of split.test) {
        expect(split.train).not.toContain(i);
        expect(split.deskWide).not.toContain(i);
      }
      expect(split.train).toHaveLength(6);
      expect(split.deskWide).toEqual([...split.train, ...rows.filter((i) => i.group !== split.group)]);
    }
    // With a test file, the desk-wide set is the whole train file.
    const withTest = issueSplits(rows, [issue('a', 99, 'bug')], 3, 1);
    expect(withTest.map((s) => [s.group, s.test.length, s.deskWide.length])).toEqual([
      ['a', 1, 18],
      ['b', 0, 18],
    ]);
  });
});

describe('eval command line', () => {
  it('rejects an unknown command with the usage', async () => {
    await expect(runEval(['nope'])).rejects.toThrow(/unknown command "nope"[\s\S]*usage/);
  });
});
