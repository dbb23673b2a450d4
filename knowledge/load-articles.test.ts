import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArticles } from './load-articles.js';

const dir = mkdtempSync(join(tmpdir(), 'kb-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'install.md'),
  '---\nid: install\ntitle: Install\ntags: [setup]\nintents: [setup-help]\ntiers: []\nplatforms: [discord]\nlanguage: en\nupdated: 2025-03-04\n---\n\n# Install\n\nRun npm ci.\n',
);

describe('loadArticles', () => {
  it('builds articles with epoch-ms dates, paths and urls from baseUrl', () => {
    const { articles, problems } = loadArticles(dir, { baseUrl: 'https://docs.example.com/kb/' });
    expect(problems).toEqual([]);
    expect(articles).toEqual([
      {
        id: 'install',
        title: 'Install',
        body: '# Install\n\nRun npm ci.',
        tags: ['setup'],
        intents: ['setup-help'],
        tiers: [],
        platforms: ['discord'],
        language: 'en',
        updated: Date.UTC(2025, 2, 4),
        path: 'install.md',
        url: 'https://docs.example.com/kb/install.md',
      },
    ]);
  });

  it('leaves url undefined without a baseUrl', () => {
    expect(loadArticles(dir).articles[0]?.url).toBeUndefined();
  });

  it('reports a missing folder', () => {
    expect(loadArticles(join(dir, 'nope')).problems).toEqual([
      { file: join(dir, 'nope'), line: 1, message: 'articles folder not found' },
    ]);
  });
});
