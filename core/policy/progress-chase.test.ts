import { describe, expect, it } from 'vitest';
import { isProgressChase } from './progress-chase.js';

describe('isProgressChase', () => {
  it('recognises a status chase about the problem already reported', () => {
    for (const text of [
      'Any update on this? It still fails.',
      'still failing for us, any ETA?',
      'Hello? This is still failing for us.',
      'Is there any news?',
      'ping, any progress here?',
      'It still does not work',
      'When will this be fixed?',
      'Still waiting on a reply',
      'It is happening again since this morning',
      'broken again after your deploy',
    ]) {
      expect([text, isProgressChase(text)]).toEqual([text, true]);
    }
  });

  it('lets a follow-up that names an incident raise the ticket', () => {
    for (const text of [
      'Now our production API is down',
      'appreciate the update, however the EU endpoint remains unreachable from all of our pods.',
      'any update? the API is still down',
      'Still getting 503 on every request',
      'We found that your export leaked other customers’ emails',
      'the sync deleted all our records',
      'It crashes on save',
    ]) {
      expect([text, isProgressChase(text)]).toEqual([text, false]);
    }
  });
});
