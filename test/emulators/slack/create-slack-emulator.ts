import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { answerWebApiCall } from './answer-web-api-call.js';
import type { WebApiArgs } from './answer-web-api-call.js';
import { createSlackMessageStore } from './slack-message-store.js';
import { createSocketModeLink } from './socket-mode-link.js';

/** One request the bot made: a Web API method (`chat.postMessage`…) or a `response_url` post. */
export interface RecordedCall {
  method: string;
  args: WebApiArgs;
  /** The HTTP status the emulator answered (429/500 when a failure was injected). */
  status: number;
  authorization: string | undefined;
  at: number;
}

interface Failure {
  status: 429 | 500 | 503;
  remaining: number;
  retryAfterSec: number;
  /** The call takes effect and only its answer fails (a response lost on the way back). */
  landed: boolean;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Form fields as the WebClient sends them; JSON-stringified non-scalars (blocks…) are parsed back. */
function parseArgs(raw: string, contentType: string | undefined): WebApiArgs {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as WebApiArgs;
  const form = parseQuery(raw);
  return Object.fromEntries(
    Object.entries(form).map(([k, v]) => {
      const value = Array.isArray(v) ? v[0] : v;
      if (typeof value === 'string' && /^[[{]/.test(value)) {
        try {
          return [k, JSON.parse(value) as unknown];
        } catch {
          return [k, value];
        }
      }
      return [k, value];
    }),
  );
}

/**
 * A loopback Slack: the Web API on `/api/<method>`, `response_url`s on `/response/<id>` and Socket Mode on `/link`.
 * It records every call, keeps channels' messages, and can be told to fail the next calls of a method.
 */
export async function createSlackEmulator() {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure>();
  const missingChannels = new Set<string>();
  const delays = new Map<string, number>();
  /** Calls of a hung method wait here, unanswered, until `release`. */
  const holds = new Map<string, (() => void)[]>();
  const store = createSlackMessageStore();
  let responseSeq = 0;
  let port = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const raw = await readBody(req);
      const args = parseArgs(raw, req.headers['content-type']);
      const method = path.startsWith('/api/')
        ? path.slice('/api/'.length)
        : path.startsWith('/response/')
          ? 'response_url'
          : path;
      const waiting = holds.get(method);
      if (waiting) await new Promise<void>((r) => waiting.push(r));
      const delay = delays.get(method);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const failure = failures.get(method);
      if (failure && failure.remaining > 0) {
        failure.remaining -= 1;
        if (failure.landed && method !== 'response_url')
          answerWebApiCall(method, args, { store, missingChannels, socketUrl: () => socket.connectUrl() });
        calls.push({ method, args, status: failure.status, authorization: req.headers.authorization, at: Date.now() });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (failure.status === 429) headers['retry-after'] = String(failure.retryAfterSec);
        res.writeHead(failure.status, headers);
        res.end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
        return;
      }
      calls.push({ method, args, status: 200, authorization: req.headers.authorization, at: Date.now() });
      const body =
        method === 'response_url'
          ? { ok: true }
          : answerWebApiCall(method, args, { store, missingChannels, socketUrl: () => socket.connectUrl() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  const socket = createSocketModeLink(server, () => port);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  function release(method?: string): void {
    for (const [m, waiting] of holds) {
      if (method !== undefined && m !== method) continue;
      holds.delete(m);
      for (const go of waiting) go();
    }
  }

  const matching = (predicate: (c: RecordedCall) => boolean) => calls.filter(predicate);

  return {
    url,
    /** The value for SLACK_API_URL. */
    apiUrl: `${url}/api/`,
    calls,
    store,
    socket,
    /** Calls of one method that succeeded (status 200), in order. */
    succeeded: (method: string) => calls.filter((c) => c.method === method && c.status === 200),
    newResponseUrl: () => `${url}/response/${++responseSeq}`,
    /**
     * Answer the next `times` calls of `method` with 429 (retry-after seconds) or a 5xx; Infinity until `recover`.
     * `landed`: the calls still take effect (a message is posted) and only the answer is the failure.
     */
    fail(
      method: string,
      options: { status: 429 | 500 | 503; times?: number; retryAfterSec?: number; landed?: boolean },
    ) {
      failures.set(method, {
        status: options.status,
        remaining: options.times ?? 1,
        retryAfterSec: options.retryAfterSec ?? 1,
        landed: options.landed ?? false,
      });
    },
    recover(method?: string) {
      if (method) failures.delete(method);
      else failures.clear();
    },
    /** Answer every call of `method` only after `ms` (a slow Slack, to expose ack-before-store races). */
    slowDown(method: string, ms: number) {
      delays.set(method, ms);
    },
    /**
     * Leave every call of `method` unanswered (a hung Slack: the connection stays open, no byte comes back) until
     * `release`, which lets the held calls (and later ones) through as usual.
     */
    hang(method: string) {
      if (!holds.has(method)) holds.set(method, []);
    },
    release,
    /** How many calls of `method` are being held unanswered now. */
    held: (method: string) => holds.get(method)?.length ?? 0,
    /** Make a channel answer `channel_not_found` (a permanent error). */
    removeChannel(channel: string) {
      missingChannels.add(channel);
    },
    /** Wait until some recorded calls satisfy the predicate; returns them. */
    async waitFor(
      predicate: (c: RecordedCall) => boolean,
      options: { timeoutMs?: number; count?: number } = {},
    ): Promise<RecordedCall[]> {
      const deadline = Date.now() + (options.timeoutMs ?? 5_000);
      const want = options.count ?? 1;
      for (;;) {
        const found = matching(predicate);
        if (found.length >= want) return found;
        if (Date.now() > deadline)
          throw new Error(
            `waitFor timed out: ${found.length}/${want} matching calls; recorded: ${calls.map((c) => `${c.method}:${c.status}`).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      release();
      await socket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type SlackEmulator = Awaited<ReturnType<typeof createSlackEmulator>>;

/** Every text a bot call put on screen (text, blocks, attachments), as one string, for "never echoed" checks. */
export function visibleText(call: RecordedCall): string {
  return JSON.stringify({
    text: call.args.text ?? null,
    blocks: call.args.blocks ?? null,
    attachments: call.args.attachments ?? null,
  });
}
