import { describe, expect, it } from 'vitest';
import { formatProblem } from './article-problem.js';
import { parseArticle } from './parse-article.js';

const file = (frontMatter: string) =>
  `---\nid: reset-password\ntitle: Reset your password\n${frontMatter}tags: [account]\nintents: [account-billing]\ntiers: []\nplatforms: []\nlanguage: en\nupdated: 2025-01-15\n---\n\n# Reset\n\nFollow the link we email you.\n`;
const parse = (frontMatter: string) => parseArticle('kb/reset.md', 'reset.md', file(frontMatter));

describe('parseArticle: alternative questions (front matter `questions`)', () => {
  it('reads them as a list of phrasings, trimmed', () => {
    const { article, problems } = parse('questions:\n  - I forgot my password\n  - "  Locked out of my account "\n');
    expect(problems).toEqual([]);
    expect(article?.questions).toEqual(['I forgot my password', 'Locked out of my account']);
  });

  it('is optional: without it, or with an empty list, the article has none', () => {
    expect(parse('').article).not.toHaveProperty('questions');
    expect(parse('questions: []\n').article).not.toHaveProperty('questions');
    expect(parse('').problems).toEqual([]);
  });

  it('reports a question that is not text, empty or longer than a title may be, on its line', () => {
    const long = 'x'.repeat(81);
    const { article, problems } = parse(`questions:\n  - fine\n  - ""\n  - ${long}\n`);
    expect(article).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([
      'kb/reset.md:6: empty question',
      'kb/reset.md:7: question is longer than 80 characters (81)',
    ]);
    expect(parse('questions: just one\n').problems.map(formatProblem)).toEqual([
      'kb/reset.md:4: questions must be a list',
    ]);
  });
});
