import type { ServerResponse } from 'node:http';
import type { Logger } from '../../core/index.js';

export interface TicketListFeedDeps {
  /**
   * A short string that changes whenever the open-ticket list does (the first page's keys, statuses, assignees and
   * update times). Read from the database, so a change made through another instance is seen too.
   */
  fingerprint: () => Promise<string>;
  /** How often the list is looked at while someone is watching (default 2 s). */
  intervalMs?: number;
  log: Logger;
}

/** Comment lines keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for the live ticket list. One poll per instance, whatever the number of open pages, and only
 * while at least one page is open; a change committed in this process asks for a look at once (`kick`). Each page
 * receives `event: tickets` and fetches its own rows (its filters), so the stream itself carries no ticket data.
 */
export function createTicketListFeed(deps: TicketListFeedDeps) {
  const clients = new Set<ServerResponse>();
  const intervalMs = deps.intervalMs ?? 2000;
  let last: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let checking = false;
  let again = false;

  const broadcast = (text: string) => {
    for (const res of clients) res.write(text);
  };

  async function check(): Promise<void> {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      do {
        again = false;
        const now = await deps.fingerprint();
        if (last !== null && now !== last) broadcast(`event: tickets\ndata: ${Date.now()}\n\n`);
        last = now;
      } while (again);
    } catch (err) {
      deps.log.warn({ err: String(err) }, 'live ticket list check failed');
    } finally {
      checking = false;
    }
  }

  function start() {
    if (timer) return;
    last = null;
    void check();
    timer = setInterval(() => void check(), intervalMs);
    heartbeat = setInterval(() => broadcast(': keep-alive\n\n'), HEARTBEAT_MS);
    timer.unref();
    heartbeat.unref();
  }

  function stopTimers() {
    if (timer) clearInterval(timer);
    if (heartbeat) clearInterval(heartbeat);
    timer = heartbeat = null;
  }

  return {
    /** Hold `res` open as an event stream until the page goes away. */
    subscribe(res: ServerResponse): void {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.write('retry: 3000\n\n');
      clients.add(res);
      res.on('close', () => {
        clients.delete(res);
        if (clients.size === 0) stopTimers();
      });
      start();
    },
    /** Something changed here: look now rather than at the next interval. */
    kick(): void {
      if (clients.size) void check();
    },
    watchers: () => clients.size,
    stop(): void {
      stopTimers();
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}

export type TicketListFeed = ReturnType<typeof createTicketListFeed>;
