import { describe, expect, it } from 'vitest';
import type { StoredCorrection } from '../ports/correction-store.js';
import { correctionExamples } from './correction-examples.js';

let id = 0;
const c = (over: Partial<StoredCorrection>): StoredCorrection => ({
  id: ++id,
  platform: 'github',
  eventId: `d${id}`,
  conversationKey: 'github:acme/widgets:1',
  kind: 'type',
  action: 'added',
  label: 'enhancement',
  category: 'feature-request',
  priority: null,
  predictedCategory: 'bug',
  text: 'Please add dark mode',
  actorId: 'alice',
  at: id,
  ...over,
});

describe('correctionExamples', () => {
  it('uses the latest type label still on each issue and ignores priority corrections', () => {
    const examples = correctionExamples([
      c({ label: 'bug', category: 'bug' }),
      c({ label: 'bug', category: 'bug', action: 'removed' }),
      c({ label: 'enhancement', category: 'feature-request' }),
      c({ kind: 'priority', label: 'P0-critical', category: null, priority: 'critical' }),
      c({
        conversationKey: 'github:acme/widgets:2',
        label: 'question',
        category: 'setup-help',
        text: 'How do I install it?',
      }),
      c({
        conversationKey: 'github:acme/widgets:3',
        label: 'documentation',
        category: 'documentation',
        action: 'added',
      }),
      c({
        conversationKey: 'github:acme/widgets:3',
        label: 'documentation',
        category: 'documentation',
        action: 'removed',
      }),
    ]);
    expect(examples).toEqual([
      { text: 'Please add dark mode', label: 'feature-request' },
      { text: 'How do I install it?', label: 'setup-help' },
    ]);
  });
});
