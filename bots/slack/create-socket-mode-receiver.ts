import { SocketModeReceiver } from '@slack/bolt';
import type { App, Logger as BoltLogger, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/index.js';
import { checkSlackBody } from './check-slack-body.js';

type ClientOptions = NonNullable<
  NonNullable<ConstructorParameters<typeof SocketModeReceiver>[0]['installerOptions']>['clientOptions']
>;
type WsMessageListener = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => Promise<void>;

/** The envelope type a malformed envelope is passed on as: acknowledged, never routed. */
const MALFORMED = 'support_desk_malformed_envelope';
const ROUTED = new Set(['events_api', 'slash_commands', 'interactive']);

type Sanitized =
  | { kind: 'pass' }
  | { kind: 'drop'; reason: string }
  | { kind: 'replace'; message: Buffer; reason: string };

/**
 * What to do with a Socket Mode message before the client reads it: pass it on, drop it, or replace it.
 * socket-mode 2.x reads `payload.event.type` of an events_api envelope inside an async listener (an unhandled
 * rejection, which ends the process) and Bolt throws on a payload whose routing fields have the wrong types; such an
 * envelope is passed on as MALFORMED, with no payload, so that it is acknowledged once and not delivered again.
 */
function sanitize(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Sanitized {
  const pass = { kind: 'pass' } as const;
  if (isBinary) return pass; // the client ignores binary frames
  let envelope: unknown;
  try {
    envelope = JSON.parse(data.toString());
  } catch {
    return pass; // the client logs and ignores what is not JSON
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
    return { kind: 'drop', reason: 'the envelope is not a JSON object' };
  const { envelope_id: id, type, payload } = envelope as { envelope_id?: unknown; type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !ROUTED.has(type)) return pass; // hello, disconnect
  if (typeof id !== 'string') return { kind: 'drop', reason: 'the envelope has no envelope_id' };
  const check = checkSlackBody(payload);
  if (check.kind === 'ok') return pass;
  const reason = check.kind === 'malformed' ? check.reason : 'the payload is not a JSON object';
  return {
    kind: 'replace',
    message: Buffer.from(JSON.stringify({ envelope_id: id, type: MALFORMED, payload: {} })),
    reason,
  };
}

/**
 * A Socket Mode receiver that acknowledges an envelope only after the listeners finished, like HTTP with
 * `processBeforeResponse`. Bolt's own receiver acks Events API envelopes before running listeners, so an event
 * lost in a crash would never be redelivered; here an envelope that failed is left unacknowledged and Slack
 * delivers it again (the engine's event-id check makes that redelivery harmless). A malformed envelope (see
 * `sanitize`) is acknowledged and ignored, with a warning, like a malformed HTTP delivery.
 */
export function createSocketModeReceiver(options: {
  appToken: string;
  logger: BoltLogger;
  clientOptions: ClientOptions;
  log: Logger;
}) {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    installerOptions: { clientOptions: options.clientOptions },
  });
  const { client } = receiver;
  const log = options.log.child({ component: 'slack-socket-mode' });
  const read = client.listeners('ws_message') as WsMessageListener[];
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    const sanitized = sanitize(data, isBinary);
    if (sanitized.kind === 'drop')
      log.warn(
        { reason: sanitized.reason },
        'malformed Socket Mode envelope dropped (it has no envelope id to acknowledge)',
      );
    if (sanitized.kind === 'replace')
      log.warn({ reason: sanitized.reason }, 'malformed Socket Mode envelope acknowledged and ignored');
    if (sanitized.kind === 'drop') return;
    const message = sanitized.kind === 'replace' ? sanitized.message : data;
    for (const listener of read)
      void listener(message, isBinary).catch((err: unknown) =>
        log.error({ err: String(err) }, 'Socket Mode message failed'),
      );
  });
  return {
    receiver,
    /** Route envelopes to the app with the deferred ack (call once the App exists). */
    attach(app: App): void {
      client.removeAllListeners('slack_event');
      client.on(
        'slack_event',
        async (args: {
          type?: string;
          body: Record<string, unknown>;
          ack: (response?: Record<string, unknown>) => Promise<void>;
          retry_num?: number;
          retry_reason?: string;
        }) => {
          try {
            if (args.type === MALFORMED) {
              await args.ack();
              return;
            }
            let response: Record<string, unknown> | undefined;
            const event: ReceiverEvent = {
              body: args.body,
              ack: async (r?: unknown) => {
                response =
                  r === undefined || r === ''
                    ? undefined
                    : typeof r === 'string'
                      ? { text: r }
                      : (r as Record<string, unknown>);
              },
              ...(args.retry_num === undefined ? {} : { retryNum: args.retry_num }),
              ...(args.retry_reason === undefined ? {} : { retryReason: args.retry_reason }),
              customProperties: {},
            };
            await app.processEvent(event);
            await args.ack(response);
          } catch (err) {
            log.error({ err: String(err) }, 'socket mode envelope failed; left unacknowledged so Slack redelivers it');
          }
        },
      );
    },
  };
}
