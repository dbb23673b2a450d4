import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../errors.js';
import { createInMemorySupportStore } from '../../test/fakes/in-memory-support-store.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { Platform } from '../model/types.js';
import type { ChatPlatform, DeliveryAttempt, SentMessage } from '../ports/chat-platform.js';
import { outboxToken } from './outbox-token.js';
import { fixedClock } from '../ports/clock.js';
import { COPY_CLOCK_MARGIN_MS, DEFAULT_SEND_DEADLINE_MS, createOutboxDispatcher } from './create-outbox-dispatcher.js';

function scriptedPlatform(failures: Array<Error | null>) {
  const sent: string[] = [];
  const deliveries: (DeliveryAttempt | undefined)[] = [];
  const platform: ChatPlatform = {
    platform: 'slack',
    async send(_c: ConversationRef, m: OutboundMessage, delivery?: DeliveryAttempt) {
      deliveries.push(delivery);
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(m.text);
      return { messageId: `m${sent.length}` };
    },
  };
  return { platform, sent, deliveries };
}

/** A platform whose sends can be made to hang (never settle until `release`) or fail; records what it posted. */
function gatedPlatform(name: Platform) {
  const sent: string[] = [];
  const deliveries: DeliveryAttempt[] = [];
  const failures: Error[] = [];
  let gate: Promise<void> | null = null;
  const opens: (() => void)[] = [];
  let started = 0;
  const platform: ChatPlatform = {
    platform: name,
    async send(_c: ConversationRef, m: OutboundMessage, delivery: DeliveryAttempt): Promise<SentMessage> {
      deliveries.push(delivery);
      started++;
      if (gate) await gate;
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(m.text);
      return { messageId: `${name}-${sent.length}` };
    },
  };
  return {
    platform,
    sent,
    deliveries,
    failures,
    started: () => started,
    /** Sends from now on wait until `release` (or forever, after `abandon`). */
    hang() {
      gate = new Promise((resolve) => opens.push(resolve));
    },
    release() {
      gate = null;
      for (const open of opens.splice(0)) open();
    },
    /** Later sends answer; the ones waiting now never settle (an SDK call without a working timeout). */
    abandon() {
      gate = null;
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('outbox dispatcher', () => {
  const a = { platform: 'slack' as const, channelId: 'A' };
  const b = { platform: 'slack' as const, channelId: 'B' };

  async function setup(failures: Array<Error | null>) {
    const clock = fixedClock(1_000_000);
    const store = createInMemorySupportStore();
    const { platform, sent, deliveries } = scriptedPlatform(failures);
    const dispatcher = createOutboxDispatcher({ store, platforms: new Map([['slack', platform]]), clock });
    return { clock, store, sent, deliveries, dispatcher };
  }

  it('retries after the platform’s retry-after and keeps order within a conversation', async () => {
    const { clock, store, sent, dispatcher } = await setup([
      new DeliveryError('ratelimited', { retryAfterMs: 30_000 }),
    ]);
    await store.commit({
      at: clock.now(),
      outbox: [
        { platform: 'slack', conversation: a, message: { text: 'a1' }, dedupeKey: '1' },
        { platform: 'slack', conversation: a, message: { text: 'a2' }, dedupeKey: '2' },
        { platform: 'slack', conversation: b, message: { text: 'b1' }, dedupeKey: '3' },
      ],
    });
    expect(await dispatcher.flush()).toEqual({ sent: 1, retried: 1, dead: 0 });
    expect(sent).toEqual(['b1']); // a2 waits behind a1
    clock.advance(29_000);
    expect((await dispatcher.flush()).sent).toBe(0);
    clock.advance(1_000);
    expect(await dispatcher.flush()).toEqual({ sent: 2, retried: 0, dead: 0 });
    expect(sent).toEqual(['b1', 'a1', 'a2']);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it('backs off exponentially on server errors, and stops only on permanent errors', async () => {
    const { clock, store, dispatcher } = await setup([
      new DeliveryError('500'),
      new DeliveryError('500'),
      new DeliveryError('channel_not_found', { permanent: true }),
    ]);
    await store.commit({
      at: clock.now(),
      outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: '1' }],
    });
    await dispatcher.flush();
    const [first] = await store.dueOutbox(clock.now() + 10_000, 10);
    expect(first?.nextAttemptAt).toBe(clock.now() + 1_000);
    clock.advance(1_000);
    await dispatcher.flush();
    expect((await store.dueOutbox(clock.now() + 10_000, 10))[0]?.nextAttemptAt).toBe(clock.now() + 2_000);
    clock.advance(2_000);
    expect(await dispatcher.flush()).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it('names the item in every send, and tells the platform when an earlier send may have landed', async () => {
    const { clock, store, deliveries, dispatcher } = await setup([new DeliveryError('socket hang up'), null]);
    const queuedAt = clock.now();
    await store.commit({
      at: queuedAt,
      outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: 'reply:Ev1' }],
    });
    await dispatcher.flush();
    clock.advance(1_000);
    await dispatcher.flush();
    const token = outboxToken('reply:Ev1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const since = queuedAt - 5 * 60_000; // a copy is looked for from five minutes before the item was queued (clock skew)
    expect(COPY_CLOCK_MARGIN_MS).toBe(5 * 60_000);
    expect(deliveries).toEqual([
      { token, since, retry: false },
      { token, since, retry: true }, // the failed send may have posted before its response was lost
    ]);
  });

  it('after a rate limit (nothing was posted) the next send does not look for a copy; after another failure it does', async () => {
    const { clock, store, deliveries, dispatcher } = await setup([
      new DeliveryError('ratelimited', { retryAfterMs: 1_000 }),
      new DeliveryError('socket hang up'),
      new DeliveryError('ratelimited', { retryAfterMs: 1_000 }),
      null,
    ]);
    await store.commit({
      at: clock.now(),
      outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: 'k' }],
    });
    for (let round = 0; round < 4; round++) {
      await dispatcher.flush();
      clock.advance(60_000);
    }
    // The rate-limited first send posted nothing; the hang-up may have posted, and a later rate limit does not undo that.
    expect(deliveries.map((d) => d?.retry)).toEqual([false, false, true, true]);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it('after a crash between the post and its bookkeeping, the next process sends with retry set', async () => {
    const clock = fixedClock(1_000_000);
    const store = createInMemorySupportStore();
    await store.commit({
      at: clock.now(),
      outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: 'k' }],
    });
    const crashing: ChatPlatform = {
      platform: 'slack',
      send: async () => {
        throw new Error('process killed'); // stands for a process that dies after the post landed, before markOutboxSent
      },
    };
    const before = { ...store, markOutboxRetry: async () => undefined }; // the dying process records nothing more
    const options = { owner: 'desk-1' }; // the restarted process has the same instance id: its claims are its own
    await createOutboxDispatcher({ store: before, platforms: new Map([['slack', crashing]]), clock, options }).flush();
    const { platform, deliveries } = scriptedPlatform([]);
    await createOutboxDispatcher({ store, platforms: new Map([['slack', platform]]), clock, options }).flush();
    expect(deliveries.map((d) => d?.retry)).toEqual([true]);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it('another instance takes over a dead instance’s claimed items once their lease runs out', async () => {
    const clock = fixedClock(1_000_000);
    const store = createInMemorySupportStore();
    await store.commit({
      at: clock.now(),
      outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: 'k' }],
    });
    const crashing: ChatPlatform = {
      platform: 'slack',
      send: async () => {
        throw new Error('process killed');
      },
    };
    const dying = { ...store, markOutboxRetry: async () => undefined };
    const options = { sendDeadlineMs: 1_000 }; // lease: 2 deadlines + 10 s
    await createOutboxDispatcher({ store: dying, platforms: new Map([['slack', crashing]]), clock, options }).flush();
    const { platform, deliveries } = scriptedPlatform([]);
    const other = createOutboxDispatcher({ store, platforms: new Map([['slack', platform]]), clock, options });
    clock.advance(11_999);
    expect(await other.flush()).toEqual({ sent: 0, retried: 0, dead: 0 });
    clock.advance(1);
    expect(await other.flush()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(deliveries.map((d) => d?.retry)).toEqual([true]);
  });

  it('keeps messages for a platform that is not running', async () => {
    const clock = fixedClock(0);
    const store = createInMemorySupportStore();
    const dispatcher = createOutboxDispatcher({ store, platforms: new Map(), clock });
    await store.commit({
      at: 0,
      outbox: [
        {
          platform: 'discord',
          conversation: { platform: 'discord', channelId: 'c' },
          message: { text: 'x' },
          dedupeKey: '1',
        },
      ],
    });
    expect(await dispatcher.flush()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(await store.pendingOutboxCount()).toBe(1);
    // Not claimed either: an instance that runs the platform takes it at once.
    const { platform, deliveries } = scriptedPlatform([]);
    await createOutboxDispatcher({ store, platforms: new Map([['discord', platform]]), clock }).flush();
    expect(deliveries).toHaveLength(1);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  describe('one lane per platform', () => {
    const issue = { platform: 'github' as const, channelId: 'acme/widgets', threadId: '7' };
    const item = (platform: 'slack' | 'github', conversation: ConversationRef, text: string) => ({
      platform,
      conversation,
      message: { text },
      dedupeKey: `${platform}:${text}`,
    });

    async function twoPlatforms(options: { sendDeadlineMs?: number; baseBackoffMs?: number } = {}) {
      const clock = fixedClock(1_000_000);
      const store = createInMemorySupportStore();
      const slack = gatedPlatform('slack');
      const github = gatedPlatform('github');
      const platforms = new Map<Platform, ChatPlatform>([
        ['slack', slack.platform],
        ['github', github.platform],
      ]);
      const dispatcher = createOutboxDispatcher({ store, platforms, clock, options });
      return { clock, store, slack, github, dispatcher };
    }

    it('sends a platform’s items while another platform’s send hangs, and counts the hung item as pending and in flight', async () => {
      const { clock, store, slack, github, dispatcher } = await twoPlatforms();
      slack.hang();
      const queued = [
        item('slack', a, 's1'),
        item('github', issue, 'g1'),
        item('slack', b, 's2'),
        item('github', issue, 'g2'),
      ];
      await store.commit({ at: clock.now(), outbox: queued });
      const all = dispatcher.flush();
      expect(await dispatcher.flush('github')).toEqual({ sent: 2, retried: 0, dead: 0 });
      expect(github.sent).toEqual(['g1', 'g2']);
      expect(slack.started()).toBe(1);
      expect(slack.sent).toEqual([]);
      expect(dispatcher.lanes()).toMatchObject({
        slack: { running: true, inFlight: 2 },
        github: { running: false, inFlight: 0 },
      });
      expect(await store.pendingOutboxCount({ platform: 'slack' })).toBe(2);
      expect(await store.pendingOutboxCount({ platform: 'github' })).toBe(0);
      slack.release();
      expect(await all).toEqual({ sent: 4, retried: 0, dead: 0 });
      expect(slack.sent).toEqual(['s1', 's2']);
      expect(dispatcher.lanes().slack).toEqual({ running: false, inFlight: 0 });
      expect(await store.pendingOutboxCount()).toBe(0);
    });

    it('keeps the order within a conversation in each lane', async () => {
      const { clock, store, slack, github, dispatcher } = await twoPlatforms();
      slack.failures.push(new DeliveryError('500'));
      const other = { ...issue, threadId: '8' };
      await store.commit({
        at: clock.now(),
        outbox: [
          item('slack', a, 'a1'),
          item('github', issue, 'g1'),
          item('slack', a, 'a2'),
          item('github', other, 'h1'),
          item('slack', b, 'b1'),
          item('github', issue, 'g2'),
        ],
      });
      expect(await dispatcher.flush()).toEqual({ sent: 4, retried: 1, dead: 0 });
      expect(slack.sent).toEqual(['b1']); // a2 waits behind a1
      expect(github.sent).toEqual(['g1', 'h1', 'g2']);
      clock.advance(1_000);
      expect(await dispatcher.flush()).toEqual({ sent: 2, retried: 0, dead: 0 });
      expect(slack.sent).toEqual(['b1', 'a1', 'a2']);
    });

    it('gives up on a send that does not settle by the deadline: the lane moves on, the item is retried later looking for a copy', async () => {
      expect(DEFAULT_SEND_DEADLINE_MS).toBe(30_000);
      const { clock, store, slack, dispatcher } = await twoPlatforms({ sendDeadlineMs: 20, baseBackoffMs: 5 });
      slack.hang();
      await store.commit({ at: clock.now(), outbox: [item('slack', a, 'a1'), item('slack', a, 'a2')] });
      const first = dispatcher.flush('slack');
      await settle();
      expect(slack.started()).toBe(1);
      // A hung send is a failure that may have landed; its retry waits at least the deadline (the backoff is shorter).
      expect(await first).toEqual({ sent: 0, retried: 1, dead: 0 });
      const [hung] = await store.dueOutbox(Number.MAX_SAFE_INTEGER, 10, { platform: 'slack' });
      expect([hung?.nextAttemptAt, hung?.lastError]).toEqual([
        clock.now() + 20,
        'no answer from the platform within 20 ms',
      ]);
      expect(slack.sent).toEqual([]); // a2 waited behind a1
      slack.abandon(); // the next sends answer; the first, given up, never settles
      clock.advance(20);
      expect(await dispatcher.flush('slack')).toEqual({ sent: 2, retried: 0, dead: 0 });
      expect(slack.sent).toEqual(['a1', 'a2']);
      // a2 was not claimed while a1 was unsent (one item per conversation per claim), so it was never attempted before.
      expect(slack.deliveries.map((d) => d.retry)).toEqual([false, true, false]);
    });

    it('stop() waits for the sends in flight', async () => {
      const { clock, store, slack, dispatcher } = await twoPlatforms();
      slack.hang();
      await store.commit({ at: clock.now(), outbox: [item('slack', a, 'a1')] });
      dispatcher.kick();
      await settle();
      let stopped = false;
      const stopping = dispatcher.stop().then(() => (stopped = true));
      await settle();
      expect(stopped).toBe(false);
      slack.release();
      await stopping;
      expect(slack.sent).toEqual(['a1']);
    });
  });
});
