import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../config/default-tiers.js';
import { createTestDesk } from '../../test/support/test-desk.js';
import { callAnswer, withCallAnswer } from './call-request-reply.js';

/** The fake classifier: "call" is a confident call request, "maybe a call" an unsure one, "crash" a bug. */
const RULES: ReadonlyArray<[RegExp, string, number]> = [
  [/\bmaybe a call\b/i, 'call-request', 0.6],
  [/\bcall\b/i, 'call-request', 0.95],
  [/\bcrash/i, 'bug', 0.9],
];
const OFFER = 'Would you like to book a video call? The desk will offer times.';
const BOOK = { id: 'call.request', label: 'Book a video call', value: 'SUP-1' };

describe('callAnswer', () => {
  const confident = { confident: true, category: 'call-request' } as const;
  it('offers a call to a known customer whose tier has calls, and says "no calls" otherwise', () => {
    expect(callAnswer(confident, { customerId: 'acme', tier: 'professional' }, DEFAULT_TIERS)).toBe('offer');
    expect(callAnswer(confident, { customerId: 'acme', tier: 'enterprise' }, DEFAULT_TIERS)).toBe('offer');
    expect(callAnswer(confident, { customerId: null, tier: 'community' }, DEFAULT_TIERS)).toBe('no-calls');
    expect(callAnswer(confident, { customerId: 'acme', tier: 'community' }, DEFAULT_TIERS)).toBe('no-calls');
    const none = { ...DEFAULT_TIERS, professional: { ...DEFAULT_TIERS.professional, videoCallsPerMonth: 0 } };
    expect(callAnswer(confident, { customerId: 'globex', tier: 'professional' }, none)).toBe('no-calls');
  });

  it('is nothing for another category or an unsure reading', () => {
    const who = { customerId: 'acme', tier: 'enterprise' } as const;
    expect(callAnswer({ confident: false, category: 'general-question' }, who, DEFAULT_TIERS)).toBeNull();
    expect(callAnswer({ confident: true, category: 'bug' }, who, DEFAULT_TIERS)).toBeNull();
  });

  it('adds its line and button to a reply on a ticket, or makes the reply', () => {
    const ticket = { key: 'SUP-7', conversation: { platform: 'discord' as const, channelId: 'HELP' } };
    expect(withCallAnswer(null, null, ticket)).toBeNull();
    expect(withCallAnswer({ text: 'SUP-7 is open again.' }, 'offer', ticket)).toEqual({
      text: `SUP-7 is open again.\n${OFFER}`,
      actions: [{ ...BOOK, value: 'SUP-7' }],
    });
    expect(withCallAnswer(null, 'no-calls', ticket)).toEqual({
      text: 'There are no video calls on your plan; the team will answer here in writing.',
    });
  });
});

describe('a request for a video call, through the engine', () => {
  it('opens a paid-tier ticket (low priority) and asks before booking, with the Book a video call button', async () => {
    const desk = createTestDesk({}, { rules: RULES, articles: [] });
    const outcome = await desk.engine.handle(
      desk.message({
        text: 'can we get on a call?',
        conversation: { platform: 'slack', channelId: 'C_GLOBEX', threadId: '2.2' },
        customerId: 'globex',
      }),
    );
    expect(outcome.kind).toBe('ticket-opened');
    if (outcome.kind !== 'ticket-opened') return;
    expect(outcome.ticket).toMatchObject({ category: 'call-request', priority: 'low', tier: 'professional' });
    expect(outcome.reply.text).toMatch(
      /^I opened SUP-1 for this \(priority: low\)\.\nFirst response due by .+ \(business hours\)\.\nWould you like to book a video call\? The desk will offer times\.$/,
    );
    expect(outcome.reply.actions).toEqual([BOOK]);
    const [queued] = await desk.store.dueOutbox(desk.clock.now(), 10);
    expect(queued?.message.actions).toEqual([BOOK]); // the reply in the conversation carries the button
  });

  it('asks for a reply "call" by email, which has no buttons', async () => {
    const desk = createTestDesk({}, { rules: RULES, articles: [] });
    const outcome = await desk.engine.handle(
      desk.message({
        platform: 'email',
        conversation: { platform: 'email', channelId: 'casey@acme.example', threadId: '<m1@acme.example>' },
        text: 'Could we schedule a call with your engineer this week?',
      }),
    );
    if (outcome.kind !== 'ticket-opened') throw new Error(outcome.kind);
    expect(outcome.reply.text.split('\n').at(-1)).toBe(
      'Would you like to book a video call? Reply "call" and the desk will offer times.',
    );
  });

  it('tells a paid customer whose tier has no calls so, in writing on the ticket', async () => {
    const desk = createTestDesk({ tiers: { enterprise: { videoCallsPerMonth: 0 } } }, { rules: RULES, articles: [] });
    const outcome = await desk.engine.handle(desk.message({ text: 'can we hop on a call?' }));
    if (outcome.kind !== 'ticket-opened') throw new Error(outcome.kind);
    expect(outcome.reply.text.split('\n').at(-1)).toBe(
      'There are no video calls on your plan; the team will answer here in writing.',
    );
    expect(outcome.reply.actions).toBeUndefined();
  });

  it('tells a community member there are no video calls and offers a ticket, without opening one', async () => {
    const desk = createTestDesk({}, { rules: RULES, articles: [] });
    const outcome = await desk.engine.handle(
      desk.message({
        platform: 'discord',
        conversation: { platform: 'discord', channelId: 'HELP', threadId: 'q9' },
        author: { id: 'D_MEMBER', name: 'member' },
        customerId: undefined,
        text: 'can someone call me',
      }),
    );
    expect(outcome).toMatchObject({
      kind: 'answered',
      abstained: false,
      reply: {
        text: 'There are no video calls on your plan, but a person can help in writing: open a ticket and the team will reply here (community support is best effort).',
        actions: [{ id: 'ticket.open' }],
      },
    });
    expect(await desk.store.listTickets({})).toEqual([]);
  });

  it('never offers a call on an unsure reading', async () => {
    const desk = createTestDesk({}, { rules: RULES, articles: [] });
    const outcome = await desk.engine.handle(desk.message({ text: 'maybe a call would help' }));
    if (outcome.kind !== 'ticket-opened') throw new Error(outcome.kind);
    expect(outcome.ticket.category).toBe('general-question');
    expect(outcome.reply.text).not.toContain('video call');
    expect(outcome.reply.actions).toBeUndefined();
  });

  it("asks on a follow-up in the ticket's conversation, with the ticket's key", async () => {
    const desk = createTestDesk({}, { rules: RULES, articles: [] });
    const opened = await desk.engine.handle(desk.message({ text: 'the export crashes' }));
    expect(opened.kind).toBe('ticket-opened');
    const followUp = await desk.engine.handle(desk.message({ text: 'easier on a call, can we do one tomorrow?' }));
    expect(followUp).toMatchObject({
      kind: 'ticket-updated',
      change: 'customer-message',
      ticket: { key: 'SUP-1', category: 'bug' },
      reply: { text: OFFER, actions: [BOOK] },
    });
    const plain = await desk.engine.handle(desk.message({ text: 'it crashes again' }));
    expect(plain).toMatchObject({ kind: 'ticket-updated', reply: null });
  });
});
