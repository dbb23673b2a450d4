import type { StaffConfig } from '../../core/config/support-config.js';
import type { RandomSource } from '../../core/classifier/seeded-random.js';
import type { TicketVerb } from '../../core/engine/create-ticket-actions.js';
import type { TriageOutcome } from '../../core/engine/triage-outcome.js';
import type { ConversationRef } from '../../core/model/inbound-message.js';
import type { Ticket } from '../../core/model/ticket.js';
import type { Millis, Platform } from '../../core/model/types.js';
import { whoIsOnCall } from '../../core/oncall/who-is-on-call.js';
import type { TimerKind } from '../../core/ports/sla-store.js';
import type { Desk } from '../create-desk.js';
import type { Cast, Persona } from './demo-cast.js';
import { personaActor, staffActor, staffIdentity } from './demo-cast.js';
import type { Scene } from './demo-timeline.js';
import * as T from './demo-texts.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** What a run did, for the summary. */
export interface DemoTally {
  messages: number;
  staffMessages: number;
  answered: number;
  ticketsOpened: number;
  actions: Partial<Record<TicketVerb, number>>;
  ratings: { csat: number; nps: number };
  votes: number;
  acknowledged: number;
}

export const emptyTally = (): DemoTally => ({
  messages: 0,
  staffMessages: 0,
  answered: 0,
  ticketsOpened: 0,
  actions: {},
  ratings: { csat: 0, nps: 0 },
  votes: 0,
  acknowledged: 0,
});

export interface SceneContext {
  desk: Desk;
  random: RandomSource;
  cast: Cast;
  tally: DemoTally;
  /** A fresh, unique id (event ids, thread ids, issue numbers). */
  nextId(): number;
}

