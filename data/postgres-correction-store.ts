import type { Category, Platform, Priority } from '../core/model/types.js';
import type {
  CorrectionAction,
  CorrectionKind,
  CorrectionStore,
  StoredCorrection,
} from '../core/ports/correction-store.js';
import type { PostgresDatabase } from './open-postgres.js';

interface CorrectionRow {
  id: number;
  platform: Platform;
  event_id: string;
  conversation_key: string;
  kind: CorrectionKind;
  action: CorrectionAction;
  label: string;
  category: Category | null;
  priority: Priority | null;
  predicted_category: Category | null;
  text: string;
  actor_id: string;
  at: number;
}

/**
 * Maintainers' label corrections on PostgreSQL. A correction is recorded once per (platform, event id): the unique
 * key decides, so two instances handling one redelivered event get one 'recorded' and one 'duplicate'. A duplicate
 * uses up an id of the sequence, as it does SQLite's AUTOINCREMENT; SQLite's INSERT OR IGNORE would also swallow a
 * NOT NULL or CHECK violation as 'duplicate', which here is an error (the port's types rule those values out).
 */
export function createPostgresCorrectionStore(db: PostgresDatabase): CorrectionStore {
  const { pool } = db;
  return {
    async recordCorrection(c) {
      const { rowCount } = await pool.query(
        `INSERT INTO training_corrections (platform, event_id, conversation_key, kind, action, label, category, priority,
          predicted_category, text, actor_id, at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (platform, event_id) DO NOTHING`,
        [
          c.platform,
          c.eventId,
          c.conversationKey,
          c.kind,
          c.action,
          c.label,
          c.category,
          c.priority,
          c.predictedCategory,
          c.text,
          c.actorId,
          c.at,
        ],
      );
      return rowCount ? 'recorded' : 'duplicate';
    },
    async listCorrections() {
      const { rows } = await pool.query<CorrectionRow>(
        `SELECT id, platform, event_id, conversation_key, kind, action, label, category, priority, predicted_category,
          text, actor_id, at FROM training_corrections ORDER BY at, id`,
      );
      return rows.map(
        (r): StoredCorrection => ({
          id: r.id,
          platform: r.platform,
          eventId: r.event_id,
          conversationKey: r.conversation_key,
          kind: r.kind,
          action: r.action,
          label: r.label,
          category: r.category,
          priority: r.priority,
          predictedCategory: r.predicted_category,
          text: r.text,
          actorId: r.actor_id,
          at: r.at,
        }),
      );
    },
  };
}
