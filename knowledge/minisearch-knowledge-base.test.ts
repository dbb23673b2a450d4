import { describe, expect, it } from 'vitest';
import type { Article, ArticleStats } from '../core/ports/knowledge-base.js';
import { EXCERPT_MAX_LENGTH } from './excerpt.js';
import { createMiniSearchKnowledgeBase } from './minisearch-knowledge-base.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1);

const make = (id: string, title: string, body: string, extra: Partial<Article> = {}): Article => ({
  id,
  title,
  body,
  tags: [],
  intents: ['setup-help'],
  tiers: [],
  platforms: [],
  language: 'en',
  updated: NOW,
  ...extra,
});

const articles: Article[] = [
  make('slack-setup', 'Connect Slack', 'Create a Slack app, copy the signing secret and set the request URL.', {
    platforms: ['slack'],
  }),
  make('discord-setup', 'Connect Discord', 'Create a Discord bot and enable the Message Content intent.', {
    platforms: ['discord'],
  }),
  make(
    'tam-escalation',
    'Escalation to your technical account manager',
    'White-glove escalation reaches the technical account manager.',
    { tiers: ['enterprise', 'white-glove'] },
  ),
  make('escalation-basics', 'How escalation works', 'Every breach starts an escalation chain along the tier policy.'),
  make('escalada', 'Cómo funciona la escalada', 'La escalation funciona por niveles.', { language: 'es' }),
];

const ids = (hits: readonly { article: Article }[]) => hits.map((h) => h.article.id);

describe('MiniSearchKnowledgeBase filters', () => {
  const kb = createMiniSearchKnowledgeBase(articles, { now: () => NOW });

  it('knows its size and articles', () => {
    expect(kb.size).toBe(5);
    expect(kb.get('slack-setup')?.title).toBe('Connect Slack');
    expect(kb.get('nope')).toBeUndefined();
  });

  it('filters by tier (empty tiers = everyone)', () => {
    expect(ids(kb.search('escalation', { tier: 'community', language: 'en' }))).toEqual(['escalation-basics']);
    expect(ids(kb.search('escalation', { tier: 'white-glove', language: 'en' }))).toContain('tam-escalation');
    expect(ids(kb.search('escalation', { tier: 'enterprise', language: 'en' }))).toHaveLength(2);
  });

  it('filters by platform (empty platforms = everywhere)', () => {
    expect(ids(kb.search('connect setup', { platform: 'discord' }))).toEqual(['discord-setup']);
    expect(ids(kb.search('connect setup', { platform: 'slack' }))).toEqual(['slack-setup']);
    expect(ids(kb.search('connect', {})).sort()).toEqual(['discord-setup', 'slack-setup']);
  });

  it('filters by language on the primary subtag', () => {
    expect(ids(kb.search('escalation', { language: 'es' }))).toEqual(['escalada']);
    expect(ids(kb.search('escalation', { language: 'en-GB' }))).not.toContain('escalada');
  });

  it('returns nothing for empty queries or limits, and respects the limit', () => {
    expect(kb.search('   ')).toEqual([]);
    expect(kb.search('escalation', {}, 0)).toEqual([]);
    expect(kb.search('escalation', {}, 1)).toHaveLength(1);
  });
});

