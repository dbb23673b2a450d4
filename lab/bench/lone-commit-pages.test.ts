import { describe, expect, it } from 'vitest';
import { createTriageEngine } from '../../core/engine/create-triage-engine.js';
import { createTestDesk } from '../../test/support/test-desk.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import { PAGE_SIZE } from '../../data/open-database.js';
import { createSqliteSupportStore } from '../../data/sqlite-support-store.js';
import { loneCommitPages } from './lone-commit-pages.js';

describe('loneCommitPages', () => {
  it('names the B-trees a lone message writes, by table, for each wanted outcome', async () => {
    const desk = createTestDesk();
    const engineOn = (db: Parameters<typeof createSqliteSupportStore>[0]) =>
      createTriageEngine({
        store: createSqliteSupportStore(db),
        kb: desk.kb,
        model: desk.model,
        config: desk.config,
        directory: createDirectory(desk.config),
        clock: desk.clock,
      });
    const warm = Array.from({ length: 20 }, (_, i) =>
      desk.message({
        text: 'The SDK throws an error on deploy',
        conversation: { platform: 'slack', channelId: 'C_ACME', threadId: `w${i}` },
      }),
    );
    const probes = [
      desk.message({ text: 'hello', conversation: { platform: 'slack', channelId: 'C_ACME', threadId: 'p0' } }),
      desk.message({
        text: 'The export crashes with an error',
        conversation: { platform: 'slack', channelId: 'C_ACME', threadId: 'p1' },
      }),
      desk.message({
        text: 'How do I rotate an api key',
        customerId: undefined,
        conversation: { platform: 'discord', channelId: 'HELP', threadId: 'p2' },
        platform: 'discord',
      }),
    ];
    const [opened, answered] = await loneCommitPages(engineOn, warm, probes, ['ticket-opened', 'answered'], 1);
    expect([opened?.samples, answered?.samples]).toEqual([1, 1]);
    expect(opened?.outcome).toBe('ticket-opened');
    expect(opened?.pageSize).toBe(PAGE_SIZE);
    expect(opened?.byTable).toMatchObject({
      inbound_events: 1,
      tickets: expect.any(Number),
      ticket_messages: expect.any(Number),
      audit_log: 2,
      outbox: expect.any(Number),
    });
    expect(opened!.byTable.tickets).toBeGreaterThanOrEqual(7); // the table and its indexes, one page each
    expect(opened?.byBtree).toMatchObject({ tickets: 1, tickets_analytics: 1, audit_log: 1, audit_log_by_ticket: 1 });
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(opened!.byTable)).toBe(opened?.pages);
    expect(sum(opened!.byBtree)).toBe(opened?.pages);
    expect(answered?.outcome).toBe('answered');
    expect(answered?.byTable.tickets).toBeUndefined(); // an answer opens no ticket
    expect(answered?.byTable.kb_searches).toBeGreaterThanOrEqual(1);
  });
});
