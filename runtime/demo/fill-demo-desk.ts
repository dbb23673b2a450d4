import { DateTime } from 'luxon';
import type { IntentModel } from '../../core/classifier/intent-model.js';
import { seededRandom } from '../../core/classifier/seeded-random.js';
import type { SupportConfig } from '../../core/config/support-config.js';
import type { Millis, Platform, Tier } from '../../core/model/types.js';
import { TICKET_PLATFORMS, TIERS } from '../../core/model/types.js';
import type { ChatPlatform } from '../../core/ports/chat-platform.js';
import { fixedClock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { UsageRecord } from '../../core/ports/analytics-store.js';
import type { SweepReport } from '../../core/sla/create-sla-service.js';
import { createDesk } from '../create-desk.js';
import type { Desk } from '../create-desk.js';
import { buildCast } from './demo-cast.js';
import type { Persona } from './demo-cast.js';
import { markDemoDatabase } from './demo-database.js';
import { emptyTally, pick, sceneFor } from './demo-scenes.js';
import type { DemoTally, SceneContext } from './demo-scenes.js';
import { createTimeline } from './demo-timeline.js';
import type { Scene } from './demo-timeline.js';
import { usageFor } from './demo-usage.js';

const MIN = 60_000;
const DAY = 86_400_000;
/** How often the SLA sweep runs in simulated time (the live desk sweeps every 15 s; 15 min is the update interval). */
const SWEEP_EVERY = 15 * MIN;
/** New conversations per weekday and per weekend day, before noise and a slow rise. */
const PER_WEEKDAY = 13;
const PER_WEEKEND_DAY = 4;
/** Of a day's conversations, the share from each tier (tiers without people in the configuration are skipped). */
const TIER_WEIGHTS: Record<Tier, number> = {
  community: 0.36,
  professional: 0.2,
  enterprise: 0.28,
  'white-glove': 0.16,
};

export interface FillDemoOptions {
  config: SupportConfig;
  databasePath: string;
  /** Where the trained classifier is cached (the desk's MODEL_CACHE_PATH); null to train in memory. */
  modelCachePath: string | null;
  /** A classifier to use instead of the trained one (tests). */
  model?: IntentModel;
  /** Length of the simulated period, ending at `end`. */
  days: number;
  seed: number;
  /** When the simulated period ends (now, for `npm run demo`, so the dashboard's 30 days show it). */
  end: Millis;
  /** Set SQLite's application_id so a later run knows the file is a demo (false when writing into another database). */
  markAsDemo?: boolean;
  log?: Logger;
  /** Called after each simulated day. */
  onDay?: (day: number, days: number) => void;
}

export interface DemoSummary {
  from: Millis;
  to: Millis;
  days: number;
  seed: number;
  messages: number;
  staffMessages: number;
  answered: number;
  tickets: number;
  openTickets: number;
  byTier: Record<string, number>;
  byPlatform: Record<string, number>;
  byPriority: Record<string, number>;
  sla: { hit: number; missed: number; compliance: number | null };
  sweeps: SweepReport & { runs: number };
  acknowledged: number;
  escalatedTickets: number;
  actions: DemoTally['actions'];
  ratings: { csat: number; csatAvg: number | null; nps: number; npsScore: number | null };
  votes: number;
  usageRows: number;
  outreach: number;
  weeklyReports: number;
  outboxSent: number;
  elapsedMs: number;
}

/** Every platform "delivers" at once: nothing is live, and a later `npm start` on the file must not send a month of old messages. */
function demoPlatform(platform: Platform): ChatPlatform {
  let n = 0;
  return { platform, send: async () => ({ messageId: `demo-${platform}-${++n}` }) };
}

/** Minutes after local midnight when a person writes: mostly working hours, sometimes evenings and nights. */
function minuteOfDay(random: () => number): number {
  const r = random();
  if (r < 0.8) return Math.floor((8 + random() * 10) * 60);
  return Math.floor(random() * 24 * 60);
}

function conversationTimes(day: Millis, timezone: string, random: () => number): Millis {
  const local = DateTime.fromMillis(day + DAY / 2, { zone: timezone }).startOf('day');
  return local.plus({ minutes: minuteOfDay(random) }).toMillis();
}

/**
 * Fill a database with a realistic stretch of support (a month by default): customers of every configured tier write
 * on Slack, Discord, GitHub and the shell; staff claim, answer, pend, escalate, resolve and close; customers rate,
 * vote on articles and reopen; SLA sweeps run as the clock moves, so warnings, breaches, pages and 15-minute
 * incident updates happen; usage figures are imported each day, outreach runs each morning and the weekly report
 * each Monday. Everything goes through the desk's engine, ticket actions, feedback recorder, SLA service and
 * analytics, on a clock moved through the period: no row is written around them.
 */
export async function fillDemoDesk(options: FillDemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const days = Math.max(1, Math.floor(options.days));
  const end = options.end;
  const from = end - days * DAY;
  const clock = fixedClock(from);
  const random = seededRandom(options.seed);
  const desk: Desk = await createDesk({
    config: options.config,
    databasePath: options.databasePath,
    modelCachePath: options.modelCachePath,
    log: options.log ?? silentLogger,
    clock,
    analysisWorkers: 0,
    ...(options.model ? { model: options.model } : {}),
  });
  try {
    if ((options.markAsDemo ?? true) && desk.stores.sqlite) markDemoDatabase(desk.stores.sqlite);
    for (const p of TICKET_PLATFORMS) desk.platforms.set(p, demoPlatform(p));
    const cast = buildCast(options.config);
    const tally = emptyTally();
    let ids = 0;
    const ctx: SceneContext = { desk, random, cast, tally, nextId: () => ++ids };
    const sweeps: DemoSummary['sweeps'] = {
      warnings: 0,
      breaches: 0,
      updates: 0,
      pages: 0,
      exhausted: 0,
      stale: 0,
      runs: 0,
    };
    let usageRows = 0;
    let outreach = 0;
    let weeklyReports = 0;

    const tiers = TIERS.filter((t) => (cast.byTier.get(t)?.length ?? 0) > 0);
    const weight = tiers.reduce((n, t) => n + TIER_WEIGHTS[t], 0);
    const drawPersona = (): Persona => {
      let r = random() * weight;
      const tier =
        tiers.find((t) => {
          r -= TIER_WEIGHTS[t];
          return r < 0;
        }) ?? (tiers[tiers.length - 1] as Tier);
      return pick(random, cast.byTier.get(tier) ?? []);
    };

    // Usage of the window before the demo, so growth has something to compare with.
    const customers = options.config.customers;
    const previous: UsageRecord[] = [];
    for (let d = from - days * DAY; d < from; d += DAY)
      for (const [i, c] of customers.entries())
        previous.push(usageFor(c, i, d, { progress: 0, renewalFrom: end }, random));
    if (previous.length) usageRows += (await desk.analytics.importUsage(previous)).imported;

    const timeline = createTimeline();
    const firstDay = Math.floor(from / DAY) * DAY;
    for (let day = firstDay; day < end; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      const base = weekday === 0 || weekday === 6 ? PER_WEEKEND_DAY : PER_WEEKDAY;
      const rise = 1 + (0.25 * (day - from)) / (end - from);
      const count = Math.round(base * rise * (0.75 + random() * 0.5));
      for (let k = 0; k < count; k++) {
        const persona = drawPersona();
        const at = conversationTimes(
          day,
          customers.find((c) => c.id === persona.customerId)?.timezone ?? 'UTC',
          random,
        );
        if (at < from || at >= end) continue;
        // The scene draws its text when it starts, so the draw order follows the simulated time.
        timeline.add(
          at,
          (async function* (): Scene {
            yield* sceneFor(ctx, persona);
          })(),
        );
      }
      // Nightly usage import of the day before, the morning outreach run, the Monday report.
      timeline.add(
        day + 6 * 60 * MIN,
        (async function* (): Scene {
          const records = customers.map((c, i) =>
            usageFor(c, i, day - DAY, { progress: (day - DAY - from) / (end - from), renewalFrom: end }, random),
          );
          if (records.length) usageRows += (await desk.analytics.importUsage(records)).imported;
          yield day + 8 * 60 * MIN;
          outreach += (await desk.analytics.runOutreach()).length;
          if (weekday === 1) {
            yield day + 9 * 60 * MIN;
            if (await desk.analytics.queueWeeklyReport()) weeklyReports++;
          }
        })(),
      );
    }

    let outboxSent = 0;
    const settle = async () => {
      await desk.sla.idle();
      outboxSent += (await desk.outbox.flush()).sent;
    };
    const sweep = async () => {
      const r = await desk.sla.sweep();
      for (const k of ['warnings', 'breaches', 'updates', 'pages', 'exhausted', 'stale'] as const) sweeps[k] += r[k];
      sweeps.runs++;
    };
    let nextSweep = from + SWEEP_EVERY;
    let dayMark = firstDay + DAY;
    const advanceTo = async (at: Millis) => {
      while (nextSweep <= at) {
        clock.set(nextSweep);
        await sweep();
        await settle();
        nextSweep += SWEEP_EVERY;
        while (dayMark <= nextSweep) {
          options.onDay?.(Math.round((dayMark - firstDay) / DAY), days);
          dayMark += DAY;
        }
      }
      clock.set(at);
    };
    for (let at = timeline.peek(); at !== null && at < end; at = timeline.peek()) {
      await advanceTo(at);
      await timeline.step();
      await settle();
    }
    await advanceTo(end);
    await settle();

    const m = await desk.analytics.metrics(`${days}d`);
    const counts = (dim: 'tier' | 'platform' | 'priority') =>
      Object.fromEntries(m.by[dim].map((s) => [s.key ?? 'none', s.tickets]));
    return {
      from,
      to: end,
      days,
      seed: options.seed,
      messages: tally.messages,
      staffMessages: tally.staffMessages,
      answered: tally.answered,
      tickets: m.overall.tickets,
      openTickets: m.overall.active,
      byTier: counts('tier'),
      byPlatform: counts('platform'),
      byPriority: counts('priority'),
      sla: m.overall.sla,
      sweeps,
      acknowledged: tally.acknowledged,
      escalatedTickets: Math.round((m.overall.escalationRate ?? 0) * m.overall.tickets),
      actions: tally.actions,
      ratings: {
        csat: m.overall.csat.count,
        csatAvg: m.overall.csat.avg,
        nps: m.overall.nps.count,
        npsScore: m.overall.nps.score,
      },
      votes: tally.votes,
      usageRows,
      outreach,
      weeklyReports,
      outboxSent,
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    await desk.close();
  }
}
