import type { TicketDims } from '../core/ports/analytics-store.js';
import type { SqliteDatabase } from './open-database.js';

export interface RollupDims {
  /** The dimension values of an id the roll-ups use. */
  dim(id: number): TicketDims;
  /** The id of a dimension key, if it has one yet. */
  idOf(k: TicketDims): number | undefined;
}

const keyOf = (k: TicketDims) =>
  `${k.tier}\u001f${k.platform}\u001f${k.category}\u001f${k.priority}\u001f${k.agent ?? ''}`;

/** The roll-ups' dimension keys (table rollup_dims, migration 005), cached; new ids are loaded on a miss. */
export function createRollupDims(db: SqliteDatabase): RollupDims {
  const newer = db
    .prepare('SELECT id, tier, platform, category, priority, agent FROM rollup_dims WHERE id > ? ORDER BY id')
    .raw();
  const dims: TicketDims[] = [];
  const ids = new Map<string, number>();
  const load = () => {
    for (const [id, tier, platform, category, priority, agent] of newer.all(dims.length - 1) as [
      number,
      string,
      string,
      string,
      string,
      string,
    ][]) {
      const k = { tier, platform, category, priority, agent: agent === '' ? null : agent };
      dims[id] = k;
      ids.set(keyOf(k), id);
    }
  };
  return {
    dim(id) {
      if (dims[id] === undefined) load();
      return dims[id] as TicketDims;
    },
    idOf(k) {
      const key = keyOf(k);
      if (!ids.has(key)) load();
      return ids.get(key);
    },
  };
}
