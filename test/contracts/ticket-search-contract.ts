import { beforeAll, describe, expect, it } from 'vitest';
import type { NewTicket, Ticket } from '../../core/model/ticket.js';
import type { ClockOp, SlaStore, SlaTransactionSink } from '../../core/ports/sla-store.js';
import type { SupportStore } from '../../core/ports/support-store.js';
import type { TicketChangeHook } from '../../core/ports/ticket-change-hook.js';
import type { TicketSearch, TicketSearchQuery } from '../../core/ports/ticket-search.js';

export type TicketSearchStores = {
  support: SupportStore;
  sla: SlaStore & { sink: SlaTransactionSink };
  search: TicketSearch;
};

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const MIN = 60_000;
const H = 3_600_000;

/** A ticket to open: its fields, its transcript, and the clocks its opening starts (due times relative to NOW). */
interface Seed {
  name: string;
  ticket: Partial<NewTicket>;
  messages?: string[];
  clocks?: { kind: 'first-response' | 'resolution'; dueIn: number; after?: 'missed' | 'hit' | 'paused' }[];
}

const SEEDS: Seed[] = [
  {
    name: 'webhook',
    ticket: { subject: 'Webhook fails with 500', status: 'open', priority: 'high', tier: 'enterprise' },
    messages: ['The webhook endpoint returns 500 since Tuesday', 'Looking into the logs now'],
    clocks: [{ kind: 'first-response', dueIn: -10 * MIN }],
  },
  {
    name: 'invoice',
    ticket: {
      subject: 'Invoice shows wrong amount',
      status: 'pending',
      priority: 'low',
      tier: 'professional',
      customerId: 'globex',
      assigneeId: 'alice',
      conversation: { platform: 'email', channelId: 'support@desk', threadId: '<m1@globex>' },
    },
    messages: ['Die Größe der Rechnung ist falsch: 120 statt 100'],
    clocks: [{ kind: 'resolution', dueIn: 30 * MIN }],
  },
  {
    name: 'login',
    ticket: {
      subject: 'Cannot log in after password reset',
      status: 'resolved',
      priority: 'medium',
      tier: 'community',
      customerId: null,
      assigneeId: 'bob',
      conversation: { platform: 'discord', channelId: 'HELP', threadId: 'login' },
    },
    messages: ['ERROR: token expired, see https://api.example.com/v2/login?next=%2F'],
    clocks: [{ kind: 'first-response', dueIn: -2 * H, after: 'missed' }],
  },
  {
    name: 'export',
    ticket: {
      subject: 'Export drops columns',
      status: 'closed',
      priority: 'critical',
      tier: 'white-glove',
      assigneeId: 'alice',
      conversation: { platform: 'github', channelId: 'acme/app', threadId: '42' },
    },
    messages: ['The CSV export drops the column named Zephyr'],
    clocks: [{ kind: 'first-response', dueIn: -H, after: 'hit' }],
  },
  {
    name: 'dashboard',
    ticket: { subject: 'Slow dashboard for EU users', status: 'open', priority: 'critical', assigneeId: 'bob' },
    messages: ['Dashboard takes 30s to load', 'Webhook deliveries are slow too'],
    clocks: [{ kind: 'first-response', dueIn: 3 * H }],
  },
  // Fillers: 25 tickets, each with two messages holding the word "routine" (so a ticket matches twice).
  ...Array.from(
    { length: 25 },
    (_, i): Seed => ({
      name: `filler${i}`,
      ticket: { subject: `Question number ${i}`, status: i % 2 ? 'open' : 'closed', priority: 'low' },
      messages: [`A routine question about setup ${i}`, 'Another routine detail'],
      clocks:
        i === 0
          ? [{ kind: 'resolution', dueIn: 0 }] // due exactly now: breached, not due soon
          : i === 1
            ? [{ kind: 'resolution', dueIn: H }] // due exactly at the end of the default window: due soon
            : i === 2
              ? [{ kind: 'resolution', dueIn: -H, after: 'paused' }] // paused: neither
              : [],
    }),
  ),
];

/**
 * The same cases against every TicketSearch (the in-memory fake, SQLite, PostgreSQL). Tickets, transcripts and clocks
 * are written through the public ports (SupportStore.commit with a clock hook, SlaStore.applySweep); `make` gets the
 * hook to install on its support store.
 */
