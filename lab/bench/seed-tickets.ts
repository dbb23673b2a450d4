import { seededRandom } from '../../core/classifier/seeded-random.js';
import type { SqliteDatabase } from '../../data/open-database.js';

const DAY = 86_400_000;
const TIERS = ['community', 'professional', 'enterprise', 'white-glove'] as const;
const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
const PLATFORMS = ['slack', 'discord', 'github'] as const;
const CATEGORIES = [
  'service-down',
  'security-issue',
  'data-loss',
  'performance-issue',
  'bug',
  'feature-request',
  'documentation',
  'setup-help',
  'account-billing',
  'general-question',
] as const;
const SUBJECTS = [
  'webhook fails with 500',
  'slow dashboard for EU users',
  'cannot log in after reset',
  'invoice shows wrong amount',
  'how do I rotate the token',
  'bot does not answer in thread',
  'export drops columns',
  'add GitLab support',
  'docs example does not compile',
  'crash on startup with config file',
];
const TEXTS = [
  'Thanks, that fixed it!',
  'It still does not work after the upgrade.',
  'How do I configure the Slack app?',
  'This is really frustrating, the build is broken again.',
  'Great, works now.',
];

/**
 * Seed `count` tickets spread evenly over `days` days before `now`, with a customer message each, one or two staff
 * replies for answered tickets, and ratings for a fifth of them. One transaction, prepared statements.
 */
export function seedTickets(
  db: SqliteDatabase,
  options: { count: number; days: number; now: number; agents?: number; customers?: number; seed?: number },
): { tickets: number; messages: number; ratings: number } {
  const r = seededRandom(options.seed ?? 42); // deterministic (mulberry32): every run seeds the same data
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const agents = Array.from({ length: options.agents ?? 12 }, (_, i) => `agent-${i + 1}`);
  const customers = Array.from({ length: options.customers ?? 200 }, (_, i) => `customer-${i + 1}`);
  const insertTicket =
    db.prepare(`INSERT INTO tickets (id, key, status, priority, category, tier, customer_id, requester_id, platform, channel_id, conversation_key, subject,
    assignee_id, created_at, updated_at, first_response_due_at, first_response_at, resolved_at, closed_at, reopen_count, escalated)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMessage = db.prepare(
    'INSERT INTO ticket_messages (ticket_id, platform, author_id, role, text, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertRating = db.prepare('INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (?, ?, ?, ?, ?)');
  let messages = 0;
  let ratings = 0;
  const span = options.days * DAY;
  // Build the indexes once after the rows are in (much faster than maintaining them row by row).
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('tickets', 'ticket_messages', 'ratings')",
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  // A throw-away file: no rollback journal or fsync while seeding.
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    for (let id = 1; id <= options.count; id++) {
      const created = options.now - span + Math.floor(((id - 0.5) / options.count) * span);
      const tier = pick(TIERS);
      const priority = pick(PRIORITIES);
      const platform = pick(PLATFORMS);
      const target =
        tier === 'community'
          ? priority === 'low'
            ? 7 * DAY
            : priority === 'medium'
              ? 3 * DAY
              : null
          : (priority === 'critical' ? 2 : priority === 'high' ? 4 : priority === 'medium' ? 8 : 24) * 3_600_000;
      const due = target === null ? null : created + target;
      const age = options.now - created;
      const answered = r() < Math.min(0.97, age / (6 * 3_600_000));
      const responseMs = Math.floor(-Math.log(1 - r()) * (target ?? DAY) * 0.45);
      const firstResponse = answered && created + responseMs < options.now ? created + responseMs : null;
      const resolvedAt =
        firstResponse !== null && r() < 0.85 && firstResponse + 3_600_000 < options.now
          ? firstResponse + Math.floor(r() * 3 * DAY)
          : null;
      const resolved = resolvedAt !== null && resolvedAt < options.now ? resolvedAt : null;
      // Unresolved tickets older than two weeks were closed without a resolution (a desk has hundreds open, not 150k).
      const stale = resolved === null && age > 14 * DAY;
      const status = stale
        ? 'closed'
        : resolved === null
          ? firstResponse === null
            ? 'open'
            : r() < 0.5
              ? 'pending'
              : 'open'
          : r() < 0.6
            ? 'closed'
            : 'resolved';
      const agent = firstResponse === null && r() < 0.5 ? null : pick(agents);
      const customer = tier === 'community' ? null : pick(customers);
      insertTicket.run(
        id,
        `SUP-${id}`,
        status,
        priority,
        pick(CATEGORIES),
        tier,
        customer,
        `user-${id % 5000}`,
        platform,
        `C${id % 300}`,
        `${platform}:C${id % 300}:${id}`,
        pick(SUBJECTS),
        agent,
        created,
        resolved ?? firstResponse ?? created,
        due,
        firstResponse,
        resolved,
        status === 'closed' ? (resolved ?? created + 14 * DAY) : null,
        r() < 0.05 ? 1 : 0,
        r() < 0.04 ? 1 : 0,
      );
      insertMessage.run(id, platform, `user-${id % 5000}`, 'customer', pick(TEXTS), created);
      messages++;
      if (firstResponse !== null) {
        insertMessage.run(
          id,
          platform,
          agent ?? 'agent-1',
          'staff',
          'Thanks for the report, looking into it.',
          firstResponse,
        );
        messages++;
        if (r() < 0.3) {
          insertMessage.run(id, platform, agent ?? 'agent-1', 'staff', 'Here is the fix.', firstResponse + 1000);
          messages++;
        }
      }
      if (resolved !== null && r() < 0.2) {
        insertRating.run(id, 'csat', 1 + Math.min(4, Math.floor(r() * 5.6)), `user-${id % 5000}`, resolved + 60_000);
        ratings++;
        if (r() < 0.5) {
          insertRating.run(id, 'nps', Math.floor(r() * 11), `user-${id % 5000}`, resolved + 60_000);
          ratings++;
        }
      }
    }
  })();
  for (const i of indexes) db.exec(i.sql);
  db.exec('ANALYZE');
  db.pragma(`journal_mode = ${journal}`);
  db.pragma('synchronous = NORMAL');
  return { tickets: options.count, messages, ratings };
}
