import { App, HTTPReceiver } from '@slack/bolt';
import { createBoltLogger } from '../../bots/slack/bolt-logger.js';
import { createSlackBot } from '../../bots/slack/create-slack-bot.js';
import { createSlackChatPlatform } from '../../bots/slack/create-slack-chat-platform.js';
import { createSlackRequestGuard } from '../../bots/slack/create-slack-request-guard.js';
import { createSocketModeReceiver } from '../../bots/slack/create-socket-mode-receiver.js';
import type { PlatformStarter } from './platform-starter.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Slack on Bolt: HTTP delivery on POST /slack/events of the shared server (signature and body shape checked in
 * front of Bolt, answered only after the listeners stored the event), or Socket Mode when SLACK_APP_TOKEN is set.
 * The Web API client does not retry (rate limits are rejected at once): the desk's durable outbox does the retrying,
 * and only it knows to look for a post whose answer was lost before posting again (a quick retry inside the client
 * would post such a message twice).
 */
export const slackStarter: PlatformStarter = {
  name: 'slack',
  async start({ desk, http, env, log }) {
    const token = env.SLACK_BOT_TOKEN as string;
    const logger = createBoltLogger(log);
    const clientOptions = {
      slackApiUrl: env.SLACK_API_URL,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      // Axios's socket timeout: a call that gets no byte back for this long fails (and the outbox retries it).
      timeout: env.PLATFORM_REQUEST_TIMEOUT_MS,
    };
    const socketMode = Boolean(env.SLACK_APP_TOKEN);
    let app: App;
    let receiverHttp: HTTPReceiver | undefined;
    if (socketMode) {
      const socket = createSocketModeReceiver({ appToken: env.SLACK_APP_TOKEN as string, logger, clientOptions, log });
      app = new App({
        token,
        receiver: socket.receiver,
        socketMode: true,
        clientOptions,
        logger,
        deferInitialization: true,
      });
      socket.attach(app);
    } else {
      receiverHttp = new HTTPReceiver({
        signingSecret: env.SLACK_SIGNING_SECRET as string,
        endpoints: SLACK_EVENTS_PATH,
        processBeforeResponse: true,
        logger,
      });
      app = new App({ token, receiver: receiverHttp, clientOptions, logger, deferInitialization: true });
    }
    await app.init(); // auth.test: a bad token stops start-up here with Slack's error

    const staffChannel = desk.config.slack.staffChannel;
    createSlackBot(app, {
      engine: desk.engine,
      actions: desk.actions,
      feedback: desk.feedback,
      directory: desk.directory,
      store: desk.store,
      config: desk.config,
      clock: desk.clock,
      log,
      sla: desk.sla,
      // `/support stats`: the same metrics as the dashboard, over the desk's database (cached briefly).
      analytics: desk.analytics,
      // A staff reply in an email ticket's announcement thread is the answer to the customer.
      staffReplies: desk.staffReplies,
      // `/support call` and the call buttons (docs/video-calls.md).
      calls: desk.calls,
    });
    if (staffChannel) desk.addStaffAnnouncements({ platform: 'slack', channelId: staffChannel });

    if (receiverHttp) {
      // Signature window and body shape are checked in front of Bolt (see create-slack-request-guard.ts).
      const handler = createSlackRequestGuard({
        signingSecret: env.SLACK_SIGNING_SECRET as string,
        listener: receiverHttp.requestListener,
        log,
      });
      http.add({ method: 'POST', path: SLACK_EVENTS_PATH, handler });
    } else {
      await app.start();
    }
    return {
      chat: createSlackChatPlatform({ client: app.client, staffChannel }),
      describe: socketMode ? 'slack (Socket Mode)' : `slack (events on ${SLACK_EVENTS_PATH})`,
      async stop() {
        if (socketMode) await app.stop();
      },
    };
  },
};
