import type { AnalyticsStore, OutreachRecord } from '../core/ports/analytics-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import { insertOutboxRow } from './postgres-outbox-insert.js';
import { inTransaction } from './postgres-transaction.js';

interface OutreachRow {
  customer_id: string;
  trigger: OutreachRecord['trigger'];
  period_key: string;
  reasons: string;
  staff_id: string | null;
  at: number;
}

export type PostgresOutreachRecords = Pick<AnalyticsStore, 'recordOutreach' | 'listOutreach'>;

/**
 * Outreach notifications on PostgreSQL. A record and its outbox row are one transaction; the primary key (customer,
 * trigger, period) decides "once per period", also between instances: a concurrent insert of the same key waits for
 * the other transaction and then does nothing. Queued rows are announced on the database's CommitSignal after COMMIT.
 */
export function createPostgresOutreachRecords(db: PostgresDatabase): PostgresOutreachRecords {
  const { pool } = db;
  return {
    async recordOutreach(r, message) {
      const { recorded, queued } = await inTransaction(pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO outreach_notifications (customer_id, trigger, period_key, reasons, staff_id, at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [r.customerId, r.trigger, r.periodKey, JSON.stringify(r.reasons), r.staffId, r.at],
        );
        if (inserted.rowCount === 0) return { recorded: false, queued: false };
        return { recorded: true, queued: message !== null && (await insertOutboxRow(client, message, r.at)) !== null };
      });
      if (queued) db.signal.outboxQueued(); // committed when inTransaction returns
      return recorded;
    },
    async listOutreach(since) {
      const { rows } = await pool.query<OutreachRow>(
        'SELECT customer_id, trigger, period_key, reasons, staff_id, at FROM outreach_notifications WHERE at >= $1 ORDER BY at DESC',
        [Math.ceil(since)],
      );
      return rows.map((r) => ({
        customerId: r.customer_id,
        trigger: r.trigger,
        periodKey: r.period_key,
        reasons: JSON.parse(r.reasons) as string[],
        staffId: r.staff_id,
        at: r.at,
      }));
    },
  };
}
