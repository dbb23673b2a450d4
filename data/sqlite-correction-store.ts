import type { Category, Platform, Priority } from '../core/model/types.js';
import type {
  CorrectionAction,
  CorrectionKind,
  CorrectionStore,
  StoredCorrection,
} from '../core/ports/correction-store.js';
import type { SqliteDatabase } from './open-database.js';

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

/** Maintainers' label corrections in the desk's SQLite file (migration 002). */
export function createSqliteCorrectionStore(db: SqliteDatabase): CorrectionStore {
  const insert = db.prepare(`INSERT OR IGNORE INTO training_corrections
    (platform, event_id, conversation_key, kind, action, label, category, priority, predicted_category, text, actor_id, at)
    VALUES (@platform, @eventId, @conversationKey, @kind, @action, @label, @category, @priority, @predictedCategory, @text, @actorId, @at)`);
  const list = db.prepare('SELECT * FROM training_corrections ORDER BY at, id');
  return {
    async recordCorrection(c) {
      return insert.run(c).changes ? 'recorded' : 'duplicate';
    },
    async listCorrections() {
      return (list.all() as CorrectionRow[]).map(
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