describe('MiniSearchKnowledgeBase ranking', () => {
  // Two articles that match "reset password" equally well, and one that matches far better.
  const twins = [
    make('twin-a', 'Reset a password', 'Steps for the account.'),
    make('twin-b', 'Reset a password', 'Steps for the account.'),
    make(
      'exact',
      'Reset your password: password reset steps',
      'Reset the password from the password page, then reset again.',
    ),
  ];
  const stats = (s: Record<string, ArticleStats>) => new Map(Object.entries(s));

  it('votes decide between comparably relevant articles, with smoothing (1/1 is not better than 40/45)', () => {
    const kb = createMiniSearchKnowledgeBase(twins, { now: () => NOW });
    kb.setStats(
      stats({
        'twin-a': { helpful: 1, notHelpful: 0, views: 10 },
        'twin-b': { helpful: 40, notHelpful: 5, views: 10 },
      }),
    );
    const order = ids(kb.search('reset password'));
    expect(order.indexOf('twin-b')).toBeLessThan(order.indexOf('twin-a'));
    kb.setStats(stats({ 'twin-a': { helpful: 0, notHelpful: 30, views: 10 } }));
    expect(ids(kb.search('reset password')).slice(-1)).toEqual(['twin-a']);
  });

  it('popularity and recency decide between comparably relevant articles', () => {
    const pop = createMiniSearchKnowledgeBase(twins, {
      now: () => NOW,
      stats: stats({ 'twin-a': { helpful: 0, notHelpful: 0, views: 5000 } }),
    });
    const p = ids(pop.search('reset password'));
    expect(p.indexOf('twin-a')).toBeLessThan(p.indexOf('twin-b'));
    const old = createMiniSearchKnowledgeBase(
      [twins[0] as Article, { ...(twins[1] as Article), updated: NOW - 3 * 365 * DAY }],
      { now: () => NOW },
    );
    expect(ids(old.search('reset password'))).toEqual(['twin-a', 'twin-b']);
  });

  it('signals never lift a much less relevant article above a strong text match', () => {
    const weak = make(
      'weak',
      'Account settings',
      'Change the display name, the avatar or the password of the account.',
    );
    const kb = createMiniSearchKnowledgeBase([...twins, weak], {
      now: () => NOW,
      stats: stats({
        weak: { helpful: 500, notHelpful: 0, views: 100_000 },
        exact: { helpful: 0, notHelpful: 50, views: 0 },
      }),
    });
    const hits = kb.search('reset password', { intent: 'setup-help' });
    expect(hits[0]?.article.id).toBe('exact');
    expect(ids(hits).indexOf('exact')).toBeLessThan(ids(hits).indexOf('weak'));
    for (const h of hits) expect(h.score / h.relevance).toBeLessThanOrEqual(1.35 + 1e-9);
  });

  it('the intent filter boosts articles that answer that intent', () => {
    const kb = createMiniSearchKnowledgeBase(
      [make('a', 'Webhook signature', 'x'), make('b', 'Webhook signature', 'x', { intents: ['bug'] })],
      { now: () => NOW },
    );
    expect(ids(kb.search('webhook signature', { intent: 'bug' }))).toEqual(['b', 'a']);
    expect(ids(kb.search('webhook signature', { intent: 'setup-help' }))).toEqual(['a', 'b']);
  });

  it('stems and forgives a typo', () => {
    const kb = createMiniSearchKnowledgeBase(articles, { now: () => NOW });
    expect(ids(kb.search('escalations chains'))[0]).toBe('escalation-basics');
    expect(ids(kb.search('discrod bot'))[0]).toBe('discord-setup');
  });
});

