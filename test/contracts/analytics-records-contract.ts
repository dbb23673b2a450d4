import { beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxItem } from '../../core/model/outbound-message.js';
import type { OutreachRecord, UsageRecord } from '../../core/ports/analytics-store.js';
import type { AnalyticsStores } from './analytics-changes-contract.js';
import { NOW } from './analytics-contract-seed.js';

const usage = (customerId: string, date: string, over: Partial<UsageRecord> = {}): UsageRecord => ({
  ...{ customerId, date, activeUsers: 10, seats: 50, events: 100, renewalDate: null },
  ...over,
});

/** Imported usage and outreach records: what the store keeps, and what it queues and announces. */
export function analyticsRecordsContract(name: string, make: () => Promise<AnalyticsStores>): void {
  describe(`AnalyticsStore contract: ${name}: usage and outreach records`, () => {
    let s: AnalyticsStores;
    beforeAll(async () => {
      s = await make();
    });

    it('imports usage in one go: a re-imported date replaces its figures and keeps a known renewal date', async () => {
      expect(await s.analytics.importUsage([])).toEqual({ imported: 0 });
      const first = await s.analytics.importUsage([
        usage('globex', '2025-06-02', { renewalDate: '2025-09-01' }),
        usage('acme', '2025-06-02'),
        usage('acme', '2025-06-01', { seats: null }),
        usage('acme', '2025-05-31'),
      ]);
      expect(first).toEqual({ imported: 4 });
      // The same date twice in one import: the later record wins, as one upsert after another would leave it.
      const again = await s.analytics.importUsage([
        usage('globex', '2025-06-02', { activeUsers: 7, events: 3_000_000_000 }),
        usage('acme', '2025-06-02', { activeUsers: 1, renewalDate: '2025-12-01' }),
        usage('acme', '2025-06-02', { activeUsers: 2 }),
      ]);
      expect(again).toEqual({ imported: 3 });
      expect(await s.analytics.usage('2025-06-01', '2025-06-03')).toEqual([
        usage('acme', '2025-06-01', { seats: null }),
        usage('acme', '2025-06-02', { activeUsers: 2, renewalDate: '2025-12-01' }),
        usage('globex', '2025-06-02', { activeUsers: 7, events: 3_000_000_000, renewalDate: '2025-09-01' }),
      ]);
      expect(await s.analytics.usage('2025-05-01', '2025-06-02', 'acme')).toEqual([
        usage('acme', '2025-05-31'),
        usage('acme', '2025-06-01', { seats: null }),
      ]);
      expect(await s.analytics.usage('2025-05-01', '2025-07-01', 'nobody')).toEqual([]);
    });

    it('records an outreach once per customer, trigger and period, with its message in the same transaction', async () => {
      let announced = 0;
      const stop = s.support.onOutboxQueued(() => announced++);
      const record = (over: Partial<OutreachRecord> = {}): OutreachRecord => ({
        ...{ customerId: 'acme', trigger: 'low-usage', periodKey: '2025-06', reasons: ['5 of 50 seats active'] },
        ...{ staffId: 'carol', at: NOW },
        ...over,
      });
      const message = (dedupeKey: string): NewOutboxItem => ({
        platform: 'slack',
        conversation: { platform: 'slack', channelId: 'U_CAROL' },
        message: { text: `outreach ${dedupeKey}` },
        dedupeKey,
      });
      expect(await s.analytics.recordOutreach(record(), message('o:1'))).toBe(true);
      expect(announced).toBe(1);
      // Fired already this period: nothing recorded, nothing queued, nothing announced.
      expect(await s.analytics.recordOutreach(record({ reasons: ['again'] }), message('o:2'))).toBe(false);
      expect(announced).toBe(1);
      // Without a message (no channel to tell): recorded, nothing queued.
      expect(
        await s.analytics.recordOutreach(record({ trigger: 'renewal-risk', staffId: null, at: NOW + 1 }), null),
      ).toBe(true);
      // Its message was queued before (same dedupe key): recorded, but no new row to announce.
      expect(await s.analytics.recordOutreach(record({ periodKey: '2025-07', at: NOW + 2 }), message('o:1'))).toBe(
        true,
      );
      expect(announced).toBe(1);
      stop();
      const queued = await s.support.dueOutbox(NOW + 10, 100);
      expect(queued.map((o) => [o.dedupeKey, o.message.text])).toEqual([['o:1', 'outreach o:1']]);
      expect(await s.analytics.listOutreach(NOW + 1)).toEqual([
        record({ periodKey: '2025-07', at: NOW + 2 }),
        record({ trigger: 'renewal-risk', staffId: null, at: NOW + 1 }),
      ]);
      expect(await s.analytics.listOutreach(NOW)).toHaveLength(3);
      expect(await s.analytics.listOutreach(NOW + 3)).toEqual([]);
    });
  });
}
