import type { SupportConfig } from '../config/support-config.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { NewOutboxItem } from '../model/outbound-message.js';
import type { Millis } from '../model/types.js';
import { whoIsOnCall } from '../oncall/who-is-on-call.js';
import type { AnalyticsStore, OpenTicketRow, OutreachRecord, UsageRecord } from '../ports/analytics-store.js';
import type { Clock } from '../ports/clock.js';
import type { TicketStore } from '../ports/ticket-store.js';
import { buildDeskMetrics } from './build-desk-metrics.js';
import type { DeskMetrics } from './build-desk-metrics.js';
import { formatReportText } from './format-report-text.js';
import { healthScore } from './health-score.js';
import type { CustomerHealth } from './health-score.js';
import type { ImprovementReport } from './improvement-report.js';
import { articleUpdateTasks, knowledgeGaps } from './knowledge-gaps.js';
import { outreachTriggers } from './outreach-triggers.js';
import { DAY_MS, isoWeekKey, monthKey, parsePeriod, previousPeriod } from './period.js';
import { risingTopics } from './rising-topics.js';
import { summariseSentiment } from './sentiment.js';

export interface AnalyticsDeps {
  store: AnalyticsStore;
  /** Used to queue the weekly report in the outbox. */
  tickets: Pick<TicketStore, 'commit'>;
  config: SupportConfig;
  clock: Clock;
  /** Reuse a period's metrics for this long (the dashboard refreshes often; a million tickets take a moment). */
  cacheMs?: number;
  /** Customer messages scored for sentiment per period (newest first). */
  sentimentSample?: number;
  /** Ticket subjects compared for rising topics per period. */
  topicSample?: number;
  healthWindowDays?: number;
}

export interface OpenTicketView extends OpenTicketRow {
  customerName: string | null;
  /** ms until the first response is due (negative = overdue); null when answered or no target. */
  dueInMs: number | null;
}

const isoDate = (at: Millis) => new Date(at).toISOString().slice(0, 10);

