import { Webhooks } from '@octokit/webhooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withinDeadline } from '../../core/index.js';
import type { Logger } from '../../core/index.js';
import type { GitHubEventHandler } from './create-github-event-handler.js';

export const WEBHOOK_PATH = '/github/webhooks';

/**
 * GitHub waits 10 s for an answer, then counts the delivery as failed. The desk answers within this time: 200 once
 * the event is committed, 503 when it is not committed yet, so a delivery is never acknowledged before it is stored.
 */
export const DELIVERY_DEADLINE_MS = 8_000;

/** GitHub's own largest payload is 25 MB; an `issues` or `issue_comment` delivery stays far below 2 MiB. */
export const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

const REQUIRED_HEADERS = ['x-github-event', 'x-github-delivery', 'x-hub-signature-256'] as const;

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Verified delivery: `x-hub-signature-256` is checked against the secret (400 and nothing handled when it does not
 * match), then the handler runs, and the answer is 200 only after it committed the event. A handler still running at
 * the deadline gets 503: GitHub records the delivery as failed and a redelivery (same `x-github-delivery`) is
 * recognised whether or not the first attempt committed in the end. The body is read whole only below the route's
 * size limit, which the HTTP server enforces before this code runs.
 */
export function createGitHubWebhooks(deps: {
  secret: string;
  handler: GitHubEventHandler;
  log: Logger;
  deadlineMs?: number;
}) {
  const webhooks = new Webhooks({ secret: deps.secret });
  const deadlineMs = deps.deadlineMs ?? DELIVERY_DEADLINE_MS;

  return {
    async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (!/^\s*application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
        reply(res, 415, {
          error: 'github.unsupported-content-type',
          message: 'set the webhook content type to application/json',
        });
        return;
      }
      const missing = REQUIRED_HEADERS.filter((h) => typeof req.headers[h] !== 'string');
      if (missing.length) {
        reply(res, 400, {
          error: 'github.missing-headers',
          message: `required headers missing: ${missing.join(', ')}`,
        });
        return;
      }
      const name = req.headers['x-github-event'] as string;
      const id = req.headers['x-github-delivery'] as string;
      const body = await readBody(req);
      if (!(await webhooks.verify(body, req.headers['x-hub-signature-256'] as string).catch(() => false))) {
        deps.log.warn(
          { eventId: id, event: name },
          'github delivery refused: signature does not match GITHUB_WEBHOOK_SECRET',
        );
        reply(res, 400, { error: 'github.bad-signature', message: 'signature does not match' });
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        reply(res, 400, { error: 'github.invalid-json', message: 'the body is not JSON' });
        return;
      }

      const work = deps.handler.handle(name, id, payload);
      const settled = await withinDeadline(work, deadlineMs);
      if (settled.kind === 'done') {
        const result = settled.value;
        deps.log.debug(
          { eventId: id, event: name, result: result.kind, ...('reason' in result ? { reason: result.reason } : {}) },
          'github delivery handled',
        );
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 3 });
        res.end('ok\n');
      } else if (settled.kind === 'failed') {
        deps.log.error(
          {
            eventId: id,
            event: name,
            err: settled.error instanceof Error ? settled.error.message : String(settled.error),
          },
          'github delivery failed; GitHub shows it as failed and a redelivery is handled afresh',
        );
        reply(res, 500, { error: 'github.delivery-failed', message: 'the delivery was not stored' });
      } else {
        deps.log.warn(
          { eventId: id, event: name, deadlineMs },
          'github delivery not stored within its deadline: answered 503 so GitHub shows it as failed',
        );
        work.then(
          () =>
            deps.log.info(
              { eventId: id, event: name },
              'github delivery stored after its deadline (a redelivery will be recognised)',
            ),
          (err: unknown) =>
            deps.log.error(
              { eventId: id, event: name, err: err instanceof Error ? err.message : String(err) },
              'github delivery failed after its deadline',
            ),
        );
        reply(res, 503, {
          error: 'github.delivery-timeout',
          message: `not stored within ${deadlineMs} ms; redeliver it from the webhook's Recent Deliveries`,
        });
      }
    },
  };
}
