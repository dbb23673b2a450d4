import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkArticles, formatArticleReport } from './check-articles.js';
import { loadArticles } from './load-articles.js';

const article = (fm: Record<string, string>, body = '# Heading\n\nSome text.\n') => {
  const base: Record<string, string> = {
    id: 'x',
    title: 'A title',
    tags: '[setup]',
    intents: '[setup-help]',
    tiers: '[]',
    platforms: '[]',
    language: 'en',
    updated: '2025-01-15',
  };
  const lines = Object.entries({ ...base, ...fm })
    .filter(([, v]) => v !== '<omit>')
    .map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kb-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const report = () => formatArticleReport(loadArticles(dir).problems);

describe('checkArticles via loadArticles', () => {
  it('accepts a valid set', () => {
    write('a.md', article({ id: 'a' }, '# A\n\nSee [b](./b.md#setting-up).\n'));
    write('b.md', article({ id: 'b' }, '# B\n\n## Setting up\n\ntext\n'));
    expect(report()).toEqual([]);
  });

  it('reports a link to an article by its web address (it breaks when the articles move), not other web links', () => {
    write(
      'a.md',
      article(
        { id: 'a' },
        '# A\n\nSee [b](https://github.com/acme/support-desk/blob/main/knowledge/articles/b.md#x).\nAnd [Slack](https://api.slack.com/apps).\n',
      ),
    );
    write('b.md', article({ id: 'b' }));
    expect(report()).toEqual([
      `${join(dir, 'a.md')}:13: link 'https://github.com/acme/support-desk/blob/main/knowledge/articles/b.md#x' points at an article by its address; use a relative link like ./other-article.md`,
    ]);
    const base = 'https://docs.example.test/kb/';
    const set = checkArticles(
      [{ file: 'c.md', path: 'c.md', text: article({ id: 'c' }, `# C\n\n[b](${base}b.html)\n`) }],
      { baseUrl: base },
    );
    expect(formatArticleReport(set.problems)).toEqual([
      `c.md:13: link '${base}b.html' points at an article by its address; use a relative link like ./other-article.md`,
    ]);
  });

  it('reports a missing id on line 1', () => {
    write('no-id.md', article({ id: '<omit>' }));
    expect(report()).toEqual([`${join(dir, 'no-id.md')}:1: missing front-matter key 'id'`]);
  });

  it('reports a duplicate id in both files, on the id line', () => {
    write('one.md', article({ id: 'same' }));
    write('two.md', article({ id: 'same' }));
    expect(report()).toEqual([
      `${join(dir, 'one.md')}:2: duplicate id 'same' (also in ${join(dir, 'two.md')})`,
      `${join(dir, 'two.md')}:2: duplicate id 'same' (also in ${join(dir, 'one.md')})`,
    ]);
  });

  it('reports a broken link and a broken anchor on their lines', () => {
    write('a.md', article({ id: 'a' }, '# A\n\nFirst line.\nSee [gone](./gone.md).\n\nAnd [b](./b.md#nope).\n'));
    write('b.md', article({ id: 'b' }));
    // Front matter is lines 1-10, the body starts on line 11.
    expect(report()).toEqual([
      `${join(dir, 'a.md')}:14: broken link './gone.md': no file gone.md`,
      `${join(dir, 'a.md')}:16: broken link './b.md#nope': no heading '#nope' in b.md`,
    ]);
  });

  it('reports an unknown intent on the line of the list item', () => {
    write('a.md', article({ id: 'a', intents: '\n  - setup-help\n  - wishful-thinking' }));
    expect(report()).toEqual([
      `${join(dir, 'a.md')}:7: unknown intent 'wishful-thinking' (known: service-down, security-issue, data-loss, performance-issue, bug, feature-request, documentation, setup-help, account-billing, general-question, call-request, greeting-thanks)`,
    ]);
  });

  it('reports bad tiers, platforms, dates, unknown keys, long titles and empty bodies', () => {
    write(
      'a.md',
      article(
        {
          id: 'Not_Kebab',
          tiers: '[gold]',
          platforms: '[irc]',
          updated: '2025-13-45',
          colour: 'blue',
          title: 'T'.repeat(81),
        },
        '\n',
      ),
    );
    const f = join(dir, 'a.md');
    expect(report()).toEqual([
      `${f}:2: id must be kebab-case (a-z, 0-9, single hyphens)`,
      `${f}:3: title is longer than 80 characters (81)`,
      `${f}:6: unknown tier 'gold' (known: community, professional, enterprise, white-glove)`,
      `${f}:7: unknown platform 'irc' (known: slack, discord, github, email, shell)`,
      `${f}:9: updated must be a date YYYY-MM-DD`,
      `${f}:10: unknown front-matter key 'colour'`,
      `${f}:11: article body is empty`,
    ]);
  });

  it('reports missing front matter and invalid YAML', () => {
    write('plain.md', '# Just markdown\n');
    write('yaml.md', '---\nid: a\ntitle: [unclosed\n---\nbody\n');
    expect(report()).toEqual([
      `${join(dir, 'plain.md')}:1: missing front matter: the file must start with a --- block`,
      expect.stringMatching(/yaml\.md:3: front matter is not valid YAML/),
    ]);
  });

  it('accepts links to other files that exist and ignores external links and code', () => {
    mkdirSync(join(dir, 'img'));
    write('img/logo.png', 'x');
    write(
      'a.md',
      article(
        { id: 'a' },
        '# A\n\n![logo](./img/logo.png) [site](https://example.com)\n\n```\n[not](./a-link.md)\n```\n`[inline](./x.md)`\n',
      ),
    );
    expect(report()).toEqual([]);
  });

  it('is pure over sources: same-file anchors and absolute links', () => {
    const text = article(
      { id: 'a' },
      '# A\n\n## Two words\n\n[here](#two-words) [there](#missing) [abs](/etc/passwd)\n',
    );
    const set = checkArticles([{ file: 'a.md', path: 'a.md', text }]);
    expect(formatArticleReport(set.problems)).toEqual([
      "a.md:15: broken link '#missing': no heading '#missing' in a.md",
      "a.md:15: link '/etc/passwd' is absolute; use a relative link like ./other-article.md",
    ]);
    expect(set.articles).toHaveLength(1);
  });
});
