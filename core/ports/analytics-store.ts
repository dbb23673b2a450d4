import type { NewOutboxItem } from '../model/outbound-message.js';
import type { Millis, Priority, Tier, TicketStatus } from '../model/types.js';

/** A half-open time window [from, to) in epoch ms. */
export interface TimeRange {
  from: Millis;
  to: Millis;
}

/** The ticket fields metrics are broken down by; `agent` is the assignee (null = unassigned). */
export interface TicketDims {
  tier: string;
  platform: string;
  category: string;
  priority: string;
  agent: string | null;
}

/**
 * Counts and sums over the tickets opened in a range, grouped by all five dimensions at once (a few hundred rows at
 * most), so every breakdown is an exact roll-up without another scan.
 */
export interface TicketGroupRow extends TicketDims {
  tickets: number;
  /** Tickets with a first response, and the sum of their response times. */
  responded: number;
  responseMsSum: number;
  /** SLA clocks (first response): hit = answered by the due time; missed = answered late, or unanswered past due at `now`. */
  slaHit: number;
  slaMissed: number;
  /** Tickets resolved (resolved_at set), the sum of their resolution times, and those resolved with exactly one staff reply. */
  resolved: number;
  resolutionMsSum: number;
  fcr: number;
  escalated: number;
  /** Tickets reopened at least once, and tickets resolved at least once (resolved now, or reopened). */
  reopened: number;
  everResolved: number;
  /** Still open or pending. */
  active: number;
}

/** Per UTC day (start of day, ms) of the range. */
export interface DailyTicketRow {
  day: Millis;
  tickets: number;
  slaHit: number;
  slaMissed: number;
  resolved: number;
}

/** One row per ticket with a first response or a resolution: only the columns percentiles need. */
export interface DurationRow extends TicketDims {
  day: Millis;
  firstResponseMs: number | null;
  resolutionMs: number | null;
}

export interface TicketFacts {
  groups: TicketGroupRow[];
  daily: DailyTicketRow[];
  durations: DurationRow[];
}

/** Ratings given in the range, grouped by kind and score and the rated ticket's dimensions. */
export interface RatingGroupRow extends TicketDims {
  kind: 'csat' | 'nps';
  score: number;
  count: number;
}

export interface DailyRatingRow {
  day: Millis;
  kind: 'csat' | 'nps';
  score: number;
  count: number;
}

export interface OpenTicketRow {
  id: number;
  key: string;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  tier: Tier;
  customerId: string | null;
  assigneeId: string | null;
  createdAt: Millis;
  firstResponseDueAt: Millis | null;
  firstResponseAt: Millis | null;
}

/** A knowledge-base search that found nothing, or whose top article was voted "not helpful". */
export interface SearchGapRow {
  query: string;
  count: number;
  reason: 'no-result' | 'not-helpful';
  articleId: string | null;
  lastAt: Millis;
  /** What the classifier made of the message that searched (null for a `/kb` search, or when not recorded). */
  intent?: string | null;
}

export interface ArticleVoteRow {
  articleId: string;
  helpful: number;
  notHelpful: number;
}

/** Imported per-customer activity figures for one date (a day, or the first day of a week/month of figures). */
export interface UsageRecord {
  customerId: string;
  /** YYYY-MM-DD. */
  date: string;
  activeUsers: number;
  /** Licensed seats, when known. */
  seats: number | null;
  /** Product actions (API calls, builds, sessions…) in that interval. */
  events: number;
  /** YYYY-MM-DD of the next renewal, when known. */
  renewalDate: string | null;
}

/** A customer's tickets and ratings in a range. */
export interface CustomerSupportRow {
  customerId: string;
  tickets: number;
  critical: number;
  high: number;
  escalated: number;
  slaMissed: number;
  active: number;
  csatCount: number;
  csatSum: number;
  npsCount: number;
  npsPromoters: number;
  npsDetractors: number;
}

export type OutreachTrigger = 'low-usage' | 'support-escalation' | 'renewal-risk' | 'expansion-opportunity';

export interface OutreachRecord {
  customerId: string;
  trigger: OutreachTrigger;
  /** The period the trigger fired for (e.g. `2025-06`); one notification per customer, trigger and period. */
  periodKey: string;
  reasons: string[];
  /** The success manager notified (null when the customer has none: the staff channel gets it). */
  staffId: string | null;
  at: Millis;
}

/** The queries analytics needs, aggregated where the data lives (SQL in data/). */
export interface AnalyticsStore {
  /** The period's tickets as group sums, daily counts and the durations percentiles need, from one scan. */
  ticketFacts(range: TimeRange, now: Millis): Promise<TicketFacts>;
  ratingGroups(range: TimeRange): Promise<RatingGroupRow[]>;
  dailyRatings(range: TimeRange): Promise<DailyRatingRow[]>;
  /** Texts of the newest customer messages in the range (a bounded sample for sentiment). */
  customerMessages(range: TimeRange, limit: number): Promise<string[]>;
  /** Subjects of the newest tickets opened in the range (a bounded sample for topics). */
  ticketSubjects(range: TimeRange, limit: number): Promise<string[]>;
  /** Open and pending tickets, the most urgent (earliest due) first. */
  openTickets(limit: number): Promise<OpenTicketRow[]>;
  ticketCountsByStatus(): Promise<Record<TicketStatus, number>>;
  searchGaps(range: TimeRange, limit: number): Promise<SearchGapRow[]>;
  articleVotes(): Promise<ArticleVoteRow[]>;
  /** Insert or replace (customer, date) rows in one transaction. */
  importUsage(records: readonly UsageRecord[]): Promise<{ imported: number }>;
  /** Usage rows with `from <= date < to` (YYYY-MM-DD), for one customer or all. */
  usage(from: string, to: string, customerId?: string): Promise<UsageRecord[]>;
  customerSupport(range: TimeRange, now: Millis, customerId?: string): Promise<CustomerSupportRow[]>;
  /**
   * Record an outreach notification and queue its message, in one transaction; false (and nothing queued) when this
   * customer's trigger already fired in this period.
   */
  recordOutreach(record: OutreachRecord, message: NewOutboxItem | null): Promise<boolean>;
  listOutreach(since: Millis): Promise<OutreachRecord[]>;
}
