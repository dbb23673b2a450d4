import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TriageEngine } from '../../core/engine/create-triage-engine.js';
import type { InboundMessage } from '../../core/model/inbound-message.js';
import { openDatabase } from '../../data/open-database.js';
import type { SqliteDatabase } from '../../data/open-database.js';

/**
 * Pages one lone message's commit writes to the WAL, by the B-tree (table or index) each page belongs to: the mean
 * over `samples` messages of that outcome (a page split now and then writes a few more).
 */
export interface LoneCommitPages {
  outcome: string;
  samples: number;
  pages: number;
  /** Bytes per page (the database's `page_size`). */
  pageSize: number;
  /** Pages by table, each table's indexes included. */
  byTable: Record<string, number>;
  byBtree: Record<string, number>;
}

/**
 * Where a lone message's bytes go: on a fresh SQLite file warmed with `warm` messages, each probe is handled alone
 * after the WAL is emptied (checkpoint TRUNCATE), and each WAL frame's page is named by `dbstat`. A commit writes
 * every page it changed whole, so this is the commit's write cost in pages of `page_size` bytes. Returns, for each
 * wanted outcome kind (`ticket-opened`, `answered` with an article, `answered-without-article`...) in that order, the
 * mean over the first `perKind` probes of that kind.
 */
export async function loneCommitPages(
  makeEngine: (db: SqliteDatabase) => TriageEngine,
  warm: readonly InboundMessage[],
  probes: readonly InboundMessage[],
  wanted: readonly string[],
  perKind = 20,
): Promise<LoneCommitPages[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pages-'));
  const path = join(dir, 'pages.sqlite');
  const db = openDatabase(path);
  try {
    db.pragma('wal_autocheckpoint = 0');
    const engine = makeEngine(db);
    for (const m of warm) await engine.handle(m);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const found = new Map<
      string,
      { samples: number; pages: number; byTable: Record<string, number>; byBtree: Record<string, number> }
    >();
    const full = (kind: string) => (found.get(kind)?.samples ?? 0) >= perKind;
    for (const probe of probes) {
      if (wanted.every(full)) break;
      db.pragma('wal_checkpoint(TRUNCATE)');
      const owner = new Map<number, string>();
      for (const r of db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[])
        owner.set(r.pageno, r.name);
      const handled = await engine.handle(probe);
      // 'answered' means answered with an article (not a greeting's reply, not "no answer found").
      const kind =
        handled.kind === 'answered' && handled.articles.length === 0 ? 'answered-without-article' : handled.kind;
      if (!wanted.includes(kind) || full(kind)) continue;
      const wal = readFileSync(`${path}-wal`);
      const tableOf = new Map(
        (db.prepare('SELECT name, tbl_name FROM sqlite_master').all() as { name: string; tbl_name: string }[]).map(
          (r) => [r.name, r.tbl_name],
        ),
      );
      const sum = found.get(kind) ?? { samples: 0, pages: 0, byTable: {}, byBtree: {} };
      found.set(kind, sum);
      sum.samples++;
      const { byTable, byBtree } = sum;
      // WAL: a 32-byte header, then frames of a 24-byte header (page number first, big-endian) and one page.
      for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
        const name = owner.get(wal.readUInt32BE(at)) ?? 'new pages';
        byBtree[name] = (byBtree[name] ?? 0) + 1;
        const table = tableOf.get(name) ?? name;
        byTable[table] = (byTable[table] ?? 0) + 1;
        sum.pages++;
      }
    }
    const mean = (r: Record<string, number>, n: number) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round((v / n) * 10) / 10]));
    return wanted.flatMap((kind) => {
      const s = found.get(kind);
      return s
        ? [
            {
              outcome: kind,
              samples: s.samples,
              pages: Math.round((s.pages / s.samples) * 10) / 10,
              pageSize,
              byTable: mean(s.byTable, s.samples),
              byBtree: mean(s.byBtree, s.samples),
            },
          ]
        : [];
    });
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