/** Analytics for the dashboard, the API, the report and the chat commands, over the AnalyticsStore port. */
export function createAnalytics(deps: AnalyticsDeps) {
  const { store, config, clock } = deps;
  const cache = new Map<string, { at: Millis; value: DeskMetrics }>();
  const staffNames = new Map(config.staff.map((s) => [s.id, s.name]));
  const customers = new Map(config.customers.map((c) => [c.id, c]));
  const windowDays = deps.healthWindowDays ?? 30;

  async function metrics(periodText = '30d'): Promise<DeskMetrics> {
    const now = clock.now();
    const hit = cache.get(periodText);
    if (hit && deps.cacheMs && now - hit.at < deps.cacheMs) return hit.value;
    const period = parsePeriod(periodText, now);
    const [{ groups, daily, durations }, ratings, dailyRatings, messages] = await Promise.all([
      store.ticketFacts(period, now),
      store.ratingGroups(period),
      store.dailyRatings(period),
      store.customerMessages(period, deps.sentimentSample ?? 1000),
    ]);
    const value = buildDeskMetrics(period, {
      groups,
      daily,
      durations,
      ratings,
      dailyRatings,
      sentiment: summariseSentiment(messages),
      staffNames,
    });
    cache.set(periodText, { at: now, value });
    return value;
  }

  async function improvement(periodText = '30d'): Promise<ImprovementReport> {
    const period = parsePeriod(periodText, clock.now());
    const sample = deps.topicSample ?? 5000;
    const [cur, prev, gaps, votes] = await Promise.all([
      store.ticketSubjects(period, sample),
      store.ticketSubjects(previousPeriod(period), sample),
      store.searchGaps(period, 500),
      store.articleVotes(),
    ]);
    return {
      risingTopics: risingTopics(cur, prev),
      knowledgeGaps: knowledgeGaps(gaps),
      articleUpdates: articleUpdateTasks(votes),
    };
  }

  function windowRange(now: Millis) {
    const from = now - windowDays * DAY_MS;
    return { cur: { from, to: now }, prev: { from: from - windowDays * DAY_MS, to: from } };
  }

  function byCustomer(rows: readonly UsageRecord[]) {
    const m = new Map<string, UsageRecord[]>();
    for (const r of rows) (m.get(r.customerId) ?? m.set(r.customerId, []).get(r.customerId)!).push(r);
    return m;
  }

  /** Health of every configured customer (or one), lowest score first. */
  async function health(customerId?: string): Promise<(CustomerHealth & { name: string; tier: string })[]> {
    const now = clock.now();
    const { cur, prev } = windowRange(now);
    const [usage, previous, support] = await Promise.all([
      store.usage(isoDate(cur.from), isoDate(cur.to + DAY_MS), customerId),
      store.usage(isoDate(prev.from), isoDate(prev.to), customerId),
      store.customerSupport(cur, now, customerId),
    ]);
    const u = byCustomer(usage);
    const p = byCustomer(previous);
    const s = new Map(support.map((r) => [r.customerId, r]));
    const ids = customerId ? [customerId] : [...customers.keys()];
    return ids
      .map((id) => ({
        ...healthScore({
          customerId: id,
          usage: u.get(id) ?? [],
          previousUsage: p.get(id) ?? [],
          support: s.get(id) ?? null,
          windowDays,
        }),
        name: customers.get(id)?.name ?? id,
        tier: customers.get(id)?.tier ?? 'community',
      }))
      .sort((a, b) => a.score - b.score || a.customerId.localeCompare(b.customerId));
  }

  async function customerHealth(customerId: string): Promise<(CustomerHealth & { name: string; tier: string }) | null> {
    if (!customers.has(customerId)) return null;
    const [h] = await health(customerId);
    return h ?? null;
  }

  /** Where a customer's success manager hears about outreach: their Slack DM, else the staff channel. */
  function outreachTarget(customerId: string): { staffId: string | null; conversation: ConversationRef | null } {
    const staffId = customers.get(customerId)?.successManager ?? null;
    const slackUser = staffId ? config.staff.find((s) => s.id === staffId)?.slack : undefined;
    if (slackUser) return { staffId, conversation: { platform: 'slack', channelId: slackUser } };
    return {
      staffId,
      conversation: config.slack.staffChannel ? { platform: 'slack', channelId: config.slack.staffChannel } : null,
    };
  }

  /** Fire each customer's outreach triggers, once per trigger per calendar month; returns what was newly sent. */
  async function runOutreach(): Promise<OutreachRecord[]> {
    const now = clock.now();
    const periodKey = monthKey(now);
    const all = await health();
    const support = new Map((await store.customerSupport(windowRange(now).cur, now)).map((r) => [r.customerId, r]));
    const sent: OutreachRecord[] = [];
    for (const h of all) {
      for (const fired of outreachTriggers(h, support.get(h.customerId) ?? null, now)) {
        const target = outreachTarget(h.customerId);
        const name = customers.get(h.customerId)?.name ?? h.customerId;
        const record: OutreachRecord = {
          customerId: h.customerId,
          trigger: fired.trigger,
          periodKey,
          reasons: fired.reasons,
          staffId: target.staffId,
          at: now,
        };
        const manager = target.staffId ? (staffNames.get(target.staffId) ?? target.staffId) : null;
        const message: NewOutboxItem | null = target.conversation
          ? {
              platform: 'slack',
              conversation: target.conversation,
              dedupeKey: `outreach:${h.customerId}:${fired.trigger}:${periodKey}`,
              message: {
                text: `Outreach suggested for ${name} (${fired.trigger.replace(/-/g, ' ')})${manager ? ` for ${manager}` : ''}: ${fired.reasons.join('; ')}. Health ${h.score} (${h.risk}).`,
              },
            }
          : null;
        if (await store.recordOutreach(record, message)) sent.push(record);
      }
    }
    return sent;
  }

  async function reportText(periodText = '30d'): Promise<string> {
    const [m, imp, h] = await Promise.all([metrics(periodText), improvement(periodText), health()]);
    return formatReportText(m, imp, h);
  }

  /** Queue the weekly report for the Slack staff channel (once per ISO week); false when there is no staff channel or it was queued already. */
  async function queueWeeklyReport(): Promise<boolean> {
    const channel = config.slack.staffChannel;
    if (!channel) return false;
    const now = clock.now();
    const text = await reportText('7d');
    const result = await deps.tickets.commit({
      at: now,
      outbox: [
        {
          platform: 'slack',
          conversation: { platform: 'slack', channelId: channel },
          dedupeKey: `report:weekly:${isoWeekKey(now)}`,
          message: { text: `Weekly support report\n\n${text}` },
        },
      ],
    });
    return result.kind === 'committed' && result.outboxIds.length > 0;
  }

  async function openTickets(limit = 50): Promise<OpenTicketView[]> {
    const now = clock.now();
    return (await store.openTickets(limit)).map((t) => ({
      ...t,
      customerName: t.customerId ? (customers.get(t.customerId)?.name ?? null) : null,
      dueInMs: t.firstResponseAt === null && t.firstResponseDueAt !== null ? t.firstResponseDueAt - now : null,
    }));
  }

  return {
    metrics,
    improvement,
    health,
    customerHealth,
    runOutreach,
    reportText,
    queueWeeklyReport,
    openTickets,
    onCall: () => whoIsOnCall(config.oncall.shifts, config.staff, clock.now()),
    importUsage: (records: readonly UsageRecord[]) => store.importUsage(records),
    ticketCountsByStatus: () => store.ticketCountsByStatus(),
    listOutreach: (since: Millis) => store.listOutreach(since),
  };
}

export type Analytics = ReturnType<typeof createAnalytics>;