describe('excerpt', () => {
  const filler = 'Lorem ipsum dolor sit amet consectetur. '.repeat(12);
  const body = `# Title\n\n${filler}**Socket Mode** needs an [app-level token](./x.md) starting with \`xapp-\`. ${filler}`;
  const kb = createMiniSearchKnowledgeBase([make('sock', 'Slack', body)], { now: () => NOW });

  it('is short plain text around the matching terms', () => {
    const excerpt = kb.search('socket mode token')[0]?.excerpt ?? '';
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH);
    expect(excerpt).toContain('Socket Mode needs an app-level token starting with xapp-.');
    expect(excerpt).not.toMatch(/[*`#[\]]/u);
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('falls back to the start of the text without a body match', () => {
    expect(kb.search('slack')[0]?.excerpt.startsWith('Title Lorem ipsum')).toBe(true);
  });
});

describe('MiniSearchKnowledgeBase coverage', () => {
  const kb = createMiniSearchKnowledgeBase(articles, { now: () => NOW });

  it('is the share of the query’s content words an article matches, ignoring stop words', () => {
    const [hit] = kb.search('how do I copy the signing secret for slack', {}, 1);
    expect(hit?.article.id).toBe('slack-setup');
    expect(hit?.coverage).toBe(1); // copy, signing, secret, slack
    const partial = kb.search('signing secret purple elephant', {}, 1)[0];
    expect(partial?.coverage).toBe(0.5);
  });

  it('is 0 when the query has only stop words, whatever the title boost gives', () => {
    const hits = kb.search('how is it', {}, 5);
    expect(hits.length).toBeGreaterThan(0); // "How escalation works" matches on its title
    for (const hit of hits) expect(hit.coverage).toBe(0);
  });
});

describe('MiniSearchKnowledgeBase common-terms cutoff (large collections)', () => {
  const many: Article[] = Array.from({ length: 1_200 }, (_, i) =>
    make(`a${i}`, `Widget guide ${i}`, `The widget dashboard explains widget settings, number ${i}.`),
  );
  many.push(make('zebra', 'Zebra widget export', 'Export zebra stripes from the widget dashboard.'));
  const kb = createMiniSearchKnowledgeBase(many, { now: () => NOW });

  it('leaves out words found in most articles, so the rare word decides and coverage counts the informative words', () => {
    const [hit] = kb.search('how do I export the widget dashboard zebra', {}, 3);
    expect(hit?.article.id).toBe('zebra');
    expect(hit?.coverage).toBe(1);
  });

  it('still answers a query made only of common words', () => {
    expect(kb.search('widget dashboard', {}, 3)).toHaveLength(3);
  });
});

describe('MiniSearchKnowledgeBase alternative questions', () => {
  const body = 'Open the sign-in page and follow the link we email you.';
  const kb = createMiniSearchKnowledgeBase(
    [
      make('reset', 'Reset your password', body, { questions: ['I forgot my login', 'Locked out of my account'] }),
      make('sso', 'Single sign-on with SAML', 'Connect your identity provider. Users sign in through it.'),
      make('billing', 'Change the billing email', 'Billing notices go to the billing email of the account.'),
    ],
    { now: () => NOW },
  );

  it('finds an article by a phrasing that only its questions hold', () => {
    expect(ids(kb.search('i forgot my login', {}, 3))[0]).toBe('reset');
    expect(ids(kb.search('locked out', {}, 3))[0]).toBe('reset');
  });

  it('matches each phrasing on its own: extra phrasings do not dilute the best one', () => {
    const alone = createMiniSearchKnowledgeBase(
      [make('reset', 'I forgot my login', body), make('other', 'Billing', 'Invoices.')],
      { now: () => NOW },
    );
    const withMore = createMiniSearchKnowledgeBase(
      [
        make('reset', 'Reset your password', body, {
          questions: ['I forgot my login', 'Where is the invoice archive', 'Change my plan'],
        }),
        make('other', 'Billing', 'Invoices.'),
      ],
      { now: () => NOW },
    );
    const a = alone.search('forgot my login', {}, 1)[0]?.relevance ?? 0;
    const b = withMore.search('forgot my login', {}, 1)[0]?.relevance ?? 0;
    expect(b / a).toBeGreaterThan(0.8);
  });
});

describe('MiniSearchKnowledgeBase typos and relevance', () => {
  const kb = createMiniSearchKnowledgeBase(
    [
      make('webhook', 'Webhook signature failures', 'Every webhook delivery carries a signature header.'),
      make('webbook', 'The webbook reader', 'Read the webbook offline.'),
      make('notes', 'Release notes', 'What changed in each release.'),
    ],
    { now: () => NOW },
  );

  it('corrects an unknown word to the indexed term one edit away, and counts it as covered', () => {
    const [hit] = kb.search('webhok signature', {}, 1);
    expect(hit?.article.id).toBe('webhook');
    expect(hit?.coverage).toBe(1);
  });

  it('never fuzzes a word the index knows', () => {
    expect(ids(kb.search('webhook', {}, 5))).toEqual(['webhook']);
    expect(ids(kb.search('webbook', {}, 5))).toEqual(['webbook']);
  });

  it('relevance is a likelihood ratio: above 1 for an article that uses the query’s words', () => {
    for (const h of kb.search('webhook signature header', {}, 3)) expect(h.relevance).toBeGreaterThan(1);
  });

  it('an unknown word that is not close to any indexed term counts against coverage', () => {
    expect(kb.search('webhook zzzzzzzz', {}, 1)[0]?.coverage).toBe(0.5);
    expect(kb.search('zzzzzzzz', {}, 5)).toEqual([]);
  });
});

describe('MiniSearchKnowledgeBase split compounds', () => {
  const kb = createMiniSearchKnowledgeBase(
    [
      make('dashboard', 'Customise your dashboard', 'Pin charts to the dashboard.'),
      make('board', 'The advisory board', 'Who sits on the board.'),
      make('dress-code', 'What to wear', 'Wear a badge at events.'),
    ],
    { now: () => NOW },
  );

  it('reads two query words that the articles write as one as that word', () => {
    const [hit] = kb.search('dash board', {}, 1);
    expect(hit?.article.id).toBe('dashboard');
    expect(hit?.coverage).toBe(1);
  });

  it('does not join two stop words into a content word', () => {
    expect(ids(kb.search('we are', {}, 5))).not.toContain('dress-code');
  });
});
