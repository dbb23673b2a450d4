import { availableParallelism, hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Clock } from '../core/ports/clock.js';
import type { IntentModel } from '../core/classifier/intent-model.js';
import type { Logger } from '../core/ports/logger.js';
import { createDesk } from './create-desk.js';
import { createMeetingProvider } from './create-meeting-provider.js';
import type { Desk } from './create-desk.js';
import { platformCredentials } from './env.js';
import type { Env, PlatformName } from './env.js';
import { createHttpServer, sendJson } from './http-server.js';
import type { HttpServer } from './http-server.js';
import { loadConfig } from './load-config.js';
import { PLATFORM_STARTERS } from './platforms/index.js';
import { startSlaScheduler } from './sla-scheduler.js';
import { startWeb } from './platforms/web.js';
import type { PlatformStarter, RunningPlatform } from './platforms/platform-starter.js';
import { startLeadership } from './start-leadership.js';
import type { Leadership } from './start-leadership.js';
import type { SupportConfig } from '../core/config/support-config.js';

/**
 * What exactly one instance of those sharing a database may run: the Discord gateway (one bot session receives each
 * event) and the IMAP mailbox (one reader flags and moves its mail). Slack, GitHub, SMTP intake and the web run on
 * every instance.
 */
function needsLeader(name: PlatformName, config: SupportConfig): boolean {
  return name === 'discord' || (name === 'email' && config.email?.intake === 'imap');
}

