import { SocketModeReceiver } from '@slack/bolt';
import type { App, Logger as BoltLogger, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';

type ClientOptions = NonNullable<NonNullable<ConstructorParameters<typeof SocketModeReceiver>[0]['installerOptions']>['clientOptions']>;

/**
 * A Socket Mode receiver that acknowledges an envelope only after the listeners finished, like HTTP with
 * `processBeforeResponse`. Bolt's own receiver acks Events API envelopes before running listeners, so an event
 * lost in a crash would never be redelivered; here an envelope that failed is left unacknowledged and Slack
 * delivers it again (the engine's event-id check makes that redelivery harmless).
 */
export function createSocketModeReceiver(options: { appToken: string; logger: BoltLogger; clientOptions: ClientOptions; log: Logger }) {
  const receiver = new SocketModeReceiver({ appToken: options.appToken, logger: options.logger, installerOptions: { clientOptions: options.clientOptions } });
  return {
    receiver,
    /** Route envelopes to the app with the deferred ack (call once the App exists). */
    attach(app: App): void {
      receiver.client.removeAllListeners('slack_event');
      receiver.client.on('slack_event', async (args: { body: Record<string, unknown>; ack: (response?: Record<string, unknown>) => Promise<void>; retry_num?: number; retry_reason?: string }) => {
        let response: Record<string, unknown> | undefined;
        const event: ReceiverEvent = {
          body: args.body,
          ack: async (r?: unknown) => {
            response = r === undefined || r === '' ? undefined : typeof r === 'string' ? { text: r } : (r as Record<string, unknown>);
          },
          retryNum: args.retry_num,
          retryReason: args.retry_reason,
          customProperties: {},
        };
        try {
          await app.processEvent(event);
          await args.ack(response);
        } catch (err) {
          options.log.error({ err: String(err) }, 'socket mode envelope failed; left unacknowledged so Slack redelivers it');
        }
      });
    },
  };
}
