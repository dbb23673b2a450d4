import { describe, expect, it } from 'vitest';
import { analyzeText } from '../core/engine/analyze-text.js';
import { createKeywordIntentModel } from '../test/fakes/keyword-intent-model.js';
import type { Platform } from '../core/model/types.js';
import { formatArticleReport } from './check-articles.js';
import { loadArticles } from './load-articles.js';
import { createMiniSearchKnowledgeBase } from './minisearch-knowledge-base.js';

const dir = new URL('./articles/', import.meta.url).pathname;

describe('the shipped knowledge base (knowledge/articles)', () => {
  const { articles, problems } = loadArticles(dir);

  it('passes the checker', () => {
    expect(formatArticleReport(problems)).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(28);
  });

  it('keeps each article between 150 and 500 words', () => {
    const outside = articles
      .map((a) => ({ id: a.id, words: a.body.split(/\s+/u).filter((w) => /\w/u.test(w)).length }))
      .filter((a) => a.words < 150 || a.words > 500);
    expect(outside).toEqual([]);
  });

  it('answers questions about the product itself', () => {
    const kb = createMiniSearchKnowledgeBase(articles);
    const top = (q: string, f = {}) => kb.search(q, f, 3).map((h) => h.article.id);
    expect(top('how do I install it')).toContain('installing');
    expect(top('bot does not answer in slack', { platform: 'slack' })[0]).toBe('troubleshooting-slack');
    expect(top('github webhook 400 bad signature')[0]).toBe('troubleshooting-github');
    expect(top('what are the SLA targets')).toContain('tiers-and-sla');
    expect(top('message content intent', { platform: 'discord' })).toContain('troubleshooting-discord');
  });

  it('suggests the article that fits, and only it, for questions that got the wrong one or none (issue 21.8)', () => {
    const kb = createMiniSearchKnowledgeBase(articles);
    // What the shipped classifier reads in them: setup-help at 99%, and documentation at 46% (unsure).
    const model = createKeywordIntentModel([
      [/rotate/, 'setup-help', 0.99],
      [/discord/, 'documentation', 0.46],
    ]);
    const settings = { threshold: 0.8, criticalThreshold: 0.5, minCoverage: 0.5, strongCoverage: 0.8 };
    const suggested = (text: string, platform: Platform) =>
      analyzeText({ text, search: { tier: 'community', platform, language: 'en' } }, model, kb, settings).hits.map(
        (h) => h.article.id,
      );
    expect(suggested('how do I rotate the token', 'shell')).toEqual(['environment-variables']); // was: the shell article
    expect(suggested("the bot doesn't reply in my discord channel", 'shell')).toEqual(['troubleshooting-discord']); // was: nothing
    expect(suggested("the bot doesn't reply in my discord channel", 'discord')).toEqual([
      'troubleshooting-discord',
      'using-the-bot-in-discord',
    ]);
  });
});
