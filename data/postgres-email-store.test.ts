import { afterAll, describe, expect, it } from 'vitest';
import { emailStoreContract } from '../test/contracts/email-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import type { PostgresDatabase } from './open-postgres.js';
import { openPostgres } from './open-postgres.js';
import { createPostgresEmailStore } from './postgres-email-store.js';

const others: PostgresDatabase[] = [];
afterAll(async () => {
  for (const db of others.splice(0)) await db.close().catch(() => undefined);
  await closeTestPostgres();
});

emailStoreContract('PostgreSQL', async () => createPostgresEmailStore(await openTestPostgres()));

const T0 = Date.UTC(2026, 11, 3, 9);
const W = 600_000;
const thread = (threadId: string, subject = 'Login fails') => ({
  threadId,
  mailbox: 'support@desk.test',
  customerAddress: 'jane@acme.test',
  customerName: null,
  subject,
  createdAt: T0,
});

/** Two instances on one schema, each with its own pool, connected before the race. */
async function twoInstances() {
  const one = await openTestPostgres();
  const two = await openPostgres(one.url, { migrate: false });
  others.push(two);
  await Promise.all([one.pool.query('SELECT 1'), two.pool.query('SELECT 1')]);
  return { a: createPostgresEmailStore(one), b: createPostgresEmailStore(two) };
}

describe('PostgreSQL email store specifics', () => {
  it('two instances claiming one sender at once: exactly one acknowledges, each time', async () => {
    const { a, b } = await twoInstances();
    for (let i = 0; i < 25; i++) {
      const address = `sender-${i}@acme.test`;
      const [x, y] = await Promise.all([
        a.claimAcknowledgement(address, T0, W, `a-${i}`),
        b.claimAcknowledgement(address.toUpperCase(), T0 + 1, W, `b-${i}`),
      ]);
      expect([x, y].filter(Boolean)).toHaveLength(1);
      // After the window, again exactly one of two.
      const [p, q] = await Promise.all([
        a.claimAcknowledgement(address, T0 + 2 * W, W, `a2-${i}`),
        b.claimAcknowledgement(address, T0 + 2 * W, W, `b2-${i}`),
      ]);
      expect([p, q].filter(Boolean)).toHaveLength(1);
    }
  });

  it('two instances opening one thread at once both get the first one; recording one mail twice at once is one row', async () => {
    const { a, b } = await twoInstances();
    for (let i = 0; i < 10; i++) {
      const [x, y] = await Promise.all([a.openThread(thread(`t${i}`, 'A')), b.openThread(thread(`t${i}`, 'B'))]);
      expect(x).toEqual(y);
      await Promise.all([
        a.recordMessage({ messageId: `m${i}`, threadId: `t${i}`, direction: 'in', at: T0 }),
        b.recordMessage({ messageId: `m${i}`, threadId: `t${i}`, direction: 'in', at: T0 }),
      ]);
      expect(await a.threadMessageIds(`t${i}`, 10)).toEqual([`m${i}`]);
    }
  });

  it('the cursor ends at the highest UID whichever of two instances saves last', async () => {
    const { a, b } = await twoInstances();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).saveCursor({ mailbox: 'INBOX', uidValidity: 3, lastUid: i }),
      ),
    );
    expect(await a.getCursor('INBOX')).toEqual({ mailbox: 'INBOX', uidValidity: 3, lastUid: 19 });
  });

  it('mails of one millisecond keep the order they were recorded in, across instances', async () => {
    const { a, b } = await twoInstances();
    await a.openThread(thread('t'));
    const ids = Array.from({ length: 12 }, (_, i) => `z${11 - i}@x`); // names sort against the order of recording
    for (const [i, messageId] of ids.entries())
      await (i % 2 ? a : b).recordMessage({ messageId, threadId: 't', direction: i % 3 ? 'out' : 'in', at: T0 });
    expect(await a.threadMessageIds('t', 100)).toEqual(ids);
    expect(await b.threadMessageIds('t', 3)).toEqual(ids.slice(-3));
    expect(await b.threadMessageIds('t', -1)).toEqual(ids);
    expect(await b.lastInboundMessageId('t')).toBe(ids[9]);
  });

  it('keeps the first of two attachments with one identity in a single call', async () => {
    const { a } = await twoInstances();
    const base = { messageId: 'm', position: 0, contentType: 'text/plain', size: 1, at: T0 };
    await a.saveAttachments([
      { ...base, filename: 'first.txt', content: new Uint8Array([1]) },
      { ...base, filename: 'second.txt', content: new Uint8Array([2]) },
    ]);
    await a.saveAttachments([]);
    expect((await a.listAttachments('m')).map((x) => x.filename)).toEqual(['first.txt']);
    expect(await a.readAttachment('m', 0)).toEqual(new Uint8Array([1]));
  });
});
