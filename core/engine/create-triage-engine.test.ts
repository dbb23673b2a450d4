import { describe, expect, it } from 'vitest';
import { createTestDesk } from '../../test/support/test-desk.js';

const discordUser = (id: string) => ({
  platform: 'discord' as const,
  conversation: { platform: 'discord' as const, channelId: 'HELP' },
  author: { id, name: 'member' },
  customerId: undefined,
});

describe('triage engine', () => {
  it('opens a ticket for a paid-tier customer with priority, due time, reply and staff announcement', async () => {
    const desk = createTestDesk();
    const outcome = await desk.engine.handle(desk.message({ text: 'The SDK throws an error on deploy' }));
    expect(outcome.kind).toBe('ticket-opened');
    if (outcome.kind !== 'ticket-opened') return;
    expect(outcome.ticket).toMatchObject({
      key: 'SUP-1',
      status: 'open',
      priority: 'high',
      category: 'bug',
      tier: 'enterprise',
      customerId: 'acme',
    });
    expect(outcome.ticket.firstResponseDueAt).toBe(desk.clock.now() + 4 * 3600_000);
    expect(outcome.reply.text).toContain('SUP-1');
    expect(outcome.reply.ticket?.dueText).toBe('Mon 23 Nov 2026, 13:00 EST');
    const queued = await desk.store.dueOutbox(desk.clock.now(), 10);
    expect(queued.map((q) => q.conversation.channelId)).toEqual(['C_ACME', 'C_STAFF']);
    expect(queued[1]?.message.actions?.map((a) => a.id)).toEqual(['ticket.claim', 'ticket.resolve', 'ticket.escalate']);
    expect(desk.queuedCount()).toBe(1);
    const audit = await desk.store.listAudit(outcome.ticket.id);
    expect(audit[0]).toMatchObject({ action: 'ticket.opened', detail: { intent: 'bug', priority: 'high' } });
  });

  it('ignores a duplicate event id, bot authors and empty text', async () => {
    const desk = createTestDesk();
    const msg = desk.message({ text: 'crash on login' });
    expect((await desk.engine.handle(msg)).kind).toBe('ticket-opened');
    expect(await desk.engine.handle({ ...msg })).toEqual({ kind: 'ignored', reason: 'duplicate' });
    expect(await desk.engine.handle(desk.message({ text: 'hi', author: { id: 'B1', isBot: true } }))).toEqual({
      kind: 'ignored',
      reason: 'bot-author',
    });
    expect(await desk.engine.handle(desk.message({ text: '   ' }))).toEqual({ kind: 'ignored', reason: 'empty' });
    expect(await desk.store.listTickets({})).toHaveLength(1);
    expect(await desk.store.pendingOutboxCount()).toBe(2);
  });

  it('opens one ticket when two messages of one conversation arrive at once', async () => {
    const desk = createTestDesk();
    const [a, b] = await Promise.all([
      desk.engine.handle(desk.message({ text: 'crash one' })),
      desk.engine.handle(desk.message({ text: 'crash two' })),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(['ticket-opened', 'ticket-updated']);
    const [ticket] = await desk.store.listTickets({});
    expect((await desk.store.listMessages(ticket!.id)).map((m) => m.text)).toEqual(['crash one', 'crash two']);
  });

  it('answers a confident community question from the knowledge base without a ticket, and logs the search', async () => {
    const desk = createTestDesk();
    const outcome = await desk.engine.handle(
      desk.message({ ...discordUser('D_X'), text: 'how do I rotate my api key' }),
    );
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    expect(outcome.abstained).toBe(false);
    expect(outcome.articles.map((h) => h.article.id)).toEqual(['reset-api-key']); // the enterprise-only article is filtered out
    expect(outcome.reply.actions?.map((a) => a.id)).toEqual(['kb.helpful', 'kb.not-helpful', 'ticket.open']);
    expect(desk.store.searches.at(-1)).toMatchObject({
      topArticleId: 'reset-api-key',
      tier: 'community',
      intent: 'setup-help',
    });
    expect(await desk.store.listTickets({})).toHaveLength(0);
  });

  it('abstains below the threshold and offers a ticket, or opens one where the adapter asks for that', async () => {
    const desk = createTestDesk();
    const unsure = await desk.engine.handle(
      desk.message({ ...discordUser('D_X'), text: 'what about the thing with the stuff' }),
    );
    expect(unsure).toMatchObject({ kind: 'answered', abstained: true, classification: { confident: false } });
    expect(desk.store.searches.at(-1)).toMatchObject({ resultCount: 0 });
    const opened = await desk.engine.handle(
      desk.message({
        ...discordUser('D_Y'),
        conversation: { platform: 'discord', channelId: 'HELP', threadId: 't2' },
        text: 'what about the thing',
        ticketIfUnsure: true,
      }),
    );
    expect(opened.kind).toBe('ticket-opened');
  });

  it('gives community members a ticket for critical issues (best effort, staff alerted) or when they ask', async () => {
    const desk = createTestDesk();
    const critical = await desk.engine.handle(
      desk.message({ ...discordUser('D_X'), text: 'the api is down for everyone' }),
    );
    expect(critical).toMatchObject({
      kind: 'ticket-opened',
      ticket: { priority: 'critical', tier: 'community', firstResponseDueAt: null },
    });
    if (critical.kind === 'ticket-opened') expect(critical.reply.notifyStaff).toBe(true);
    // A lower-confidence outage report keeps its critical category (criticalThreshold 0.5).
    const maybe = await desk.engine.handle(
      desk.message({
        ...discordUser('D_Z'),
        conversation: { platform: 'discord', channelId: 'HELP', threadId: 't3' },
        text: 'is it maybe down?',
      }),
    );
    expect(maybe).toMatchObject({ kind: 'ticket-opened', ticket: { category: 'service-down' } });
    const asked = await desk.engine.handle(
      desk.message({
        ...discordUser('D_Y'),
        conversation: { platform: 'discord', channelId: 'HELP', threadId: 't4' },
        text: 'I need an invoice copy',
        wantsTicket: true,
      }),
    );
    expect(asked).toMatchObject({
      kind: 'ticket-opened',
      ticket: { priority: 'low', firstResponseDueAt: desk.clock.now() + 7 * 24 * 3600_000 },
    });
  });

  it('answers greetings and thanks briefly, without a ticket, even for paid tiers', async () => {
    const desk = createTestDesk();
    const outcome = await desk.engine.handle(desk.message({ text: 'thanks a lot!' }));
    expect(outcome).toMatchObject({ kind: 'answered', articles: [] });
    if (outcome.kind === 'answered') expect(outcome.reply.text).toMatch(/welcome/i);
    expect(await desk.store.listTickets({})).toHaveLength(0);
  });

  it('raises priority by tier (white-glove question is medium) and uses business hours for professional', async () => {
    const desk = createTestDesk();
    const wg = await desk.engine.handle(
      desk.message({
        platform: 'shell',
        conversation: { platform: 'shell', channelId: 'initech' },
        author: { id: 'initech' },
        customerId: undefined,
        text: 'where is my invoice',
      }),
    );
    expect(wg).toMatchObject({
      kind: 'ticket-opened',
      ticket: { tier: 'white-glove', priority: 'medium', customerId: 'initech' },
    });
    // Globex (Berlin, professional): Monday 14:00 UTC = 15:00 local; high = 8 business hours -> 2 h Monday + 6 h Tuesday = Tue 15:00 local.
    const pro = await desk.engine.handle(
      desk.message({
        conversation: { platform: 'slack', channelId: 'C_GLOBEX', threadId: '9.9' },
        customerId: 'globex',
        text: 'bug: crash in the CLI',
      }),
    );
    expect(pro).toMatchObject({
      kind: 'ticket-opened',
      ticket: { tier: 'professional', priority: 'high', firstResponseDueAt: Date.UTC(2026, 10, 24, 14, 0, 0) },
    });
  });

  it('keeps the transcript, records the first staff response once, and follows the lifecycle', async () => {
    const desk = createTestDesk();
    const opened = await desk.engine.handle(desk.message({ text: 'crash when exporting' }));
    if (opened.kind !== 'ticket-opened') throw new Error(opened.kind);
    const key = opened.ticket.key;
    desk.clock.advance(30 * 60_000);
    const staffReply = await desk.engine.handle(
      desk.message({ author: { id: 'U_ALICE', name: 'Alice' }, text: 'Looking into it' }),
    );
    expect(staffReply).toMatchObject({
      kind: 'ticket-updated',
      change: 'staff-first-response',
      ticket: { firstResponseAt: desk.clock.now(), assigneeId: 'alice' },
    });
    const second = await desk.engine.handle(desk.message({ author: { id: 'U_ALICE' }, text: 'Can you send logs?' }));
    expect(second).toMatchObject({
      kind: 'ticket-updated',
      change: 'staff-message',
      ticket: { firstResponseAt: desk.clock.now() },
    });

    const staff = { platform: 'slack' as const, userId: 'U_ALICE' };
    expect(await desk.actions.act('pend', key, staff)).toMatchObject({ kind: 'done', ticket: { status: 'pending' } });
    expect(await desk.engine.handle(desk.message({ text: 'here are the logs' }))).toMatchObject({
      kind: 'ticket-updated',
      change: 'customer-unpended',
      ticket: { status: 'open' },
    });
    expect(await desk.actions.act('resolve', key, staff)).toMatchObject({
      kind: 'done',
      ticket: { status: 'resolved' },
    });
    const survey = (await desk.store.dueOutbox(desk.clock.now(), 20)).find((o) => o.dedupeKey.startsWith('survey:'));
    expect(survey?.message.actions?.filter((a) => a.id === 'rate.nps')).toHaveLength(11); // enterprise: NPS too
    const reopened = await desk.engine.handle(desk.message({ text: 'it happens again' }));
    expect(reopened).toMatchObject({
      kind: 'ticket-updated',
      change: 'customer-reopened',
      ticket: { status: 'open', reopenCount: 1 },
    });
    expect(await desk.actions.act('close', key, staff)).toMatchObject({ kind: 'done', ticket: { status: 'closed' } });
    const fresh = await desk.engine.handle(desk.message({ text: 'another crash' }));
    expect(fresh).toMatchObject({ kind: 'ticket-opened', ticket: { key: 'SUP-2' } });

    const transcript = await desk.store.listMessages(opened.ticket.id);
    expect(transcript.map((m) => `${m.role}:${m.text}`)).toEqual([
      'customer:crash when exporting',
      'staff:Looking into it',
      'staff:Can you send logs?',
      'customer:here are the logs',
      'customer:it happens again',
    ]);
    const actions = (await desk.store.listAudit(opened.ticket.id)).map((a) => a.action);
    expect(actions).toEqual([
      'ticket.opened',
      'ticket.first-response',
      'ticket.pend',
      'ticket.status',
      'ticket.resolve',
      'ticket.reopened',
      'ticket.close',
    ]);
  });

  it('raises an open ticket to critical when a follow-up reports an outage, with a new due time if nobody answered yet', async () => {
    const desk = createTestDesk();
    const opened = await desk.engine.handle(desk.message({ text: 'where is my invoice' }));
    expect(opened).toMatchObject({ kind: 'ticket-opened', ticket: { priority: 'medium' } });
    desk.clock.advance(10 * 60_000);
    const raised = await desk.engine.handle(desk.message({ text: 'now the whole API is down' }));
    expect(raised).toMatchObject({
      kind: 'ticket-updated',
      ticket: { priority: 'critical', category: 'service-down', firstResponseDueAt: desk.clock.now() + 2 * 3600_000 },
    });
    if (raised.kind === 'ticket-updated') expect(raised.reply?.notifyStaff).toBe(true);
    const audit = await desk.store.listAudit(raised.kind === 'ticket-updated' ? raised.ticket.id : 0);
    expect(audit.map((a) => a.action)).toContain('ticket.priority-raised');
  });

  it('suggests only articles that cover the question', async () => {
    const desk = createTestDesk();
    const loose = await desk.engine.handle(
      desk.message({
        platform: 'discord',
        conversation: { platform: 'discord', channelId: 'H', threadId: 'q' },
        author: { id: 'D_Q' },
        customerId: undefined,
        text: 'rotate the purple elephant banana',
      }),
    );
    // Confident (setup-help) with no article that covers it: not an abstention any more, but a ticket offered (issue 21.7).
    expect(loose).toMatchObject({
      kind: 'answered',
      abstained: false,
      articles: [],
      reply: { actions: [{ id: 'ticket.open' }] },
    });
  });

  it('suggests, beside the best article, only those that cover as much of the question', async () => {
    const articles = [
      {
        id: 'rotate-token',
        title: 'Rotate a token',
        body: 'To rotate a token, issue a new one.',
        tags: [],
        intents: ['setup-help'],
        tiers: [],
        platforms: [],
        language: 'en',
        updated: 0,
      },
      {
        id: 'shell',
        title: 'The shell',
        body: 'The shell needs no token.',
        tags: [],
        intents: ['setup-help'],
        tiers: [],
        platforms: [],
        language: 'en',
        updated: 0,
      },
    ];
    const desk = createTestDesk({}, { articles });
    const outcome = await desk.engine.handle(
      desk.message({ ...discordUser('D_X'), text: 'how do I rotate the token' }),
    );
    expect(outcome).toMatchObject({ kind: 'answered', articles: [{ article: { id: 'rotate-token' } }] });
    if (outcome.kind === 'answered') expect(outcome.articles).toHaveLength(1);
  });

  it('answers with an article that covers every word of a question the classifier is unsure about', async () => {
    const desk = createTestDesk();
    const outcome = await desk.engine.handle(
      desk.message({ ...discordUser('D_X'), text: 'enterprise escalation contacts' }),
    );
    expect(outcome).toMatchObject({ kind: 'answered', abstained: true, articles: [] }); // enterprise-only: not for the community
    const covered = await desk.engine.handle(
      desk.message({
        ...discordUser('D_Y'),
        conversation: { platform: 'discord', channelId: 'HELP', threadId: 'u2' },
        text: 'dashboard settings',
      }),
    );
    expect(covered).toMatchObject({
      kind: 'answered',
      abstained: false,
      classification: { confident: false },
      articles: [{ article: { id: 'reset-api-key' } }],
    });
    if (covered.kind === 'answered')
      expect(covered.reply.text).toMatch(/^I'm not sure I understood, but this article covers your question/);
  });

  it('ignores staff chatter outside tickets', async () => {
    const desk = createTestDesk();
    expect(await desk.engine.handle(desk.message({ author: { id: 'U_ALICE' }, text: 'morning all' }))).toEqual({
      kind: 'ignored',
      reason: 'staff-no-ticket',
    });
  });

  it('truncates oversized text instead of failing', async () => {
    const desk = createTestDesk();
    const outcome = await desk.engine.handle(desk.message({ text: `crash ${'x'.repeat(50_000)}` }));
    if (outcome.kind !== 'ticket-opened') throw new Error(outcome.kind);
    const [m] = await desk.store.listMessages(outcome.ticket.id);
    expect(m!.text.length).toBeLessThan(20_100);
    expect(m!.text.endsWith('[truncated]')).toBe(true);
  });

  it('does not queue the reply when the adapter answers inline', async () => {
    const desk = createTestDesk();
    const outcome = await desk.engine.handle(
      desk.message({ ...discordUser('D_X'), text: 'rotate api key?', replyInline: true }),
    );
    expect(outcome.kind).toBe('answered');
    expect(await desk.store.pendingOutboxCount()).toBe(0);
  });

  it("commits the adapter's own outbox items (outboxFor) in the same change set as the message, for every outcome", async () => {
    const desk = createTestDesk();
    const changeSets: { event?: unknown; outbox: string[]; fromTicket: string[] }[] = [];
    const commit = desk.store.commit.bind(desk.store);
    desk.store.commit = async (c) => {
      const fromTicket: string[] = [];
      const outboxFor = c.outboxFor;
      // What the store asks of outboxFor inside the commit belongs to this change set too.
      const r = await commit(
        outboxFor
          ? {
              ...c,
              outboxFor: (t) =>
                outboxFor(t).map((o) => {
                  fromTicket.push(o.dedupeKey);
                  return o;
                }),
            }
          : c,
      );
      changeSets.push({ event: c.event, outbox: (c.outbox ?? []).map((o) => o.dedupeKey), fromTicket });
      return r;
    };
    const seen: string[] = [];
    const outboxFor = (outcome: { kind: string }) => {
      seen.push(outcome.kind);
      return [
        {
          platform: 'github' as const,
          conversation: { platform: 'github' as const, channelId: 'acme/widgets', threadId: String(seen.length) },
          message: { text: outcome.kind },
          dedupeKey: `adapter:${seen.length}`,
        },
      ];
    };
    // answered (community), ticket-opened (enterprise), ticket-updated (follow-up), staff chatter without a ticket
    await desk.engine.handle(desk.message({ ...discordUser('D_X'), text: 'rotate api key?', replyInline: true }), {
      outboxFor,
    });
    await desk.engine.handle(desk.message({ text: 'the export has a bug', replyInline: true }), { outboxFor });
    await desk.engine.handle(desk.message({ text: 'any news?', replyInline: true }), { outboxFor });
    await desk.engine.handle(
      desk.message({
        author: { id: 'U_ALICE' },
        conversation: { platform: 'slack', channelId: 'C_ACME', threadId: '9.9' },
        text: 'lunch?',
      }),
      { outboxFor },
    );
    expect(seen).toEqual(['answered', 'ticket-opened', 'ticket-updated', 'ignored']);
    expect(changeSets.map((c) => [...c.outbox, ...c.fromTicket].filter((k) => k.startsWith('adapter:')))).toEqual([
      ['adapter:1'],
      ['adapter:2'],
      ['adapter:3'],
      ['adapter:4'],
    ]);
    expect(changeSets.every((c) => c.event !== undefined)).toBe(true);
    expect(await desk.store.pendingOutboxCount()).toBeGreaterThanOrEqual(4);

    // A duplicate commits nothing and asks the adapter for nothing.
    const again = desk.message({ ...discordUser('D_X'), text: 'rotate api key?' });
    await desk.engine.handle(again);
    const before = seen.length;
    expect(await desk.engine.handle(again, { outboxFor })).toEqual({ kind: 'ignored', reason: 'duplicate' });
    expect(seen.length).toBe(before);
  });

  it("keeps a third party's message in a customer's conversation on the record without moving the ticket", async () => {
    const desk = createTestDesk();
    // Casey (acme) opens a ticket in a Discord help thread; a stranger and then a colleague write in it.
    const thread = { platform: 'discord' as const, channelId: 'T_ACME_1' };
    const opened = await desk.engine.handle(
      desk.message({
        platform: 'discord',
        conversation: thread,
        author: { id: 'D_ACME' },
        customerId: undefined,
        text: 'the export has a bug',
      }),
    );
    expect(opened).toMatchObject({ kind: 'ticket-opened', ticket: { priority: 'high', customerId: 'acme' } });
    const before = await desk.store.pendingOutboxCount();
    const queuedBefore = desk.queuedCount();

    const stranger = await desk.engine.handle(
      desk.message({
        platform: 'discord',
        conversation: thread,
        author: { id: 'D_STRANGER' },
        customerId: undefined,
        text: 'our production API is down, outage!',
      }),
    );
    expect(stranger).toMatchObject({
      kind: 'ticket-updated',
      change: 'participant-message',
      classification: null,
      reply: null,
      ticket: { priority: 'high', status: 'open' },
    });
    expect(await desk.store.pendingOutboxCount()).toBe(before); // no reply, no notice
    expect(desk.queuedCount()).toBe(queuedBefore);
    const [ticket] = await desk.store.listTickets({});
    expect((await desk.store.listMessages(ticket!.id)).map((m) => [m.authorId, m.role])).toEqual([
      ['D_ACME', 'customer'],
      ['D_STRANGER', 'participant'],
    ]);
    expect((await desk.store.listAudit(ticket!.id)).map((a) => a.action)).toEqual(['ticket.opened']);

    // Resolved: a stranger's thanks does not reopen it; the customer's own message does.
    await desk.actions.act('resolve', ticket!.key, { platform: 'slack', userId: 'U_ALICE' });
    expect(
      await desk.engine.handle(
        desk.message({
          platform: 'discord',
          conversation: thread,
          author: { id: 'D_STRANGER' },
          customerId: undefined,
          text: 'thanks',
        }),
      ),
    ).toMatchObject({ change: 'participant-message', ticket: { status: 'resolved' } });
    expect(
      await desk.engine.handle(
        desk.message({
          platform: 'discord',
          conversation: thread,
          author: { id: 'D_ACME' },
          customerId: undefined,
          text: 'still broken',
        }),
      ),
    ).toMatchObject({ change: 'customer-reopened', ticket: { status: 'open' } });
  });

  it("lets anyone who maps to the ticket's customer speak for it (a colleague; every member of the customer's shared Slack channel)", async () => {
    const desk = createTestDesk();
    await desk.engine.handle(desk.message({ text: 'the export has a bug' }));
    // Another person in Acme's shared channel (C_ACME identifies the customer): an outage report raises the ticket.
    const colleague = await desk.engine.handle(
      desk.message({ author: { id: 'U_OTHER_ACME' }, text: 'it is down for everyone now, outage' }),
    );
    expect(colleague).toMatchObject({
      kind: 'ticket-updated',
      change: 'customer-message',
      ticket: { priority: 'critical' },
    });
  });
});
