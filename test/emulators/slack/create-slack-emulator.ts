import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerWebApiCall, BOT_ID, BOT_USER_ID } from './answer-web-api-call.js';
import type { WebApiArgs } from './answer-web-api-call.js';
import { createSlackFiles, UPLOAD_PATH } from './slack-files.js';
import { createSlackMessageStore } from './slack-message-store.js';
import { readSlackRequest } from './read-slack-request.js';
import { createSocketModeLink } from './socket-mode-link.js';

/**
 * One request the bot made: a Web API method (`chat.postMessage`…), a `response_url` post, or an `upload_url` post
 * (a file's bytes; its args are `file_id` and the body's `bytes` and `content_type`).
 */
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

/**
 * A loopback Slack: the Web API on `/api/<method>`, `response_url`s on `/response/<id>`, file uploads' `upload_url`s
 * on `/upload/v1/<file id>` (slack-files.ts) and Socket Mode on `/link`. It records every call, keeps channels'
 * messages and files, and can be told to fail the next calls of a method (`upload_url` for the upload POST).
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
  const files = createSlackFiles({
    store,
    baseUrl: () => `http://127.0.0.1:${port}`,
    bot: { userId: BOT_USER_ID, botId: BOT_ID },
  });
  const context = { store, files, missingChannels, socketUrl: () => socket.connectUrl() };

  /** What a request does and answers (the call takes effect here; an injected failure only replaces the answer). */
  function answer(method: string, args: WebApiArgs, path: string, raw: Buffer, req: IncomingMessage) {
    if (method === 'response_url') return { status: 200, body: JSON.stringify({ ok: true }), type: 'application/json' };
    if (method === 'upload_url') {
      const headers = { contentType: req.headers['content-type'], authorization: req.headers.authorization };
      return { ...files.receive(path.slice(UPLOAD_PATH.length), raw, headers), type: 'text/plain' };
    }
    return { status: 200, body: JSON.stringify(answerWebApiCall(method, args, context)), type: 'application/json' };
  }

  const server = createServer((req, res) => {
    void (async () => {
      const { path, method, raw, args } = await readSlackRequest(req);
      const waiting = holds.get(method);
      if (waiting) await new Promise<void>((r) => waiting.push(r));
      const delay = delays.get(method);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const failure = failures.get(method);
      if (failure && failure.remaining > 0) {
        failure.remaining -= 1;
        if (failure.landed) answer(method, args, path, raw, req);
        calls.push({ method, args, status: failure.status, authorization: req.headers.authorization, at: Date.now() });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (failure.status === 429) headers['retry-after'] = String(failure.retryAfterSec);
        res.writeHead(failure.status, headers);
        res.end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
        return;
      }
      const answered = answer(method, args, path, raw, req);
      calls.push({ method, args, status: answered.status, authorization: req.headers.authorization, at: Date.now() });
      res.writeHead(answered.status, { 'content-type': answered.type });
      res.end(answered.body);
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
    /**
     * Fail the next file upload at one step: the POST of its bytes to `upload_url` (default; the emulator answers
     * 500, as an upload service that is down would), or files.getUploadURLExternal / files.completeUploadExternal.
     * `landed`: the step takes effect and only its answer is lost (a completed share whose answer never came back).
     */
    failNextUpload(
      options: {
        step?: 'upload_url' | 'files.getUploadURLExternal' | 'files.completeUploadExternal';
        status?: 429 | 500 | 503;
        landed?: boolean;
      } = {},
    ) {
      failures.set(options.step ?? 'upload_url', {
        status: options.status ?? 500,
        remaining: 1,
        retryAfterSec: 1,
        landed: options.landed ?? false,
      });
    },
    /** Files the bot uploaded (reserved, their bytes as received, and where they were shared). */
    files: {
      list: () => files.list(),
      sharedIn: (channel: string, threadTs?: string) => files.sharedIn(channel, threadTs),
      /** The bytes that arrived for a file, by id or by name (the last of that name). */
      bytes(idOrName: string): Buffer | null {
        const all = files.list();
        const file = all.find((f) => f.id === idOrName) ?? all.filter((f) => f.name === idOrName).pop();
        return file?.bytes ?? null;
      },
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