export function ticketSearchContract(
  name: string,
  make: (hook: (sink: SlaTransactionSink) => TicketChangeHook) => Promise<TicketSearchStores>,
): void {
  describe(`TicketSearch contract: ${name}`, () => {
    let s: TicketSearchStores;
    const by = new Map<string, Ticket>();
    const id = (n: string) => by.get(n)?.id as number;
    const ids = (...names: string[]) => names.map(id).sort((a, b) => b - a);
    const search = async (q: Partial<TicketSearchQuery>) =>
      (await s.search.searchTickets({ now: NOW, limit: 100, ...q })).tickets.map((t) => t.id);
    /** Every page of a query, followed by `next`. */
    const allPages = async (q: Partial<TicketSearchQuery>) => {
      const pages: number[][] = [];
      let before: number | undefined;
      for (let i = 0; i < 50; i++) {
        const page = await s.search.searchTickets({ now: NOW, limit: 7, ...q, before });
        pages.push(page.tickets.map((t) => t.id));
        if (page.next === null) return pages;
        expect(page.next).toBe(page.tickets.at(-1)?.id);
        before = page.next;
      }
      throw new Error('paging never ended');
    };

    beforeAll(async () => {
      const clocks = new Map<string, ClockOp[]>();
      s = await make((sink) => (change) => {
        const ops = change.before === null ? clocks.get(change.after.subject) : undefined;
        if (ops) sink.apply(change.after.id, ops);
        return undefined;
      });
      let thread = 0;
      for (const seed of SEEDS) {
        const ticket: NewTicket = {
          status: 'open',
          priority: 'high',
          category: 'bug',
          tier: 'enterprise',
          customerId: 'acme',
          requesterId: 'U1',
          requesterName: 'Ann',
          conversation: { platform: 'slack', channelId: 'C1', threadId: `t${++thread}` },
          subject: 's',
          assigneeId: null,
          createdAt: NOW - 5 * H,
          updatedAt: NOW - 5 * H,
          firstResponseDueAt: null,
          firstResponseAt: null,
          resolvedAt: null,
          closedAt: null,
          reopenCount: 0,
          escalated: false,
          ...seed.ticket,
        };
        clocks.set(
          ticket.subject,
          (seed.clocks ?? []).flatMap((c): ClockOp[] => [
            {
              op: 'start',
              kind: c.kind,
              startedAt: NOW - 5 * H,
              dueAt: NOW + c.dueIn,
              warnAt: null,
              nextCheckAt: null,
            },
            ...(c.after === 'hit'
              ? [{ op: 'finish' as const, kind: c.kind, state: 'hit' as const, at: NOW - 2 * H }]
              : []),
            ...(c.after === 'paused' ? [{ op: 'pause' as const, kind: c.kind, remainingMs: H, at: NOW - 2 * H }] : []),
          ]),
        );
        const r = await s.support.commit({
          at: NOW - 5 * H,
          openTicket: ticket,
          messages: (seed.messages ?? []).map((text, i) => ({
            platform: ticket.conversation.platform,
            eventId: null,
            messageId: null,
            authorId: i ? 'alice' : 'U1',
            authorName: null,
            role: i ? ('staff' as const) : ('customer' as const),
            text,
            at: NOW - 5 * H + i,
          })),
        });
        if (r.kind !== 'committed' || !r.ticket) throw new Error(`${seed.name} not opened`);
        by.set(seed.name, r.ticket);
        for (const c of seed.clocks ?? []) {
          if (c.after !== 'missed') continue;
          const timer = (await s.sla.timersOfTicket(r.ticket.id)).find((t) => t.kind === c.kind)!;
          const [applied] = await s.sla.applySweep([
            {
              at: NOW - H,
              timer: {
                id: timer.id,
                expectVersion: timer.version,
                patch: { state: 'missed', breachedAt: NOW - H, nextCheckAt: null },
              },
            },
          ]);
          expect(applied?.kind).toBe('applied');
        }
      }
    });

    it('lists every ticket newest first without filters, whole tickets as the store reads them', async () => {
      const page = await s.search.searchTickets({ now: NOW, limit: 100 });
      expect(page.tickets.map((t) => t.id)).toEqual([...by.values()].map((t) => t.id).sort((a, b) => b - a));
      expect(page.next).toBeNull();
      expect(page.tickets.find((t) => t.id === id('invoice'))).toEqual(await s.support.getTicket(id('invoice')));
    });

    it('filters by status, tier, priority, platform, assignee, unassigned and customer', async () => {
      const open = [...by.entries()].filter(([, t]) => t.status === 'open').map(([n]) => n);
      expect(await search({ statuses: ['open'] })).toEqual(ids(...open));
      const openOrPending = [...by.entries()].filter(([, t]) => ['open', 'pending'].includes(t.status));
      expect(await search({ statuses: ['open', 'pending'] })).toEqual(ids(...openOrPending.map(([n]) => n)));
      expect(await search({ tiers: ['professional', 'white-glove'] })).toEqual(ids('invoice', 'export'));
      expect(await search({ priorities: ['critical'] })).toEqual(ids('export', 'dashboard'));
      expect(await search({ platforms: ['email', 'discord', 'github'] })).toEqual(ids('invoice', 'login', 'export'));
      expect(await search({ platforms: ['web'] })).toEqual([]);
      expect(await search({ assigneeId: 'alice' })).toEqual(ids('invoice', 'export'));
      const unassigned = [...by.entries()].filter(([, t]) => t.assigneeId === null).map(([n]) => n);
      expect(unassigned).toHaveLength(SEEDS.length - 4);
      expect(await search({ assigneeId: null })).toEqual(ids(...unassigned));
      expect(await search({ customerId: 'globex' })).toEqual(ids('invoice'));
      expect(await search({ customerId: 'nobody' })).toEqual([]);
      expect(await search({ statuses: [], tiers: [], priorities: [], platforms: [] })).toHaveLength(SEEDS.length);
    });

    it('combines filters, words and the SLA condition (all must hold)', async () => {
      expect(await search({ statuses: ['open'], tiers: ['enterprise'], priorities: ['critical'] })).toEqual(
        ids('dashboard'),
      );
      expect(await search({ statuses: ['open'], priorities: ['critical', 'high'], assigneeId: null })).toEqual(
        ids('webhook'),
      );
      expect(await search({ text: 'webhook', assigneeId: null })).toEqual(ids('webhook'));
      expect(await search({ text: 'webhook', statuses: ['open'], customerId: 'acme' })).toEqual(
        ids('dashboard', 'webhook'),
      );
      expect(await search({ text: 'webhook', sla: 'breached' })).toEqual(ids('webhook'));
      expect(await search({ sla: 'breached', statuses: ['open'] })).toEqual(ids('webhook'));
      expect(await search({ sla: 'breached', tiers: ['community'] })).toEqual(ids('login'));
      expect(await search({ text: 'routine', sla: 'due-soon' })).toEqual(ids('filler1'));
    });

    it('matches words in the subject or in one transcript message, every word in the same one', async () => {
      expect(await search({ text: 'webhook' })).toEqual(ids('dashboard', 'webhook'));
      expect(await search({ text: 'webhook 500' })).toEqual(ids('webhook')); // subject and a message both have both
      expect(await search({ text: 'tuesday' })).toEqual(ids('webhook')); // a message only
      expect(await search({ text: 'zephyr csv' })).toEqual(ids('export'));
      // "dashboard" is in the subject, "deliveries" in a message: no one text has both.
      expect(await search({ text: 'dashboard deliveries' })).toEqual([]);
      expect(await search({ text: 'webhook nothing' })).toEqual([]);
      expect(await search({ text: 'example' })).toEqual(ids('login')); // a word of a URL
      expect(await search({ text: 'api.example.com/v2' })).toEqual(ids('login'));
    });

    it('ignores case, takes the last word as a prefix too, and only the last', async () => {
      expect(await search({ text: 'ZEPHYR' })).toEqual(ids('export'));
      expect(await search({ text: 'WebHook' })).toEqual(ids('dashboard', 'webhook'));
      expect(await search({ text: 'webh' })).toEqual(ids('dashboard', 'webhook'));
      expect(await search({ text: 'deliv' })).toEqual(ids('dashboard'));
      expect(await search({ text: 'slow deliv' })).toEqual(ids('dashboard'));
      expect(await search({ text: 'webh 500' })).toEqual([]); // not the last word: whole words only
      expect(await search({ text: 'Größe' })).toEqual(ids('invoice'));
      expect(await search({ text: 'GRÖ' })).toEqual(ids('invoice'));
      expect(await search({ text: 'gross' })).toEqual([]); // no folding of ß or accents
    });

    it('reads hostile text as plain words: never a query error, never a changed meaning', async () => {
      expect(await search({ text: '"a" OR b* NEAR(' })).toEqual([]);
      expect(await search({ text: '"webhook' })).toEqual(ids('dashboard', 'webhook'));
      expect(await search({ text: "webhook' OR 1=1 --" })).toEqual([]);
      expect(await search({ text: '-webhook +500 & !x | y:* <-> (z) ^col: {a b}' })).toEqual([]);
      expect(await search({ text: 'webhook:* & 500' })).toEqual(ids('webhook'));
      expect(await search({ text: 'NOT webhook' })).toEqual([]);
      expect(await search({ text: '*** "" () : \\' })).toHaveLength(SEEDS.length); // no words: no text condition
      expect(await search({ text: '' })).toHaveLength(SEEDS.length);
      expect(await search({ text: `${'x'.repeat(5000)} ${'webhook '.repeat(50)}` })).toEqual([]);
    });

    it('finds breached tickets (missed, or running and due) and those due soon', async () => {
      expect(await search({ sla: 'breached' })).toEqual(ids('webhook', 'login', 'filler0'));
      expect(await search({ sla: 'due-soon' })).toEqual(ids('invoice', 'filler1'));
      expect(await search({ sla: 'due-soon', dueSoonMs: 10 * MIN })).toEqual([]);
      expect(await search({ sla: 'due-soon', dueSoonMs: 4 * H })).toEqual(ids('invoice', 'dashboard', 'filler1'));
      expect(await search({ sla: 'breached', now: NOW - 3 * H })).toEqual(ids('login'));
      expect(await search({ sla: 'breached', before: id('login') })).toEqual(ids('webhook'));
    });

    it('pages with next: no repeats, no gaps, the last page says so', async () => {
      const everything = await search({});
      const pages = await allPages({});
      expect(pages.flat()).toEqual(everything);
      expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
      // 25 tickets match twice each: pages of 5 are exactly full, and the last one still knows it is the last.
      const routine = await allPages({ text: 'routine', limit: 5 });
      expect(routine.map((p) => p.length)).toEqual([5, 5, 5, 5, 5]);
      expect(routine.flat()).toEqual(ids(...SEEDS.filter((x) => x.name.startsWith('filler')).map((x) => x.name)));
      expect((await allPages({ statuses: ['open'], limit: 2 })).flat()).toEqual(await search({ statuses: ['open'] }));
      expect((await allPages({ sla: 'breached', limit: 1 })).flat()).toEqual(await search({ sla: 'breached' }));
      expect((await allPages({ text: 'webh', limit: 1 })).flat()).toEqual(ids('dashboard', 'webhook'));
    });

    it('keeps the page size within 1..100 and takes any keyset bound', async () => {
      const one = await s.search.searchTickets({ now: NOW, limit: 0 });
      expect(one.tickets).toHaveLength(1);
      expect(one.next).toBe(one.tickets[0]?.id);
      expect((await s.search.searchTickets({ now: NOW, limit: 1000 })).tickets).toHaveLength(SEEDS.length);
      expect(await search({ before: 1 })).toEqual([]);
      expect(await search({ before: 1e12 })).toHaveLength(SEEDS.length);
      expect(await search({ before: id('invoice') + 0.5 })).toEqual(ids('invoice', 'webhook'));
      expect(await search({ text: 'webhook', before: id('dashboard') })).toEqual(ids('webhook'));
    });

    it('follows a changed subject and later messages', async () => {
      const t = by.get('export') as Ticket;
      await s.support.commit({ at: NOW, ticketId: t.id, patch: { subject: 'Spreadsheet download loses fields' } });
      expect(await search({ text: 'spreadsheet' })).toEqual([t.id]);
      expect(await search({ text: 'columns' })).toEqual([]);
      expect(await search({ text: 'zephyr' })).toEqual([t.id]); // its transcript is unchanged
      await s.support.commit({
        at: NOW,
        ticketId: id('invoice'),
        messages: [
          {
            platform: 'email',
            eventId: null,
            messageId: null,
            authorId: 'alice',
            authorName: null,
            role: 'staff',
            text: 'Refund issued',
            at: NOW,
          },
        ],
      });
      expect(await search({ text: 'refund' })).toEqual(ids('invoice'));
      await s.support.commit({ at: NOW, ticketId: t.id, patch: { subject: 'Export drops columns' } });
      expect(await search({ text: 'spreadsheet' })).toEqual([]);
      expect(await search({ text: 'columns' })).toEqual([t.id]);
    });
  });
}
