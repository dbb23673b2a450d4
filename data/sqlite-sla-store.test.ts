import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slaStoreContract } from '../test/contracts/sla-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteSlaStore } from './sqlite-sla-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

slaStoreContract('SQLite file', async (hook) => {
  const db = openDatabase(join(dir, `s${n++}.sqlite`));
  const sla = createSqliteSlaStore(db);
  return { support: createSqliteSupportStore(db, { onTicketChange: hook(sla.sink) }), sla };
});

describe('SQLite SLA specifics', () => {
  it('rolls the clocks back with the ticket when the hook or a later write fails', async () => {
    const db = openDatabase(join(dir, 'rollback.sqlite'));
    const sla = createSqliteSlaStore(db);
    const support = createSqliteSupportStore(db, {
      onTicketChange: ({ after }) => {
        sla.sink.apply(after.id, [
          { op: 'start', kind: 'resolution', startedAt: 1, dueAt: 2, warnAt: 1, nextCheckAt: 1 },
        ]);
        throw new Error('boom');
      },
    });
    const ticket = {
      status: 'open',
      priority: 'high',
      category: 'bug',
      tier: 'enterprise',
      customerId: null,
      requesterId: 'U',
      requesterName: null,
      conversation: { platform: 'slack', channelId: 'C' },
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
    } as const;
    await expect(support.commit({ at: 1, openTicket: ticket })).rejects.toThrow('boom');
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM sla_timers').pluck().get()).toBe(0);
    db.close();
  });
});
