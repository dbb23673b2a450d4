import { randomUUID } from 'node:crypto';
import { BOT_USER_ID, TEAM_ID } from './answer-web-api-call.js';
import type { SlackEmulator } from './create-slack-emulator.js';
import { signSlackRequest } from './sign-slack-request.js';

export interface DeliveryOptions {
  /** Sign with this secret instead (forgery). */
  secret?: string | undefined;
  /** Unix seconds for x-slack-request-timestamp (stale requests). */
  timestampSec?: number | undefined;
  /** Redelivery headers, as Slack sends them when a delivery timed out or failed. */
  retryNum?: number | undefined;
  retryReason?: string | undefined;
}

export interface DeliveryResult {
  status: number;
  text: string;
  json: unknown;
}

/**
 * Delivers to the bot exactly as Slack does: signed (v0 HMAC) events as JSON, slash commands as a form and
 * button clicks as a form with `payload=`; retries carry x-slack-retry-num / x-slack-retry-reason.
 */
export function createSlackDelivery(options: { eventsUrl: string; signingSecret: string; emulator: SlackEmulator }) {
  const { emulator } = options;

  async function post(rawBody: string, contentType: string, o: DeliveryOptions = {}): Promise<DeliveryResult> {
    const ts = o.timestampSec ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackRequest(o.secret ?? options.signingSecret, ts, rawBody),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (o.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(o.retryNum);
      headers['x-slack-retry-reason'] = o.retryReason ?? 'http_timeout';
    }
    const res = await fetch(options.eventsUrl, { method: 'POST', headers, body: rawBody });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  }

  const envelope = (event: Record<string, unknown>, eventId: string) => ({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A_EMU',
    event: { ...event, event_ts: event.event_ts ?? event.ts ?? `${Date.now() / 1000}` },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: true,
  });

  return {
    post,
    envelope,
    /** An Events API delivery of `event`; the same eventId again is a redelivery. */
    async event(event: Record<string, unknown>, o: DeliveryOptions & { eventId?: string } = {}) {
      const eventId = o.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
      const result = await post(JSON.stringify(envelope(event, eventId)), 'application/json', o);
      return { ...result, eventId };
    },
    /** A person posts in a channel (stored in the emulated workspace, then delivered as a `message` event). */
    async userMessage(
      m: { channel: string; user: string; text: string; thread_ts?: string },
      o: DeliveryOptions & { eventId?: string } = {},
    ) {
      const stored = emulator.store.add({ channel: m.channel, user: m.user, text: m.text, thread_ts: m.thread_ts });
      const event = {
        type: 'message',
        channel: m.channel,
        user: m.user,
        text: m.text,
        ts: stored.ts,
        team: TEAM_ID,
        channel_type: 'channel',
        ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      };
      const result = await this.event(event, o);
      return { ...result, ts: stored.ts };
    },
    /** `/support <text>` typed by `user` in `channel`; the same `triggerId` and `responseUrl` again is a redelivery of it. */
    async command(
      c: { text: string; user: string; channel: string; command?: string; triggerId?: string; responseUrl?: string },
      o: DeliveryOptions = {},
    ) {
      const form = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: TEAM_ID,
        team_domain: 'emulated',
        channel_id: c.channel,
        channel_name: `channel-${c.channel}`,
        user_id: c.user,
        user_name: `user-${c.user}`,
        command: c.command ?? '/support',
        text: c.text,
        api_app_id: 'A_EMU',
        is_enterprise_install: 'false',
        response_url: c.responseUrl ?? emulator.newResponseUrl(),
        trigger_id: c.triggerId ?? `${Date.now()}.${randomUUID().slice(0, 8)}`,
      });
      return post(form.toString(), 'application/x-www-form-urlencoded', o);
    },
    /** A click on a button of a message the bot posted (`message` as the emulator stored it). */
    async click(
      k: {
        user: string;
        channel: string;
        message: { ts: string; thread_ts?: string | undefined; blocks?: unknown; text?: string };
        actionId: string;
        value: string;
      },
      o: DeliveryOptions = {},
    ) {
      const payload = {
        type: 'block_actions',
        user: { id: k.user, username: `user-${k.user}`, name: `user-${k.user}`, team_id: TEAM_ID },
        api_app_id: 'A_EMU',
        token: 'legacy-verification-token',
        container: {
          type: 'message',
          message_ts: k.message.ts,
          channel_id: k.channel,
          is_ephemeral: false,
          ...(k.message.thread_ts ? { thread_ts: k.message.thread_ts } : {}),
        },
        trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
        team: { id: TEAM_ID, domain: 'emulated' },
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: k.channel, name: `channel-${k.channel}` },
        message: { type: 'message', user: BOT_USER_ID, bot_id: 'B_BOT', ...k.message },
        state: { values: {} },
        response_url: emulator.newResponseUrl(),
        actions: [
          {
            action_id: k.actionId,
            block_id: 'actions',
            text: { type: 'plain_text', text: k.value },
            value: k.value,
            type: 'button',
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      };
      return post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        o,
      );
    },
  };
}

export type SlackDelivery = ReturnType<typeof createSlackDelivery>;
