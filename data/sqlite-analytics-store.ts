import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { TicketStatus } from '../core/model/types.js';
import type {
  AnalyticsStore,
  ArticleVoteRow,
  CustomerSupportRow,
  DailyRatingRow,
  OpenTicketRow,
  OutreachRecord,
  RatingGroupRow,
  SearchGapRow,
  TimeRange,
  TicketFacts,
  UsageRecord,
} from '../core/ports/analytics-store.js';
import { commitSignalOf } from './commit-signal.js';
import type { SqliteDatabase } from './open-database.js';
import { prepareOutboxInsert } from './prepare-outbox-insert.js';
import { createDailyRollups } from './sqlite-daily-rollups.js';
import { createTicketFactsAccumulator } from './ticket-facts-accumulator.js';

const DAY = 86_400_000;
const OPEN_COLUMNS =
  'id, key, subject, status, priority, tier, customer_id, assignee_id, created_at, first_response_due_at, first_response_at';
const IN_RANGE = 'created_at >= @from AND created_at < @to';
const SLA_MISSED = `first_response_due_at IS NOT NULL AND ((first_response_at IS NOT NULL AND first_response_at > first_response_due_at) OR (first_response_at IS NULL AND first_response_due_at < @now))`;
const SLA_HIT =
  'first_response_due_at IS NOT NULL AND first_response_at IS NOT NULL AND first_response_at <= first_response_due_at';
/** Resolved with exactly one staff reply (the inner LIMIT stops counting at two). */
const FCR = `resolved_at IS NOT NULL AND (SELECT COUNT(*) FROM (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = t.id AND m.role = 'staff' LIMIT 2)) = 1`;

export interface SqliteAnalyticsStoreOptions {
  /**
   * Read the period metrics (ticketFacts, ratingGroups, dailyRatings) from the daily roll-ups of migration 005,
   * refreshing the dirty days first (default). false: compute them directly from tickets and ratings, one scan of the
   * period (the reference the roll-ups are tested against).
   */
  rollups?: boolean;
}

