import { Webhooks, createNodeMiddleware } from '@octokit/webhooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/ports/logger.js';
import { HANDLED_EVENTS } from './create-github-event-handler.js';
import type { GitHubEventHandler } from './create-github-event-handler.js';

export const WEBHOOK_PATH = '/github/webhooks';

/**
 * Verified delivery with @octokit/webhooks: `x-hub-signature-256` is checked against the secret (400 and nothing
 * handled when it does not match), and the 200 is sent only after the handler committed the event.
 */
export function createGitHubWebhooks(deps: { secret: string; handler: GitHubEventHandler; log: Logger }) {
  const webhooks = new Webhooks({ secret: deps.secret });
  webhooks.on([...HANDLED_EVENTS], async ({ id, name, payload }) => {
    const result = await deps.handler.handle(name, id, payload);
    deps.log.debug({ eventId: id, event: name, result: result.kind, ...('reason' in result ? { reason: result.reason } : {}) }, 'github delivery handled');
  });
  const text = (data: unknown[]) => ({ msg: data.map((d) => (d instanceof Error ? d.message : String(d))).join(' ') });
  const middleware = createNodeMiddleware(webhooks, {
    path: WEBHOOK_PATH,
    log: {
      debug: (...data: unknown[]) => deps.log.debug(text(data)),
      info: (...data: unknown[]) => deps.log.info(text(data)),
      warn: (...data: unknown[]) => deps.log.warn(text(data)),
      error: (...data: unknown[]) => deps.log.error(text(data), 'github webhook failed'),
    },
  });
  return {
    webhooks,
    async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
      await middleware(req, res);
    },
  };
}