/** The instance's name among several on one database (INSTANCE_ID, else host and port; the pid too for PORT=0). */
function instanceIdOf(env: Env): string {
  return env.INSTANCE_ID ?? `${hostname()}:${env.PORT === 0 ? `0:${process.pid}` : env.PORT}`;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

export interface StartOptions {
  env: Env;
  /** SUPPORT_CONFIG was set explicitly (a missing file is then an error, not a fallback to the example). */
  configExplicit: boolean;
  log: Logger;
  clock?: Clock | undefined;
  model?: IntentModel | undefined;
}

export interface RunningServer {
  desk: Desk;
  http: HttpServer;
  port: number;
  live: PlatformName[];
  stop(): Promise<void>;
}

/** What `npm start` does, callable from tests: config, database, model, index, HTTP server, live platforms. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { env, log } = options;
  const credentials = platformCredentials(env);
  const { config, path, usedExample } = loadConfig(env.SUPPORT_CONFIG, options.configExplicit);
  if (usedExample)
    log.warn(
      { config: path },
      `no ${env.SUPPORT_CONFIG} found: using the example configuration (copy it to ${env.SUPPORT_CONFIG} and edit it)`,
    );
  // One analysis worker per core beyond the first (the main thread keeps the database and the platforms).
  const analysisWorkers = env.ANALYSIS_WORKERS ?? Math.max(0, Math.min(4, availableParallelism() - 1));
  const desk = await createDesk({
    config,
    databasePath: env.DATABASE_PATH,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    instanceId: env.DATABASE_URL ? instanceIdOf(env) : 'desk',
    modelCachePath: env.MODEL_CACHE_PATH,
    log,
    clock: options.clock,
    model: options.model,
    analysisWorkers,
    outboxSendDeadlineMs: env.OUTBOX_SEND_DEADLINE_MS,
    meetingProvider: createMeetingProvider(config.calls, env),
  });
  log.info(
    {
      articles: desk.kb.size,
      model: desk.modelInfo.source,
      examples: desk.modelInfo.examples,
      trainMs: Math.round(desk.modelInfo.trainMs),
    },
    'knowledge base and classifier ready',
  );

  const http = createHttpServer((err, req) =>
    log.error({ err: err instanceof Error ? err.message : String(err), url: req.url }, 'request failed'),
  );
  const running = new Map<PlatformName, RunningPlatform>();
  let slaScheduler: ReturnType<typeof startSlaScheduler> | null = null;
  let callRetry: NodeJS.Timeout | null = null;
  const leaders = new Map<PlatformName, Leadership>();
  /** The database answers (checked at most once a second, so probes cannot load it). */
  let lastPing = { at: 0, ok: true, error: '' };
  const databaseUp = async (): Promise<boolean> => {
    if (Date.now() - lastPing.at < 1_000) return lastPing.ok;
    try {
      await desk.stores.ping();
      lastPing = { at: Date.now(), ok: true, error: '' };
    } catch (err) {
      lastPing = { at: Date.now(), ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    return lastPing.ok;
  };
  const database = () => ({
    kind: desk.stores.kind,
    where: desk.stores.where,
    up: lastPing.ok,
    ...(lastPing.ok ? {} : { error: lastPing.error }),
  });
  const instance = () => ({
    id: desk.stores.kind === 'postgres' ? instanceIdOf(env) : 'desk',
    // Which of the one-instance roles this instance holds now (on SQLite, all it runs).
    leads: [...leaders.entries()].filter(([, l]) => l.leading()).map(([name]) => name),
  });
  http.add({
    method: 'GET',
    path: '/healthz',
    handler: async (_req, res) => {
      if (!(await databaseUp())) {
        sendJson(res, 503, {
          status: 'database-unreachable',
          version: VERSION,
          database: database(),
          instance: instance(),
        });
        return;
      }
      // pendingOutbox: every item not yet sent (nor dead), those being sent included; `outbox`: the same per platform, with
      // how many of them its lane is sending now (docs/outbox.md).
      const names = ['slack', 'discord', 'github', 'email'] as const;
      const lanes = desk.outbox.lanes();
      const perPlatform = async (p: (typeof names)[number]) => ({
        pending: await desk.store.pendingOutboxCount({ platform: p }),
        inFlight: lanes[p]?.inFlight ?? 0,
      });
      const outbox = Object.fromEntries(await Promise.all(names.map(async (p) => [p, await perPlatform(p)])));
      const platforms = Object.fromEntries(names.map((p) => [p, running.has(p)]));
      sendJson(res, 200, {
        status: 'ok',
        version: VERSION,
        database: database(),
        instance: instance(),
        platforms,
        pendingOutbox: await desk.store.pendingOutboxCount(),
        outbox,
      });
    },
  });
  // For a load balancer: 200 while this instance can take work (its database answers), 503 while it cannot. The
  // instance keeps running and answers 200 again once the database is back (the pool reconnects by itself).
  http.add({
    method: 'GET',
    path: '/readyz',
    handler: async (_req, res) => {
      const up = await databaseUp();
      sendJson(res, up ? 200 : 503, { ready: up, database: database() });
    },
  });
  const web = startWeb({ desk, http, env, log: log.child({ component: 'web' }), live: credentials.live });
  const port = await http.listen(env.PORT, env.HOST);

  try {
    const startOne = async (starter: PlatformStarter) => {
      const platform = await starter.start({ desk, http, env, log: log.child({ platform: starter.name }) });
      running.set(starter.name, platform);
      desk.platforms.set(starter.name, platform.chat);
      desk.outbox.kick();
      return async () => {
        running.delete(starter.name);
        desk.platforms.delete(starter.name);
        await platform.stop();
      };
    };
    for (const starter of PLATFORM_STARTERS) {
      if (!credentials.live.includes(starter.name)) continue;
      if (!needsLeader(starter.name, desk.config)) {
        await startOne(starter);
        continue;
      }
      const leadership = await startLeadership({
        name: starter.name,
        lock: desk.stores.leaderLock(starter.name),
        retryMs: env.LEADER_RETRY_MS,
        log: log.child({ platform: starter.name }),
        lead: () => startOne(starter),
      });
      leaders.set(starter.name, leadership);
      if (!leadership.leading())
        log.info({ platform: starter.name }, `${starter.name} runs on another instance (it leads)`);
    }
    slaScheduler = startSlaScheduler({
      sla: desk.sla,
      config: desk.config,
      intervalMs: env.SLA_SWEEP_INTERVAL_MS,
      log: log.child({ component: 'sla' }),
    });
    // A video call whose meeting link could not be made (the provider was down) stays held: try again every minute.
    callRetry = setInterval(() => {
      desk.calls
        .confirmStuck()
        .then((n) => n && log.info({ confirmed: n }, 'held video calls confirmed'))
        .catch((error: unknown) => log.warn({ err: String(error) }, 'held video calls not confirmed yet'));
    }, 60_000);
    callRetry.unref();
  } catch (err) {
    await Promise.all([...leaders.values()].map((l) => l.stop().catch(() => undefined)));
    await Promise.all([...running.values()].map((p) => p.stop().catch(() => undefined)));
    await web.stop();
    await http.close();
    await desk.close();
    throw err;
  }
  desk.outbox.start();
  desk.outbox.kick();

  const live = [...running.keys()];
  const off = (['slack', 'discord', 'github'] as const)
    .filter((p) => !running.has(p) && !leaders.has(p))
    .map((p) => `${p} off (${credentials.off[p] ?? 'adapter not available'})`);
  log.info(
    { port, live },
    `support desk listening on :${port}; live: ${live.length ? live.map((p) => running.get(p)?.describe ?? p).join(', ') : 'no platforms (npm run shell talks to the desk)'}${off.length ? `; ${off.join('; ')}` : ''}`,
  );

  return {
    desk,
    http,
    port,
    live,
    async stop() {
      await slaScheduler?.stop();
      if (callRetry) clearInterval(callRetry);
      await web.stop();
      await Promise.all([...leaders.values()].map((l) => l.stop().catch(() => undefined)));
      await Promise.all(
        [...running.values()].map((p) =>
          p.stop().catch((err: unknown) => log.warn({ err: String(err) }, 'platform stop failed')),
        ),
      );
      await http.close();
      await desk.close();
    },
  };
}
