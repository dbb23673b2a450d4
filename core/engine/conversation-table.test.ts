import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../model/types.js';
import type { Category } from '../model/types.js';
import type { InboundMessage } from '../model/inbound-message.js';
import type { Article } from '../ports/knowledge-base.js';
import { createTestDesk } from '../../test/support/test-desk.js';
import { NO_CALLS_BEFORE_ARTICLES, NO_CALLS_OFFER_TICKET, NO_CALLS_ON_TICKET } from './call-request-reply.js';

/**
 * docs/conversations.md's table, row by row, through the engine on fakes: for the community and for every paid tier.
 * The table is read from the page itself, so the page and the code cannot drift apart.
 */
const PAGE = new URL('../../docs/conversations.md', import.meta.url);

interface Row {
  line: string;
  intent: string;
  article: boolean;
  when: '' | 'asked' | 'ticketIfUnsure' | 'featureRequestsUrl';
  community: string;
  paid: string;
}

function readTable(): Row[] {
  const text = readFileSync(PAGE, 'utf8');
  const start = text.indexOf('## The table');
  const end = text.indexOf('\n## ', start + 1);
  return text
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => /^\| [a-z(]/.test(l) && !l.startsWith('| intent'))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/`/g, ''));
      const [intent, article, when, community, paid] = cells as [string, string, string, string, string];
      return { line, intent, article: article === 'yes', when: when as Row['when'], community, paid };
    });
}

const FEATURE_URL = 'https://example.test/feature-requests';
/** Every message is the same words; the fake classifier says what the row's intent says. */
const TEXT = 'zebra widget quandary';

/** The fake classifier's reading of a row's intent: label and confidence (the threshold is 0.8, critical 0.5). */
function reading(intent: string): [string, number] {
  if (intent === '(unsure)') return ['general-question', 0.3];
  const unsureCritical = /^(\S+) \(unsure, above criticalThreshold\)$/.exec(intent);
  if (unsureCritical) return [unsureCritical[1] as string, 0.6];
  return [intent, 0.95];
}

const article = (intents: string[]): Article => ({
  id: 'the-article',
  title: 'Zebra widgets',
  body: `All about the ${TEXT}.`,
  tags: [],
  intents,
  tiers: [],
  platforms: [],
  language: 'en',
  updated: 0,
});

type Tier = 'community' | 'professional' | 'enterprise' | 'white-glove';
const TIERS: readonly Tier[] = ['community', 'professional', 'enterprise', 'white-glove'];

function messageFor(tier: Tier, when: Row['when']): Partial<InboundMessage> {
  const flags = { wantsTicket: when === 'asked', ticketIfUnsure: when === 'ticketIfUnsure' };
  switch (tier) {
    case 'community':
      return {
        ...flags,
        platform: 'discord',
        conversation: { platform: 'discord', channelId: 'HELP', threadId: 'q1' },
        author: { id: 'D_MEMBER', name: 'member' },
        customerId: undefined,
      };
    case 'professional':
      return {
        ...flags,
        conversation: { platform: 'slack', channelId: 'C_GLOBEX', threadId: '1.1' },
        customerId: 'globex',
      };
    case 'enterprise':
      return { ...flags };
    case 'white-glove':
      return {
        ...flags,
        platform: 'shell',
        conversation: { platform: 'shell', channelId: 'initech' },
        author: { id: 'initech' },
        customerId: undefined,
      };
  }
}

/**
 * A call request's reply carries the call question (a paid tier's ticket: every test customer's tier has calls) or
 * the no-calls sentence (the community); checked here and taken off, so the row's code is checked as for any intent.
 */
function withoutCallAnswer(
  row: Row,
  tier: Tier,
  reply: { text: string; actions?: readonly { id: string; value: string }[] | undefined },
) {
  if (row.intent !== 'call-request') return reply;
  const ticket = (tier === 'community' ? row.community : row.paid).startsWith('ticket: ');
  if (tier !== 'community') {
    const offer = '\nWould you like to book a video call? The desk will offer times.';
    expect(reply.text).toContain(offer);
    expect(reply.actions).toEqual([{ id: 'call.request', label: 'Book a video call', value: 'SUP-1' }]);
    return { text: reply.text.replace(offer, ''), actions: [] };
  }
  if (ticket) {
    expect(reply.text).toContain(`\n${NO_CALLS_ON_TICKET}`);
    return { ...reply, text: reply.text.replace(`\n${NO_CALLS_ON_TICKET}`, '') };
  }
  if (reply.text === NO_CALLS_OFFER_TICKET) return reply;
  expect(reply.text.startsWith(`${NO_CALLS_BEFORE_ARTICLES}\n`)).toBe(true);
  return { ...reply, text: reply.text.slice(NO_CALLS_BEFORE_ARTICLES.length + 1) };
}

async function run(row: Row, tier: Tier) {
  const [label, confidence] = reading(row.intent);
  const desk = createTestDesk(row.when === 'featureRequestsUrl' ? { desk: { featureRequestsUrl: FEATURE_URL } } : {}, {
    rules: [[/./, label, confidence]],
    articles: row.article ? [article([label])] : [],
  });
  const outcome = await desk.engine.handle(desk.message({ text: TEXT, ...messageFor(tier, row.when) }));
  return { desk, outcome };
}

const rows = readTable();

describe('docs/conversations.md: the conversation table', () => {
  it('has a row for every category with and without an article, and for the unsure classifier', () => {
    const plain = rows.filter((r) => r.when === '');
    for (const intent of [...CATEGORIES, '(unsure)']) {
      expect(
        plain
          .filter((r) => r.intent === intent)
          .map((r) => r.article)
          .sort(),
        intent,
      ).toEqual([false, true]);
    }
    expect(rows.length).toBeGreaterThanOrEqual(2 * (CATEGORIES.length + 1));
  });

  for (const row of rows) {
    for (const tier of TIERS) {
      const expected = tier === 'community' ? row.community : row.paid;
      it(`${row.intent} · article ${row.article ? 'yes' : 'no'}${row.when ? ` · ${row.when}` : ''} · ${tier} -> ${expected}`, async () => {
        const { desk, outcome } = await run(row, tier);
        const [label] = reading(row.intent);
        if (expected.startsWith('ticket: ')) {
          const why = expected.slice('ticket: '.length);
          expect(outcome.kind).toBe('ticket-opened');
          if (outcome.kind !== 'ticket-opened') return;
          expect(outcome.ticket.tier).toBe(tier);
          const reply = withoutCallAnswer(row, tier, outcome.reply);
          expect(reply.actions ?? []).toEqual([]);
          expect(reply.text).toMatch(/I opened SUP-1 for this \(priority: \w+\)\./);
          if (why === 'critical') expect(outcome.ticket.priority).toBe('critical');
          const saysWhy = ['problem', 'account', 'feature-request'].includes(why);
          expect(reply.text.startsWith('It sounds like')).toBe(saysWhy);
          expect(outcome.reply.articles?.map((a) => a.id) ?? []).toEqual(row.article ? ['the-article'] : []);
          if (row.article) expect(reply.text).toMatch(/\nMeanwhile, this may help:$/);
          const [audit] = await desk.store.listAudit(outcome.ticket.id);
          expect(audit?.detail).toMatchObject({ why });
          return;
        }
        expect(outcome.kind).toBe('answered');
        if (outcome.kind !== 'answered') return;
        expect(await desk.store.listTickets({})).toEqual([]);
        const reply = withoutCallAnswer(row, tier, outcome.reply);
        const buttons = outcome.reply.actions?.map((a) => a.id) ?? [];
        const shownArticles = outcome.reply.articles?.map((a) => a.id) ?? [];
        switch (expected) {
          case 'greet':
            expect(reply.text).toMatch(/^Hi! Ask your question here/);
            expect(shownArticles).toEqual([]);
            expect(desk.store.searches).toEqual([]);
            break;
          case 'answer':
            expect(reply.text).toBe('This article should help:');
            expect(shownArticles).toEqual(['the-article']);
            expect(buttons).toEqual(['kb.helpful', 'kb.not-helpful', 'ticket.open']);
            break;
          case 'maybe-answer':
            expect(reply.text).toBe("I'm not sure I understood, but this article covers your question:");
            expect(shownArticles).toEqual(['the-article']);
            expect(buttons).toEqual(['kb.helpful', 'kb.not-helpful', 'ticket.open']);
            break;
          case 'offer-ticket':
            expect(reply.text).toMatch(
              /^It sounds like (a|an) [^,]+, but I have no article that answers it\. Open a ticket and a person will reply here/,
            );
            expect(shownArticles).toEqual([]);
            expect(buttons).toEqual(['ticket.open']);
            break;
          case 'feature-requests':
            expect(reply.text).toBe(
              `It sounds like a feature request. Please post it where feature requests are collected, so the team can review it and others can vote for it:\n${FEATURE_URL}`,
            );
            expect(buttons).toEqual([]);
            break;
          case 'no-calls':
            expect(reply.text).toBe(NO_CALLS_OFFER_TICKET);
            expect(shownArticles).toEqual([]);
            expect(buttons).toEqual(['ticket.open']);
            break;
          case 'not-sure':
            expect(reply.text).toMatch(/^I'm not sure I understood that well enough to answer/);
            expect(buttons).toEqual(['ticket.open']);
            break;
          default:
            throw new Error(`unknown code '${expected}' in docs/conversations.md: ${row.line}`);
        }
        expect(outcome.abstained).toBe(expected === 'not-sure');
        if (expected !== 'greet')
          expect(desk.store.searches.at(-1)).toMatchObject({ intent: label, resultCount: shownArticles.length });
      });
    }
  }
});

describe('what the desk says it understood', () => {
  it('names the category in plain words', async () => {
    const said = async (category: Category) => {
      const desk = createTestDesk({}, { rules: [[/./, category, 0.95]], articles: [] });
      const outcome = await desk.engine.handle(desk.message({ text: TEXT, ...messageFor('community', '') }));
      return outcome.kind === 'answered' || outcome.kind === 'ticket-opened'
        ? outcome.reply.text.split(',')[0]
        : outcome.kind;
    };
    expect(await said('bug')).toBe('It sounds like a bug report');
    expect(await said('account-billing')).toBe('It sounds like an account or billing matter');
    expect(await said('setup-help')).toBe('It sounds like a question about setting things up');
    expect(await said('documentation')).toBe('It sounds like a question about the documentation');
    expect(await said('call-request')).toBe('There are no video calls on your plan');
  });
});
