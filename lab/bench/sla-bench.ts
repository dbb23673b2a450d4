import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSupportConfig } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import { systemClock } from '../../core/ports/clock.js';
import type { Clock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import { createSlaService } from '../../core/sla/create-sla-service.js';
import { createSlaTicketHook } from '../../core/sla/create-sla-ticket-hook.js';
import { openDatabase } from '../../data/open-database.js';
import type { SqliteDatabase } from '../../data/open-database.js';
import { createSqliteSlaStore } from '../../data/sqlite-sla-store.js';
import { createSqliteSupportStore } from '../../data/sqlite-support-store.js';
import { startSlaScheduler } from '../../runtime/sla-scheduler.js';

const H = 3_600_000;
const OPEN_TIMERS = Number(process.env.SLA_BENCH_TIMERS ?? 100_000);

function benchConfig() {
  const parsed = parseSupportConfig({
    customers: [{ id: 'acme', name: 'Acme', tier: 'enterprise', timezone: 'UTC' }],
    staff: [
      { id: 'alice', name: 'Alice', slack: 'U_ALICE', roles: ['agent'] },
      { id: 'maria', name: 'Maria', slack: 'U_MARIA', roles: ['support-manager'] },
    ],
    oncall: { shifts: [{ name: 'all', start: '00:00', end: '24:00', members: ['alice'] }] },
    slack: { staffChannel: 'C_STAFF' },
    sla: { digest: { enabled: false } },
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.config;
}

/** `count` open enterprise tickets with one active first-response timer each, warnings spread from `firstWarn` on. */
function seedOpenTimers(db: SqliteDatabase, count: number, firstWarn: number, spreadMs: number): void {
  const ticket =
    db.prepare(`INSERT INTO tickets (id, key, status, priority, category, tier, customer_id, requester_id, platform, channel_id, conversation_key, subject,
    created_at, updated_at, first_response_due_at) VALUES (?, ?, 'open', 'high', 'bug', 'enterprise', 'acme', 'U1', 'slack', 'C_ACME', ?, 'bench', ?, ?, ?)`);
  const timer = db.prepare(
    `INSERT INTO sla_timers (ticket_id, kind, state, started_at, due_at, warn_at, next_check_at, updated_at) VALUES (?, 'first-response', 'active', ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const warnAt = firstWarn + Math.floor((i / count) * spreadMs);
      const start = warnAt - 3 * H;
      const dueAt = warnAt + 365 * 24 * H; // far enough that the 1,000-due sweep only warns
      ticket.run(i, `SUP-${i}`, `slack:C_ACME:${i}`, start, start, dueAt);
      timer.run(i, start, dueAt, warnAt, warnAt, start);
    }
  })();
}

function desk(path: string, clock: Clock) {
  const config = benchConfig();
  const directory = createDirectory(config);
  const db = openDatabase(path);
  const sla = createSqliteSlaStore(db);
  const tickets = createSqliteSupportStore(db, {
    onTicketChange: createSlaTicketHook({ config, directory, sink: sla.sink }),
  });
  const service = createSlaService({ tickets, sla, config, directory, clock, log: silentLogger });
  return { db, config, sla, tickets, service };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * SLA sweep on a SQLite file with 100,000 open timers: an idle sweep (nothing due: the indexed query), a sweep
 * where 1,000 warnings are due, and a sweep where all 100,000 are (throughput); then the real delay between a
 * timer's due time and its page row being written, with the scheduler's interval at 1 s (the delay is bounded by
 * the interval plus one sweep, so with the default SLA_SWEEP_INTERVAL_MS = 15 s it is at most ~15 s).
 */
export async function benchSla(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'sla-bench-'));
  try {
    const T = Date.UTC(2026, 10, 23, 0, 0);
    let now = T;
    const clock: Clock = { now: () => now };
    const d = desk(join(dir, 'sweep.sqlite'), clock);
    let t = performance.now();
    seedOpenTimers(d.db, OPEN_TIMERS, T + H, 30 * 24 * H);
    const seedMs = performance.now() - t;

    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      await d.service.sweep();
      idle.push(performance.now() - t);
    }

    // 1,000 of the 100,000 reach their warning point (the seed spreads them over 30 days).
    now = T + H + Math.floor((1_000 / OPEN_TIMERS) * 30 * 24 * H);
    t = performance.now();
    const some = await d.service.sweep();
    const due1000Ms = performance.now() - t;

    now = T + 400 * 24 * H; // every timer is past due: 100,000 breaches, each starting a run and paging
    t = performance.now();
    const cpu = process.cpuUsage();
    const all = await d.service.sweep();
    const allMs = performance.now() - t;
    const allCpu = process.cpuUsage(cpu);
    d.db.close();

    // Due time -> page row, in real time, with the scheduler running on the system clock.
    const delays: number[] = [];
    const intervalMs = 1_000;
    for (let i = 0; i < 5; i++) {
      let written = 0;
      const live = desk(join(dir, `delay-${i}.sqlite`), systemClock);
      live.tickets.onOutboxQueued(() => {
        written ||= Date.now();
      });
      const dueAt = Date.now() + 300 + Math.floor(Math.random() * intervalMs);
      live.db
        .prepare(`INSERT INTO tickets (id, key, status, priority, category, tier, customer_id, requester_id, platform, channel_id, conversation_key, subject, created_at, updated_at)
        VALUES (1, 'SUP-1', 'open', 'high', 'bug', 'enterprise', 'acme', 'U1', 'slack', 'C_ACME', 'k', 's', 0, 0)`)
        .run();
      live.db
        .prepare(
          `INSERT INTO sla_timers (ticket_id, kind, state, started_at, due_at, warn_at, warned_at, next_check_at, updated_at) VALUES (1, 'first-response', 'active', 0, ?, 0, 0, ?, 0)`,
        )
        .run(dueAt, dueAt);
      const scheduler = startSlaScheduler({ sla: live.service, config: live.config, intervalMs, log: silentLogger });
      while (!written && Date.now() < dueAt + 5 * intervalMs) await new Promise((r) => setTimeout(r, 5));
      await scheduler.stop();
      delays.push(written - dueAt);
      live.db.close();
    }
    return {
      openTimers: OPEN_TIMERS,
      seedMs: Math.round(seedMs),
      sweepIdleMedianMs: round(median(idle)),
      sweep1000DueMs: round(due1000Ms),
      sweep1000DueWarnings: some.warnings,
      sweepAllDueMs: Math.round(allMs),
      sweepAllDueBreaches: all.breaches,
      sweepAllDuePages: all.pages,
      sweepAllDueCpuMs: Math.round((allCpu.user + allCpu.system) / 1000),
      sweepAllDueTimersPerSecond: Math.round((all.breaches / allMs) * 1000),
      dueToPageIntervalMs: intervalMs,
      dueToPageMedianMs: Math.round(median(delays)),
      dueToPageMaxMs: Math.round(Math.max(...delays)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchSla(), null, 2));
