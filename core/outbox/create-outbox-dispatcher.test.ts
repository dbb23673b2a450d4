import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../errors.js';
import { createInMemorySupportStore } from '../fakes/in-memory-support-store.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { ChatPlatform, DeliveryAttempt } from '../ports/chat-platform.js';
import { outboxToken } from './outbox-token.js';
import { fixedClock } from '../ports/clock.js';
import { COPY_CLOCK_MARGIN_MS, createOutboxDispatcher } from './create-outbox-dispatcher.js';

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
    const { clock, store, sent, dispatcher } = await setup([new DeliveryError('ratelimited', { retryAfterMs: 30_000 })]);
    await store.commit({ at: clock.now(), outbox: [
      { platform: 'slack', conversation: a, message: { text: 'a1' }, dedupeKey: '1' },
      { platform: 'slack', conversation: a, message: { text: 'a2' }, dedupeKey: '2' },
      { platform: 'slack', conversation: b, message: { text: 'b1' }, dedupeKey: '3' },
    ] });
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
    const { clock, store, dispatcher } = await setup([new DeliveryError('500'), new DeliveryError('500'), new DeliveryError('channel_not_found', { permanent: true })]);
    await store.commit({ at: clock.now(), outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: '1' }] });
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
    await store.commit({ at: queuedAt, outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: 'reply:Ev1' }] });
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
    const { clock, store, deliveries, dispatcher } = await setup([new DeliveryError('ratelimited', { retryAfterMs: 1_000 }), new DeliveryError('socket hang up'), new DeliveryError('ratelimited', { retryAfterMs: 1_000 }), null]);
    await store.commit({ at: clock.now(), outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: 'k' }] });
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
    await store.commit({ at: clock.now(), outbox: [{ platform: 'slack', conversation: a, message: { text: 'x' }, dedupeKey: 'k' }] });
    const crashing: ChatPlatform = {
      platform: 'slack',
      send: async () => {
        throw new Error('process killed'); // stands for a process that dies after the post landed, before markOutboxSent
      },
    };
    const before = { ...store, markOutboxRetry: async () => undefined }; // the dying process records nothing more
    await createOutboxDispatcher({ store: before, platforms: new Map([['slack', crashing]]), clock }).flush();
    const { platform, deliveries } = scriptedPlatform([]);
    await createOutboxDispatcher({ store, platforms: new Map([['slack', platform]]), clock }).flush();
    expect(deliveries.map((d) => d?.retry)).toEqual([true]);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it('keeps messages for a platform that is not running', async () => {
    const clock = fixedClock(0);
    const store = createInMemorySupportStore();
    const dispatcher = createOutboxDispatcher({ store, platforms: new Map(), clock });
    await store.commit({ at: 0, outbox: [{ platform: 'discord', conversation: { platform: 'discord', channelId: 'c' }, message: { text: 'x' }, dedupeKey: '1' }] });
    expect(await dispatcher.flush()).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(await store.pendingOutboxCount()).toBe(1);
  });
});