export const pick = <T>(random: RandomSource, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;
const between = (random: RandomSource, lo: number, hi: number) => lo + random() * (hi - lo);
const now = (ctx: SceneContext) => ctx.desk.clock.now();

function newConversation(ctx: SceneContext, persona: Persona): ConversationRef {
  const id = ctx.nextId();
  const at = now(ctx);
  const thread =
    persona.platform === 'slack'
      ? `${Math.floor(at / 1000)}.${String(id).padStart(6, '0')}`
      : persona.platform === 'github'
        ? String(100 + id)
        : persona.platform === 'discord'
          ? `${1_300_000_000_000_000_000n + BigInt(id)}`
          : `demo${id.toString(16)}`;
  return persona.conversation(thread);
}

async function say(
  ctx: SceneContext,
  persona: Persona,
  conversation: ConversationRef,
  text: string,
  extra: { wantsTicket?: boolean } = {},
): Promise<TriageOutcome> {
  ctx.tally.messages++;
  const outcome = await ctx.desk.engine.handle({
    platform: persona.platform,
    eventId: `demo-${ctx.nextId()}`,
    conversation,
    author: persona.author,
    text,
    receivedAt: now(ctx),
    ...(persona.channelCustomerId ? { customerId: persona.channelCustomerId } : {}),
    ...(persona.ticketIfUnsure ? { ticketIfUnsure: true } : {}),
    ...(persona.wantsTicket ? { wantsTicket: true } : {}),
    ...(persona.replyInline ? { replyInline: true } : {}),
    ...(extra.wantsTicket ? { wantsTicket: true } : {}),
  });
  if (outcome.kind === 'answered') ctx.tally.answered++;
  if (outcome.kind === 'ticket-opened') ctx.tally.ticketsOpened++;
  return outcome;
}

/** Who picks up a ticket on `platform` now: the on-call person when they can write there, else an agent who can. */
function staffFor(ctx: SceneContext, platform: Platform): StaffConfig | null {
  const onCall = whoIsOnCall(ctx.desk.config.oncall.shifts, ctx.desk.config.staff, now(ctx)).now?.staff ?? null;
  if (onCall && staffIdentity(onCall, platform)) return onCall;
  const able = ctx.cast.agents.filter((s) => staffIdentity(s, platform));
  return able.length ? pick(ctx.random, able) : null;
}

/** A staff reply in the ticket's conversation; whoever answers also acknowledges the ticket's open pages. */
async function staffSay(ctx: SceneContext, staff: StaffConfig, ticket: Ticket, text: string): Promise<void> {
  const userId = staffIdentity(staff, ticket.conversation.platform);
  if (!userId) return;
  await acknowledgePages(ctx, ticket.id, staff);
  ctx.tally.staffMessages++;
  await ctx.desk.engine.handle({
    platform: ticket.conversation.platform,
    eventId: `demo-${ctx.nextId()}`,
    conversation: ticket.conversation,
    author: { id: userId, name: staff.name },
    text,
    receivedAt: now(ctx),
  });
}

async function act(
  ctx: SceneContext,
  verb: TicketVerb,
  key: string,
  actor: ReturnType<typeof personaActor> | null,
): Promise<Ticket | null> {
  if (!actor) return null;
  const r = await ctx.desk.actions.act(verb, key, actor);
  if (r.kind !== 'done') return null;
  ctx.tally.actions[verb] = (ctx.tally.actions[verb] ?? 0) + 1;
  return r.ticket;
}

/** The paged people answer: every active escalation run of the ticket is acknowledged (on Slack, where pages go). */
async function acknowledgePages(ctx: SceneContext, ticketId: number, staff: StaffConfig): Promise<void> {
  const actor = staffActor(staff, 'slack') ?? staffActor(staff, 'discord');
  if (!actor) return;
  for (const run of await ctx.desk.slaStore.runsOfTicket(ticketId)) {
    if (run.state !== 'active') continue;
    const r = await ctx.desk.sla.acknowledge(run.id, actor);
    if (r.kind === 'acknowledged') ctx.tally.acknowledged++;
  }
}

/**
 * When to act on a clock: mostly early in its window (skewed towards the start, and within a working day even when
 * the promise is a week), sometimes after it (`late` = the chance of a breach).
 */
async function dueFraction(
  ctx: SceneContext,
  ticketId: number,
  kind: TimerKind,
  fallbackMs: number,
  late: number,
  workingMs = 10 * HOUR,
): Promise<Millis> {
  const timer = (await ctx.desk.slaStore.timersOfTicket(ticketId)).find(
    (t) => t.kind === kind && t.state === 'active' && t.dueAt !== null,
  );
  const start = now(ctx);
  const window = timer?.dueAt != null ? Math.max(timer.dueAt - start, 5 * MIN) : fallbackMs;
  if (ctx.random() < late) return start + Math.round(window * between(ctx.random, 1.1, 2.2));
  const soon = window * (0.03 + 0.6 * ctx.random() ** 2);
  return start + Math.round(Math.min(soon, between(ctx.random, 0.05, 1) * workingMs));
}

const fresh = (ctx: SceneContext, key: string) => ctx.desk.store.getTicketByKey(key);

/** CSAT 1-5 (lower after a late answer) and sometimes NPS 0-10, through the same path as the survey buttons. */
async function rate(ctx: SceneContext, persona: Persona, ticket: Ticket, breached: boolean): Promise<void> {
  const r = ctx.random();
  const csat = breached
    ? r < 0.2
      ? 1
      : r < 0.4
        ? 2
        : r < 0.7
          ? 3
          : r < 0.9
            ? 4
            : 5
    : r < 0.03
      ? 2
      : r < 0.12
        ? 3
        : r < 0.45
          ? 4
          : 5;
  const actor = personaActor(persona);
  if ((await ctx.desk.actions.rate(ticket.key, 'csat', csat, actor, persona.channelCustomerId)).kind === 'done')
    ctx.tally.ratings.csat++;
  if (ctx.random() < 0.4) {
    const n = ctx.random();
    const nps = breached
      ? Math.floor(between(ctx.random, 2, 8))
      : n < 0.15
        ? Math.floor(between(ctx.random, 3, 7))
        : n < 0.4
          ? Math.floor(between(ctx.random, 7, 9))
          : Math.floor(between(ctx.random, 9, 11));
    if (
      (await ctx.desk.actions.rate(ticket.key, 'nps', Math.min(10, nps), actor, persona.channelCustomerId)).kind ===
      'done'
    )
      ctx.tally.ratings.nps++;
  }
}

/** A ticket from first answer to closing: claim, replies, pending, escalation, resolution, ratings, reopen, close. */
async function* ticketLife(ctx: SceneContext, persona: Persona, opened: Ticket): Scene {
  const critical = opened.priority === 'critical';
  const key = opened.key;
  const staff = staffFor(ctx, opened.conversation.platform);
  if (!staff) return;
  const staffOnTicket = staffActor(staff, opened.conversation.platform);
  if (critical) {
    yield now(ctx) + between(ctx.random, 2, 9) * MIN; // the on-call page is answered
    await acknowledgePages(ctx, opened.id, staff);
  } else if (ctx.random() < 0.5) {
    yield now(ctx) + between(ctx.random, 5, 50) * MIN;
    await act(ctx, 'claim', key, staffOnTicket);
  }
  yield critical
    ? now(ctx) + between(ctx.random, 4, 20) * MIN
    : await dueFraction(ctx, opened.id, 'first-response', 10 * HOUR, 0.07);
  let ticket = await fresh(ctx, key);
  if (!ticket || ticket.status === 'closed') return;
  const breached = ticket.firstResponseDueAt !== null && now(ctx) > ticket.firstResponseDueAt;
  const asksForDetails = !critical && ctx.random() < 0.25;
  await staffSay(
    ctx,
    staff,
    ticket,
    critical
      ? (T.STAFF_INCIDENT[0] as string)
      : asksForDetails
        ? (T.STAFF_FIRST[1] as string)
        : pick(ctx.random, T.STAFF_FIRST),
  );
  if (asksForDetails) await act(ctx, 'pend', key, staffOnTicket);
  if (!critical && ctx.random() < 0.06) await act(ctx, 'escalate', key, staffOnTicket);

  if (critical) {
    yield now(ctx) + between(ctx.random, 20, 90) * MIN;
    ticket = await fresh(ctx, key);
    if (!ticket) return;
    await staffSay(ctx, staff, ticket, T.STAFF_INCIDENT[1] as string);
    yield now(ctx) + between(ctx.random, 15, 60) * MIN;
  } else {
    if (asksForDetails || ctx.random() < 0.45) {
      yield now(ctx) + between(ctx.random, 10, 300) * MIN;
      const current = await fresh(ctx, key);
      if (!current) return;
      await say(ctx, persona, current.conversation, pick(ctx.random, T.CUSTOMER_FOLLOW_UPS));
      yield await dueFraction(ctx, current.id, 'next-response', 8 * HOUR, 0.08);
      ticket = await fresh(ctx, key);
      if (!ticket || ticket.status === 'closed') return;
      await staffSay(ctx, staff, ticket, pick(ctx.random, T.STAFF_MORE));
    }
    if (ctx.random() < 0.35) {
      yield now(ctx) + between(ctx.random, 15, 240) * MIN;
      const current = await fresh(ctx, key);
      if (!current) return;
      await say(ctx, persona, current.conversation, pick(ctx.random, T.CUSTOMER_THANKS));
      yield now(ctx) + between(ctx.random, 5, 60) * MIN;
    } else yield await dueFraction(ctx, opened.id, 'resolution', 2 * DAY, 0.05, 3 * DAY);
  }
  for (let round = 0; round < 2; round++) {
    await acknowledgePages(ctx, opened.id, staff);
    ticket = await act(ctx, 'resolve', key, staffOnTicket);
    if (!ticket) return;
    if (ctx.random() < 0.75) {
      yield now(ctx) + between(ctx.random, 5, 360) * MIN;
      await rate(ctx, persona, ticket, breached);
    }
    if (round > 0 || ctx.random() > 0.08) break;
    // Reopened: in words (the engine reopens it) or with the reopen action.
    yield now(ctx) + between(ctx.random, 12, 60) * HOUR;
    const current = await fresh(ctx, key);
    if (current?.status !== 'resolved') return;
    if (ctx.random() < 0.5) await say(ctx, persona, current.conversation, T.CUSTOMER_REOPEN);
    else await act(ctx, 'reopen', key, personaActor(persona));
    yield await dueFraction(ctx, current.id, 'next-response', 4 * HOUR, 0.1);
    const reopened = await fresh(ctx, key);
    if (!reopened || reopened.status === 'closed') return;
    await staffSay(ctx, staff, reopened, pick(ctx.random, T.STAFF_MORE));
    yield now(ctx) + between(ctx.random, 1, 8) * HOUR;
  }
  yield now(ctx) + between(ctx.random, 2, 4) * DAY;
  const last = await fresh(ctx, key);
  if (last?.status === 'resolved')
    await act(ctx, 'close', key, ctx.random() < 0.7 ? staffOnTicket : personaActor(persona));
}

/** A question or problem from one person; a ticket, when one opens, lives on in `ticketLife`. */
export async function* conversation(
  ctx: SceneContext,
  persona: Persona,
  text: string,
  options: { wantsTicket?: boolean; vote?: 'helpful' | 'unhelpful' | 'mixed' } = {},
): Scene {
  const conv = newConversation(ctx, persona);
  const outcome = await say(ctx, persona, conv, text, options);
  if (outcome.kind === 'ticket-opened') {
    yield* ticketLife(ctx, persona, outcome.ticket);
    return;
  }
  if (outcome.kind !== 'answered' || outcome.articles.length === 0 || ctx.random() < 0.3) return;
  yield now(ctx) + between(ctx.random, 1, 20) * MIN;
  const helpfulChance = options.vote === 'unhelpful' ? 0.2 : options.vote === 'helpful' ? 0.9 : 0.75;
  const article = outcome.articles[0]?.article.id;
  if (!article) return;
  const r = await ctx.desk.feedback.vote({
    articleId: article,
    voterId: persona.author.id,
    helpful: ctx.random() < helpfulChance,
    platform: persona.platform,
    context: conv.threadId ?? conv.channelId,
  });
  if (r.kind !== 'unknown-article') ctx.tally.votes++;
}

/** One new conversation of a given kind, for a tier; which text and person are drawn from `random`. */
export function sceneFor(ctx: SceneContext, persona: Persona): Scene {
  const r = ctx.random();
  if (persona.tier === 'community') {
    if (r < 0.34) return conversation(ctx, persona, pick(ctx.random, T.QUESTIONS), { vote: 'mixed' });
    if (r < 0.44)
      return conversation(ctx, persona, 'Why does the Discord bot not answer in our help channel?', {
        vote: 'unhelpful',
      });
    if (r < 0.62) return conversation(ctx, persona, pick(ctx.random, pick(ctx.random, T.GAP_QUESTIONS)));
    if (r < 0.68) return conversation(ctx, persona, pick(ctx.random, T.NOISE));
    if (r < 0.72) return conversation(ctx, persona, pick(ctx.random, T.INCIDENTS));
    return conversation(ctx, persona, pick(ctx.random, T.ISSUES), { wantsTicket: persona.platform === 'shell' });
  }
  if (r < 0.05) return conversation(ctx, persona, pick(ctx.random, T.INCIDENTS));
  if (r < 0.27) return conversation(ctx, persona, pick(ctx.random, T.QUESTIONS));
  return conversation(ctx, persona, pick(ctx.random, T.ISSUES));
}