/** The analytics queries on the desk's SQLite file: aggregates computed in SQL over the covering index of 004. */
export function createSqliteAnalyticsStore(
  db: SqliteDatabase,
  options: SqliteAnalyticsStoreOptions = {},
): AnalyticsStore {
  const rollups = options.rollups === false ? null : createDailyRollups(db);
  const q = {
    // One covering-index scan of the period: SQL computes each ticket's flags (SLA hit/missed, FCR, …) and durations;
    // the rows are summed per dimension key and day below. (A GROUP BY over five text columns sorts every row in a
    // temp B-tree, which took longer than the scan itself.)
    facts: db
      .prepare(`SELECT tier || char(31) || platform || char(31) || category || char(31) || priority || char(31) || COALESCE(assignee_id, ''),
        created_at / ${DAY}, first_response_at - created_at, resolved_at - created_at, ${SLA_HIT}, ${SLA_MISSED}, ${FCR}, escalated, reopen_count > 0,
        resolved_at IS NOT NULL OR reopen_count > 0, status IN ('open', 'pending')
      FROM tickets t INDEXED BY tickets_analytics WHERE ${IN_RANGE}`)
      .raw(),
    ratingGroups:
      db.prepare(`SELECT t.tier, t.platform, t.category, t.priority, t.assignee_id AS agent, r.kind, r.score, COUNT(*) AS count
      FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.at >= @from AND r.at < @to GROUP BY 1, 2, 3, 4, 5, 6, 7`),
    dailyRatings: db.prepare(
      `SELECT (at / ${DAY}) * ${DAY} AS day, kind, score, COUNT(*) AS count FROM ratings WHERE at >= @from AND at < @to GROUP BY 1, 2, 3`,
    ),
    customerMessages: db
      .prepare(
        `SELECT text FROM ticket_messages WHERE role = 'customer' AND at >= @from AND at < @to ORDER BY at DESC LIMIT @limit`,
      )
      .pluck(),
    subjects: db
      .prepare(
        `SELECT subject FROM tickets INDEXED BY tickets_analytics WHERE ${IN_RANGE} ORDER BY created_at DESC LIMIT @limit`,
      )
      .pluck(),
    // Unanswered tickets with a due time first (by the partial index), then the other open ones, newest first.
    openDue:
      db.prepare(`SELECT ${OPEN_COLUMNS} FROM tickets INDEXED BY tickets_open_due WHERE status IN ('open', 'pending') AND first_response_at IS NULL
      AND first_response_due_at IS NOT NULL ORDER BY first_response_due_at, id LIMIT ?`),
    openRest:
      db.prepare(`SELECT ${OPEN_COLUMNS} FROM tickets INDEXED BY tickets_by_status WHERE status IN ('open', 'pending')
      AND NOT (first_response_at IS NULL AND first_response_due_at IS NOT NULL) ORDER BY first_response_at IS NOT NULL, id DESC LIMIT ?`),
    byStatus: db.prepare('SELECT status, COUNT(*) AS n FROM tickets GROUP BY status'),
    gaps: db.prepare(`SELECT * FROM (
        SELECT lower(trim(query)) AS query, COUNT(*) AS count, 'no-result' AS reason, NULL AS articleId, MAX(at) AS lastAt, MAX(intent) AS intent
          FROM kb_searches WHERE result_count = 0 AND at >= @from AND at < @to GROUP BY 1
        UNION ALL
        SELECT lower(trim(s.query)), COUNT(*), 'not-helpful', s.top_article_id, MAX(s.at), MAX(s.intent) FROM kb_searches s
          WHERE s.at >= @from AND s.at < @to AND s.result_count > 0 AND s.top_article_id IN (
            SELECT article_id FROM kb_votes WHERE at >= @from AND at < @to GROUP BY article_id HAVING SUM(1 - helpful) > SUM(helpful))
          GROUP BY 1, 4
      ) ORDER BY count DESC, lastAt DESC LIMIT @limit`),
    votes: db.prepare(
      'SELECT article_id AS articleId, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful FROM kb_votes GROUP BY article_id ORDER BY article_id',
    ),
    usageUpsert:
      db.prepare(`INSERT INTO usage_imports (customer_id, date, active_users, seats, events, renewal_date, imported_at)
      VALUES (@customerId, @date, @activeUsers, @seats, @events, @renewalDate, @importedAt)
      ON CONFLICT (customer_id, date) DO UPDATE SET active_users = excluded.active_users, seats = excluded.seats, events = excluded.events,
        renewal_date = COALESCE(excluded.renewal_date, usage_imports.renewal_date), imported_at = excluded.imported_at`),
    usageAll:
      db.prepare(`SELECT customer_id AS customerId, date, active_users AS activeUsers, seats, events, renewal_date AS renewalDate FROM usage_imports
      WHERE date >= ? AND date < ? ORDER BY customer_id, date`),
    usageOne:
      db.prepare(`SELECT customer_id AS customerId, date, active_users AS activeUsers, seats, events, renewal_date AS renewalDate FROM usage_imports
      WHERE customer_id = ? AND date >= ? AND date < ? ORDER BY date`),
    customerTickets:
      db.prepare(`SELECT customer_id AS customerId, COUNT(*) AS tickets, SUM(priority = 'critical') AS critical, SUM(priority = 'high') AS high,
        SUM(escalated) AS escalated, SUM(${SLA_MISSED}) AS slaMissed, SUM(status IN ('open', 'pending')) AS active
      FROM tickets INDEXED BY tickets_analytics WHERE ${IN_RANGE} AND customer_id IS NOT NULL AND (@customer IS NULL OR customer_id = @customer) GROUP BY customer_id`),
    customerRatings:
      db.prepare(`SELECT t.customer_id AS customerId, r.kind, COUNT(*) AS n, SUM(r.score) AS total, SUM(r.score >= 9) AS promoters, SUM(r.score <= 6) AS detractors
      FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.at >= @from AND r.at < @to AND t.customer_id IS NOT NULL AND (@customer IS NULL OR t.customer_id = @customer)
      GROUP BY 1, 2`),
    outreachInsert: db.prepare(
      `INSERT OR IGNORE INTO outreach_notifications (customer_id, trigger, period_key, reasons, staff_id, at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    outreachSince: db.prepare(
      'SELECT customer_id, trigger, period_key, reasons, staff_id, at FROM outreach_notifications WHERE at >= ? ORDER BY at DESC',
    ),
  };

  const importTx = db.transaction((records: readonly UsageRecord[], at: number) => {
    for (const r of records) q.usageUpsert.run({ ...r, importedAt: at });
    return records.length;
  });
  const insertOutbox = prepareOutboxInsert(db);
  /** The record and its message in one transaction; says whether it recorded, and whether it queued a row. */
  const outreachTx = db.transaction((r: OutreachRecord, message: NewOutboxItem | null) => {
    const record = [r.customerId, r.trigger, r.periodKey, JSON.stringify(r.reasons), r.staffId, r.at] as const;
    if (q.outreachInsert.run(...record).changes === 0) return { recorded: false, queued: false };
    return { recorded: true, queued: message !== null && insertOutbox(message, r.at) !== null };
  });
  const range = (r: TimeRange) => ({ from: r.from, to: r.to });

  return {
    async ticketFacts(r, now) {
      if (rollups) return rollups.ticketFacts(range(r), now);
      return sumFacts(q.facts.all({ ...range(r), now }) as FactRow[]);
    },
    async ratingGroups(r) {
      if (rollups) return rollups.ratingGroups(range(r));
      return q.ratingGroups.all(range(r)) as RatingGroupRow[];
    },
    async dailyRatings(r) {
      if (rollups) return rollups.dailyRatings(range(r));
      return q.dailyRatings.all(range(r)) as DailyRatingRow[];
    },
    async customerMessages(r, limit) {
      return q.customerMessages.all({ ...range(r), limit }) as string[];
    },
    async ticketSubjects(r, limit) {
      return q.subjects.all({ ...range(r), limit }) as string[];
    },
    async openTickets(limit) {
      const due = q.openDue.all(limit) as Record<string, unknown>[];
      const rows =
        due.length < limit ? [...due, ...(q.openRest.all(limit - due.length) as Record<string, unknown>[])] : due;
      return rows.map(
        (t): OpenTicketRow => ({
          id: t.id as number,
          key: t.key as string,
          subject: t.subject as string,
          status: t.status as OpenTicketRow['status'],
          priority: t.priority as OpenTicketRow['priority'],
          tier: t.tier as OpenTicketRow['tier'],
          customerId: t.customer_id as string | null,
          assigneeId: t.assignee_id as string | null,
          createdAt: t.created_at as number,
          firstResponseDueAt: t.first_response_due_at as number | null,
          firstResponseAt: t.first_response_at as number | null,
        }),
      );
    },
    async ticketCountsByStatus() {
      const counts: Record<TicketStatus, number> = { open: 0, pending: 0, resolved: 0, closed: 0 };
      for (const r of q.byStatus.all() as { status: TicketStatus; n: number }[]) counts[r.status] = r.n;
      return counts;
    },
    async searchGaps(r, limit) {
      return q.gaps.all({ ...range(r), limit }) as SearchGapRow[];
    },
    async articleVotes() {
      return q.votes.all() as ArticleVoteRow[];
    },
    async importUsage(records) {
      return { imported: importTx(records, Date.now()) };
    },
    async usage(from, to, customerId) {
      return (
        customerId === undefined ? q.usageAll.all(from, to) : q.usageOne.all(customerId, from, to)
      ) as UsageRecord[];
    },
    async customerSupport(r, now, customerId) {
      const params = { ...range(r), now, customer: customerId ?? null };
      const rows = new Map<string, CustomerSupportRow>();
      const blank = (id: string): CustomerSupportRow => ({
        customerId: id,
        tickets: 0,
        critical: 0,
        high: 0,
        escalated: 0,
        slaMissed: 0,
        active: 0,
        csatCount: 0,
        csatSum: 0,
        npsCount: 0,
        npsPromoters: 0,
        npsDetractors: 0,
      });
      for (const t of q.customerTickets.all(params) as CustomerSupportRow[])
        rows.set(t.customerId, { ...blank(t.customerId), ...t });
      for (const x of q.customerRatings.all({ from: r.from, to: r.to, customer: customerId ?? null }) as {
        customerId: string;
        kind: string;
        n: number;
        total: number;
        promoters: number;
        detractors: number;
      }[]) {
        const row = rows.get(x.customerId) ?? rows.set(x.customerId, blank(x.customerId)).get(x.customerId)!;
        if (x.kind === 'csat') Object.assign(row, { csatCount: x.n, csatSum: x.total });
        else Object.assign(row, { npsCount: x.n, npsPromoters: x.promoters, npsDetractors: x.detractors });
      }
      return [...rows.values()];
    },
    async recordOutreach(record, message) {
      const { recorded, queued } = outreachTx(record, message); // committed when it returns
      if (queued) commitSignalOf(db).outboxQueued();
      return recorded;
    },
    async listOutreach(since) {
      return (
        q.outreachSince.all(since) as {
          customer_id: string;
          trigger: OutreachRecord['trigger'];
          period_key: string;
          reasons: string;
          staff_id: string | null;
          at: number;
        }[]
      ).map((r) => ({
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

type FactRow = [
  key: string,
  day: number,
  fr: number | null,
  rs: number | null,
  hit: number,
  missed: number,
  fcr: number,
  escalated: number,
  reopened: number,
  ever: number,
  active: number,
];

/** Sum per-ticket rows into per-dimension-key groups and per-day counts, keeping the durations. */
function sumFacts(rows: readonly FactRow[]): TicketFacts {
  const facts = createTicketFactsAccumulator<string>();
  for (const [key, dayIndex, fr, rs, hit, missed, fcr, escalated, reopened, ever, active] of rows) {
    const dims = () => {
      const [tier = '', platform = '', category = '', priority = '', agent = ''] = key.split('\u001f');
      return { tier, platform, category, priority, agent: agent === '' ? null : agent };
    };
    facts.add(key, dims, {
      day: dayIndex * DAY,
      firstResponseMs: fr,
      resolutionMs: rs,
      hit,
      missed,
      fcr,
      escalated,
      reopened,
      everResolved: ever,
      active,
    });
  }
  return facts.result();
}
