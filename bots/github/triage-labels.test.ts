import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../core/index.js';
import {
  TRIAGE_LABELS,
  TYPE_LABEL,
  categoryForTypeLabel,
  normalizeTypeLabel,
  priorityOfLabel,
  triageLabels,
  typeLabelOf,
} from './triage-labels.js';
import type { IssueTypeGuess } from './triage-labels.js';

describe('triage labels', () => {
  it('gives a type, the priority and needs-triage for a confident classification', () => {
    expect(triageLabels({ category: 'feature-request', confident: true }, null)).toEqual([
      'enhancement',
      'P2-medium',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'bug', confident: true }, 'high')).toEqual(['bug', 'P1-high', 'needs-triage']);
    expect(triageLabels({ category: 'documentation', confident: true }, null)).toEqual([
      'documentation',
      'P2-medium',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'setup-help', confident: true }, null)).toEqual([
      'question',
      'P3-low',
      'needs-triage',
    ]);
  });

  it('uses the ticket priority over the base priority, and gives no type label when unsure unless critical', () => {
    expect(triageLabels({ category: 'setup-help', confident: true }, 'high')).toEqual([
      'question',
      'P1-high',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'general-question', confident: false }, null)).toEqual(['P3-low', 'needs-triage']);
    expect(triageLabels({ category: 'service-down', confident: false }, null)).toEqual([
      'bug',
      'P0-critical',
      'needs-triage',
    ]);
  });

  it('maps every category to a type label that exists in the catalogue, and labels back to categories', () => {
    const names = TRIAGE_LABELS.map((l) => l.name);
    for (const c of CATEGORIES) expect(names).toContain(TYPE_LABEL[c]);
    expect(TRIAGE_LABELS.every((l) => /^[0-9a-f]{6}$/.test(l.color) && l.description.length > 0)).toBe(true);
    expect(typeLabelOf('Enhancement')).toBe('enhancement');
    expect(typeLabelOf('good first issue')).toBeNull();
    expect(priorityOfLabel('p0-critical')).toBe('critical');
    expect(categoryForTypeLabel('question', 'setup-help')).toBe('setup-help');
    expect(categoryForTypeLabel('question', 'bug')).toBe('general-question');
    expect(categoryForTypeLabel('bug', 'performance-issue')).toBe('performance-issue');
    expect(categoryForTypeLabel('enhancement', null)).toBe('feature-request');
  });

  it('takes the type from the issue-type model when it is sure, none when it is not, and bug for critical issues', () => {
    const guess = (label: IssueTypeGuess['label'], confident: boolean): IssueTypeGuess => ({
      label,
      confidence: confident ? 0.9 : 0.5,
      confident,
      model: 'repository',
    });
    // The support classifier says setup-help (question), the repository's model says bug: the model wins, and the
    // priority is a bug's, not a setup question's.
    expect(triageLabels({ category: 'setup-help', confident: true }, null, guess('bug', true))).toEqual([
      'bug',
      'P1-high',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'performance-issue', confident: true }, null, guess('bug', true))).toEqual([
      'bug',
      'P1-high',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'bug', confident: true }, 'low', guess('enhancement', true))).toEqual([
      'enhancement',
      'P3-low',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'feature-request', confident: true }, null, guess('enhancement', false))).toEqual([
      'P2-medium',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'security-issue', confident: false }, null, guess('question', true))).toEqual([
      'bug',
      'P0-critical',
      'needs-triage',
    ]);
    expect(triageLabels({ category: 'bug', confident: true }, null, null)).toEqual(['bug', 'P1-high', 'needs-triage']);
  });

  it('reads type labels and their aliases case-insensitively', () => {
    expect(normalizeTypeLabel('Feature')).toBe('enhancement');
    expect(normalizeTypeLabel(' docs ')).toBe('documentation');
    expect(normalizeTypeLabel('BUG')).toBe('bug');
    expect(normalizeTypeLabel('wontfix')).toBeNull();
  });
});
