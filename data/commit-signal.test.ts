import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { OutreachRecord } from '../core/ports/analytics-store.js';
import { commitSignalContract } from '../test/contracts/commit-signal-contract.js';
import { commitSignalOf, createCommitSignal } from './commit-signal.js';
import { openDatabase } from './open-database.js';
import { createSqliteAnalyticsStore } from './sqlite-analytics-store.js';
import { createSqliteSlaStore } from './sqlite-sla-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const dir = mkdtempSync(join(tmpdir(), 'commit-signal-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

commitSignalContract('SQLite file', async (hook) => {
  const db = openDatabase(join(dir, `c${n++}.sqlite`));
  const sla = createSqliteSlaStore(db);
  return { support: createSqliteSupportStore(db, { onTicketChange: hook(sla.sink) }), sla };
});

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const item = (dedupeKey: string): NewOutboxItem => ({
  platform: 'slack',
  conversation: { platform: 'slack', channelId: 'C1' },
  message: { text: dedupeKey },
  dedupeKey,
});

describe('SQLite commit signal specifics', () => {
  it('fires after the COMMIT: outside the transaction, with the rows visible to another connection', async () => {
    const path = join(dir, 'visible.sqlite');
    const db = openDatabase(path);
    const other = openDatabase(path);
    const store = createSqliteSupportStore(db);
    const seen: [boolean, number][] = [];
    store.onOutboxQueued(() =>
      seen.push([db.inTransaction, other.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number]),
    );
    await store.commit({ at: T0, outbox: [item('a'), item('b')] });
    expect(seen).toEqual([[false, 2]]);
    other.close();
    await store.close();
  });

  it('in a group commit, fires for the change sets that committed and not for one that rolled back', async () => {
    const db = openDatabase(join(dir, 'group.sqlite'));
    const store = createSqliteSupportStore(db);
    let fired = 0;
    store.onOutboxQueued(() => fired++);
    // Queued in one turn of the event loop: one transaction, a savepoint each.
    const settled = await Promise.allSettled([
      store.commit({ at: T0, outbox: [item('a')] }),
      store.commit({
        at: T0,
        outbox: [item('b')],
        openTicket: {
          status: 'open',
          priority: 'high',
          category: 'bug',
          tier: 'enterprise',
          customerId: null,
          requesterId: 'U1',
          requesterName: null,
          conversation: { platform: 'slack', channelId: 'C2' },
          subject: 's',
          assigneeId: null,
          createdAt: T0,
          updatedAt: T0,
          firstResponseDueAt: null,
          firstResponseAt: null,
          resolvedAt: null,
          closedAt: null,
          reopenCount: 0,
          escalated: false,
        },
        outboxFor: () => {
          throw new Error('boom');
        },
      }),
      store.commit({ at: T0, outbox: [item('c')] }),
    ]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(fired).toBe(2);
    expect(db.prepare('SELECT dedupe_key FROM outbox ORDER BY id').pluck().all()).toEqual(['a', 'c']);
    await store.close();
  });

  it('hears every store of the database: outreach queued by the analytics store', async () => {
    const db = openDatabase(join(dir, 'outreach.sqlite'));
    const store = createSqliteSupportStore(db);
    const analytics = createSqliteAnalyticsStore(db);
    let fired = 0;
    store.onOutboxQueued(() => fired++);
    const record: OutreachRecord = {
      customerId: 'acme',
      trigger: 'low-usage',
      periodKey: '2026-11',
      reasons: ['quiet'],
      staffId: null,
      at: T0,
    };
    expect(await analytics.recordOutreach(record, item('outreach:acme'))).toBe(true);
    expect(fired).toBe(1);
    expect(await analytics.recordOutreach(record, item('outreach:acme'))).toBe(false); // this period's, already
    expect(await analytics.recordOutreach({ ...record, trigger: 'renewal-risk' }, null)).toBe(true); // nothing queued
    expect(fired).toBe(1);
    await store.close();
  });

  it('is one per database: another database’s stores do not hear it', async () => {
    const a = openDatabase(join(dir, 'a.sqlite'));
    const b = openDatabase(join(dir, 'b.sqlite'));
    expect(commitSignalOf(a)).toBe(commitSignalOf(a));
    expect(commitSignalOf(a)).not.toBe(commitSignalOf(b));
    let fired = 0;
    createSqliteSupportStore(a).onOutboxQueued(() => fired++);
    await createSqliteSupportStore(b).commit({ at: T0, outbox: [item('x')] });
    expect(fired).toBe(0);
    a.close();
    b.close();
  });

  it('keeps calling the other listeners when one throws, and does not throw itself', () => {
    const signal = createCommitSignal();
    const calls: string[] = [];
    signal.onOutboxQueued(() => {
      throw new Error('listener failed');
    });
    signal.onOutboxQueued(() => calls.push('second'));
    expect(() => signal.outboxQueued()).not.toThrow();
    expect(calls).toEqual(['second']);
  });
});
