import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { supportStoreContract } from '../test/contracts/support-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const dir = mkdtempSync(join(tmpdir(), 'support-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

supportStoreContract('SQLite file', async () => createSqliteSupportStore(openDatabase(join(dir, `s${n++}.sqlite`))));

describe('SQLite specifics', () => {
  it('uses WAL, records migrations and survives reopening the file', async () => {
    const path = join(dir, 'reopen.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const store = createSqliteSupportStore(db);
    await store.commit({
      event: { platform: 'shell', eventId: 'e1', receivedAt: 1, conversationKey: 'k', authorId: 'a', outcome: 'o' },
    });
    await store.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(1);
    expect(await createSqliteSupportStore(again).hasEvent('shell', 'e1')).toBe(true);
    again.close();
  });

  it('gives every ticket the key <prefix>-<id> and returns it as a re-read would, even with a tampered sequence', async () => {
    const db = openDatabase(join(dir, 'keys.sqlite'));
    const store = createSqliteSupportStore(db, { ticketPrefix: 'ACME' });
    const open = (i: number) =>
      store.commit({
        openTicket: {
          status: 'open',
          priority: 'high',
          category: 'bug',
          tier: 'enterprise',
          customerId: null,
          requesterId: 'U1',
          requesterName: null,
          conversation: { platform: 'discord', channelId: `C${i}` },
          subject: 's',
          assigneeId: null,
          createdAt: 1,
          updatedAt: 1,
          firstResponseDueAt: null,
          firstResponseAt: null,
          resolvedAt: null,
          closedAt: null,
          reopenCount: 0,
          escalated: false,
        },
      });
    const first = await Promise.all([open(1), open(2), open(3)]);
    expect(first.map((r) => (r.kind === 'committed' ? r.ticket?.key : r.kind))).toEqual(['ACME-1', 'ACME-2', 'ACME-3']);
    db.exec("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'tickets'"); // behind the largest id
    const fourth = await open(4);
    db.exec("UPDATE sqlite_sequence SET seq = 40 WHERE name = 'tickets'"); // ahead of it
    const fifth = await open(5);
    for (const r of [...first, fourth, fifth]) {
      if (r.kind !== 'committed' || !r.ticket) throw new Error('not committed');
      expect(r.ticket.key).toBe(`ACME-${r.ticket.id}`);
      expect(await store.getTicket(r.ticket.id)).toEqual(r.ticket);
    }
    expect(fifth.kind === 'committed' && fifth.ticket?.id).toBe(41);
    const patched = await store.commit({
      ticketId: 41,
      expectStatus: 'open',
      patch: { status: 'pending', escalated: true, assigneeId: 'S1', updatedAt: 9 },
    });
    expect(patched.kind === 'committed' && patched.ticket).toEqual(await store.getTicket(41));
    expect(patched.kind === 'committed' && patched.ticket?.escalated).toBe(true);
    await store.close();
  });
});
