import { describe, expect, it } from 'vitest';
import type { SearchGapRow } from '../ports/analytics-store.js';
import { isNonsenseWord, looksLikeGibberish } from './gibberish.js';
import { isArticleCandidate, knowledgeGaps } from './knowledge-gaps.js';

const row = (query: string, intent: string | null = null, count = 1): SearchGapRow => ({
  query,
  count,
  reason: 'no-result',
  articleId: null,
  lastAt: 0,
  intent,
});

describe('looksLikeGibberish', () => {
  it('catches keyboard runs, repeated fragments and text with hardly a letter', () => {
    for (const text of [
      'asdf qwer',
      'Asdf qwer',
      'asdf',
      'qwerty',
      'hjkl',
      'sdfsdf',
      'aaaaaaa',
      'asdasd',
      '??',
      '123 456',
      '!!!',
      'ok',
    ])
      expect(looksLikeGibberish(text), text).toBe(true);
  });

  it('keeps questions, short product words and a question with a slip of the keyboard in it', () => {
    for (const text of [
      'how do I configure okta sso',
      'npm ssh html',
      'rewrite the webhook',
      'were the tree types removed',
      'asdf export fails',
      'strengths',
      'SLA',
      'helm chart kubernetes install',
      'Jira',
    ]) {
      expect(looksLikeGibberish(text), text).toBe(false);
    }
  });

  it('judges single words', () => {
    expect(isNonsenseWord('zxcv')).toBe(true);
    expect(isNonsenseWord('lkjh')).toBe(true); // a run typed backwards
    expect(isNonsenseWord('were')).toBe(false); // three neighbouring keys is still a word
    expect(isNonsenseWord('papa')).toBe(true); // a repeated fragment (a false positive no support question hangs on)
  });
});

describe('knowledge gaps leave out what no article answers', () => {
  it('drops outage, security and data-loss reports, bug reports and gibberish; keeps questions and unclassified searches', () => {
    expect(isArticleCandidate(row('production api is down, every request returns 502', 'service-down'))).toBe(false);
    expect(isArticleCandidate(row('we think an api key leaked', 'security-issue'))).toBe(false);
    expect(isArticleCandidate(row('half of our records disappeared', 'data-loss'))).toBe(false);
    expect(isArticleCandidate(row('the csv export crashes with a typeerror', 'bug'))).toBe(false);
    expect(isArticleCandidate(row('asdf qwer', 'greeting-thanks'))).toBe(false);
    expect(isArticleCandidate(row('how do i configure okta sso', 'setup-help'))).toBe(true);
    expect(isArticleCandidate(row('okta sso configuration'))).toBe(true); // a /kb search: no intent recorded
  });

  it('suggests only articles to write', () => {
    const gaps = knowledgeGaps([
      row('production api is down, every request returns 502', 'service-down', 9),
      row('our eu workspace has been down for 20 minutes', 'service-down', 6),
      row('asdf qwer', 'greeting-thanks', 4),
      row('how do i configure okta sso', 'setup-help', 3),
      row('configure okta sso for our team', 'setup-help', 2),
      row('can i import my old zendesk tickets?', 'general-question', 2),
    ]);
    expect(gaps.map((g) => g.suggestedTitle)).toEqual([
      'How to configure okta sso',
      'How to import my old zendesk tickets',
    ]);
    expect(gaps[0]).toMatchObject({ searches: 5, noResult: 5 });
  });
});
