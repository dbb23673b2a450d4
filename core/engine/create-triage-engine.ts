import type { IntentModel } from '../classifier/intent-model.js';
import type { SupportConfig } from '../config/support-config.js';
import type { Directory, Requester } from '../directory/create-directory.js';
import { conversationKey } from '../model/inbound-message.js';
import type { ConversationRef, InboundMessage } from '../model/inbound-message.js';
import type { NewOutboxItem, OutboundMessage } from '../model/outbound-message.js';
import type { NewTicket, Ticket } from '../model/ticket.js';
import type { Clock } from '../ports/clock.js';
import type { NewSearchLog } from '../ports/feedback-store.js';
import type { ArticleHit, KnowledgeBase } from '../ports/knowledge-base.js';
import type { Logger } from '../ports/logger.js';
import type { TextAnalyzer } from '../ports/text-analyzer.js';
import { silentLogger } from '../ports/logger.js';
import type { ChangeSet, EventRecord, TicketStore } from '../ports/ticket-store.js';
import { CRITICAL_CATEGORIES, priorityFor } from '../policy/priority-for.js';
import { nextStep } from '../policy/next-step.js';
import { isProgressChase } from '../policy/progress-chase.js';
import { statusAfterCustomerReply } from '../policy/ticket-lifecycle.js';
import { firstResponseDue } from '../sla/first-response-due.js';
import {
  answerWithoutTicket,
  raisedReply,
  reopenedReply,
  staffAnnouncement,
  ticketOpenedReply,
  ticketSummary,
} from './build-replies.js';
import { classifyCategory } from './classify-category.js';
import { createKeyedQueue } from './keyed-queue.js';
import { analysisSettings, createInProcessAnalyzer } from './analyze-text.js';
import type { TriageOutcome } from './triage-outcome.js';

export const MAX_TEXT_LENGTH = 20_000;

export interface TriageEngineDeps {
  store: TicketStore;
  kb: KnowledgeBase;
  model: IntentModel;
  config: SupportConfig;
  directory: Directory;
  clock: Clock;
  log?: Logger;
  /** Where new paid-tier tickets are announced to staff (e.g. the Slack staff channel), if anywhere. */
  staffAnnouncements?: readonly ConversationRef[];
  /** Called after a change that queued outbound messages, so the dispatcher can send them now. */
  onQueued?: (() => void) | undefined;
  /** Where classification and article search run (e.g. a worker-thread pool); in process on `model` and `kb` by default. */
  analyzer?: TextAnalyzer;
}

/** What an adapter adds to the handling of one message. */
export interface HandleOptions {
  /**
   * Outbound messages the adapter queues because of the outcome (GitHub: the labels and at most one comment),
   * committed in the same transaction as the message itself, so a crash cannot store the one without the other.
   * Called once per committed outcome (again if a conflict makes the engine decide again); not for a duplicate.
   */
  outboxFor?: ((outcome: TriageOutcome) => readonly NewOutboxItem[]) | undefined;
}

export interface TriageEngine {
  handle(message: InboundMessage, options?: HandleOptions): Promise<TriageOutcome>;
  /** Knowledge-base search for a person (`/kb`), logged like every search. */
  search(
    query: string,
    who: { platform: InboundMessage['platform']; tier: Requester['tier']; customerId: string | null },
    limit?: number,
  ): Promise<readonly ArticleHit[]>;
}

export function createTriageEngine(deps: TriageEngineDeps): TriageEngine {
  const { store, kb, model, config, directory, clock } = deps;
  const log = deps.log ?? silentLogger;
  const queue = createKeyedQueue();
  const analyzer = deps.analyzer ?? createInProcessAnalyzer(model, kb, analysisSettings(config));

  const searchLog = (
    query: string,
    platform: InboundMessage['platform'],
    requester: Pick<Requester, 'tier'> & { customerId: string | null },
    hits: readonly ArticleHit[],
    intent: string | null,
  ): NewSearchLog => ({
    query: query.slice(0, 500),
    platform,
    tier: requester.tier,
    customerId: requester.customerId,
    resultCount: hits.length,
    topArticleId: hits[0]?.article.id ?? null,
    topScore: hits[0]?.score ?? null,
    intent,
    at: clock.now(),
  });

  async function commit(
    changes: ChangeSet,
    outbox: NewOutboxItem[],
  ): Promise<Awaited<ReturnType<TicketStore['commit']>>> {
    const result = await store.commit({ ...changes, outbox });
    if (result.kind === 'committed' && result.outboxIds.length) deps.onQueued?.();
    return result;
  }

  async function handleLocked(msg: InboundMessage, text: string, options: HandleOptions): Promise<TriageOutcome> {
    if (await store.hasEvent(msg.platform, msg.eventId)) return { kind: 'ignored', reason: 'duplicate' };
    const adapterOutbox = (outcome: TriageOutcome): NewOutboxItem[] => [...(options.outboxFor?.(outcome) ?? [])];
    const now = msg.receivedAt;
    const key = conversationKey(msg.conversation);
    const event = (outcome: string): EventRecord => ({
      platform: msg.platform,
      eventId: msg.eventId,
      receivedAt: now,
      conversationKey: key,
      authorId: msg.author.id,
      outcome,
    });
    const replyTo = (message: OutboundMessage, purpose = 'reply'): NewOutboxItem[] =>
      msg.replyInline
        ? []
        : [
            {
              platform: msg.platform,
              conversation: msg.conversation,
              message,
              dedupeKey: `${purpose}:${msg.platform}:${msg.eventId}`,
            },
          ];
    const transcript = (ticketId: number | undefined, role: 'customer' | 'staff' | 'participant') => ({
      ticketId,
      platform: msg.platform,
      eventId: msg.eventId,
      messageId: msg.messageId ?? null,
      authorId: msg.author.id,
      authorName: msg.author.name ?? null,
      role,
      text,
      at: now,
    });
    const duplicate = { kind: 'ignored', reason: 'duplicate' } as const;

    const staff = msg.authorIsStaff
      ? (directory.staffByIdentity(msg.platform, msg.author.id) ?? { id: msg.author.id })
      : directory.staffByIdentity(msg.platform, msg.author.id);
    const existing = await store.findTicketForConversation(msg.conversation);

    if (staff) {
      if (!existing) {
        const outcome = { kind: 'ignored', reason: 'staff-no-ticket' } as const;
        const r = await commit({ event: event('ignored:staff-no-ticket') }, adapterOutbox(outcome));
        return r.kind === 'duplicate' ? duplicate : outcome;
      }
      const first = existing.firstResponseAt === null;
      const change = first ? 'staff-first-response' : 'staff-message';
      const r = await commit(
        {
          event: event(first ? 'ticket-updated:staff-first-response' : 'ticket-updated:staff-message'),
          ticketId: existing.id,
          patch: {
            updatedAt: now,
            ...(first ? { firstResponseAt: now } : {}),
            ...(existing.assigneeId === null && 'roles' in staff ? { assigneeId: staff.id } : {}),
          },
          messages: [transcript(existing.id, 'staff')],
          audits: first
            ? [
                {
                  actor: staff.id,
                  action: 'ticket.first-response',
                  detail: {
                    dueAt: existing.firstResponseDueAt,
                    at: now,
                    met: existing.firstResponseDueAt === null || now <= existing.firstResponseDueAt,
                  },
                  at: now,
                },
              ]
            : [],
          outboxFor: (ticket) =>
            adapterOutbox({ kind: 'ticket-updated', ticket, change, classification: null, reply: null }),
        },
        [],
      );
      if (r.kind !== 'committed' || !r.ticket) return duplicate;
      return { kind: 'ticket-updated', ticket: r.ticket, change, classification: null, reply: null };
    }

    const requester = directory.requester(msg.platform, msg.author, msg.customerId);

    if (existing && !speaksForTicket(existing, msg.author.id, requester.customer?.id ?? null)) {
      // A third party in the customer's conversation: on the record, but no status, priority, clock or page moves.
      const change = 'participant-message';
      const r = await commit(
        {
          event: event(`ticket-updated:${change}`),
          ticketId: existing.id,
          messages: [transcript(existing.id, 'participant')],
          outboxFor: (ticket) =>
            adapterOutbox({ kind: 'ticket-updated', ticket, change, classification: null, reply: null }),
        },
        [],
      );
      if (r.kind !== 'committed') return duplicate;
      return { kind: 'ticket-updated', ticket: r.ticket ?? existing, change, classification: null, reply: null };
    }
    // Articles are looked for only for a new conversation (a follow-up goes to its ticket).
    const analysis = await analyzer.analyze({
      text,
      search: existing ? null : { tier: requester.tier, platform: msg.platform, language: 'en' },
    });
    const classification = classifyCategory(
      analysis.prediction,
      config.classifier.threshold,
      config.classifier.criticalThreshold,
    );

    if (existing) {
      const next = statusAfterCustomerReply(existing.status);
      // A follow-up that reports an outage, a security issue or data loss raises the ticket to critical; one that only
      // chases progress ("any update? it still fails") does not, whatever the classifier reads in it.
      const raise =
        classification.confident &&
        CRITICAL_CATEGORIES.has(classification.category) &&
        existing.priority !== 'critical' &&
        !isProgressChase(text);
      const raised = raise
        ? {
            priority: 'critical' as const,
            category: classification.category,
            ...(existing.firstResponseAt === null
              ? {
                  firstResponseDueAt: firstResponseDue({
                    createdAt: now,
                    tier: existing.tier,
                    priority: 'critical',
                    timezone: requester.timezone,
                    tiers: config.tiers,
                    businessHours: config.businessHours,
                  }),
                }
              : {}),
          }
        : {};
      const change = next.reopened
        ? 'customer-reopened'
        : existing.status === 'pending'
          ? 'customer-unpended'
          : 'customer-message';
      const reply = next.reopened ? reopenedReply(existing) : raise ? raisedReply(existing) : null;
      const r = await commit(
        {
          event: event(`ticket-updated:${change}`),
          ticketId: existing.id,
          expectStatus: existing.status,
          patch: {
            status: next.status,
            updatedAt: now,
            ...raised,
            ...(next.reopened ? { reopenCount: existing.reopenCount + 1, resolvedAt: null } : {}),
          },
          messages: [transcript(existing.id, 'customer')],
          audits: [
            ...(next.status !== existing.status
              ? [
                  {
                    actor: msg.author.id,
                    action: next.reopened ? 'ticket.reopened' : 'ticket.status',
                    detail: { from: existing.status, to: next.status },
                    at: now,
                  },
                ]
              : []),
            ...(raise
              ? [
                  {
                    actor: msg.author.id,
                    action: 'ticket.priority-raised',
                    detail: { from: existing.priority, to: 'critical', category: classification.category },
                    at: now,
                  },
                ]
              : []),
          ],
          outboxFor: (ticket) => adapterOutbox({ kind: 'ticket-updated', ticket, change, classification, reply }),
        },
        reply ? replyTo(reply) : [],
      );
      if (r.kind === 'duplicate') return duplicate;
      if (r.kind === 'conflict') return handleLocked(msg, text, options); // the ticket moved under us: decide again
      return { kind: 'ticket-updated', ticket: r.ticket as Ticket, change, classification, reply };
    }

    const customerId = requester.customer?.id ?? null;
    const hits = [...analysis.hits];
    const step = nextStep({
      tier: requester.tier,
      category: classification.category,
      confident: classification.confident,
      articleFound: hits.length > 0,
      wantsTicket: msg.wantsTicket === true,
      ticketIfUnsure: msg.ticketIfUnsure === true,
      featureRequestsUrl: config.desk.featureRequestsUrl !== undefined,
    });
    const critical = CRITICAL_CATEGORIES.has(classification.category);
    const search = searchLog(text, msg.platform, { tier: requester.tier, customerId }, hits, classification.intent);

    if (step.kind !== 'open-ticket') {
      const { reply, articles, name } = answerWithoutTicket(step, classification, hits, text, config);
      const outcome = {
        kind: 'answered',
        classification,
        articles,
        reply,
        abstained: step.kind === 'not-sure',
      } as const;
      const searches = step.kind === 'greet' ? {} : { searches: [search] };
      const r = await commit({ event: event(`answered:${name}`), ...searches }, [
        ...replyTo(reply),
        ...adapterOutbox(outcome),
      ]);
      return r.kind === 'duplicate' ? duplicate : outcome;
    }
    const why = step.why;

    const priority = priorityFor(classification.category, requester.tier, config.tiers);
    const ticket: NewTicket = {
      status: 'open',
      priority,
      category: classification.category,
      tier: requester.tier,
      customerId,
      requesterId: msg.author.id,
      requesterName: msg.author.name ?? null,
      conversation: msg.conversation,
      subject: subjectOf(text),
      assigneeId: null,
      createdAt: now,
      updatedAt: now,
      firstResponseDueAt: firstResponseDue({
        createdAt: now,
        tier: requester.tier,
        priority,
        timezone: requester.timezone,
        tiers: config.tiers,
        businessHours: config.businessHours,
      }),
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      reopenCount: 0,
      escalated: false,
    };
    const customerName = requester.customer?.name ?? null;
    const outboxFor = (opened: Ticket): NewOutboxItem[] => {
      const summary = ticketSummary(opened, requester.timezone, customerName);
      const reply = ticketOpenedReply(opened, summary, config, hits, why);
      const items = [
        ...replyTo(reply),
        ...adapterOutbox({ kind: 'ticket-opened', ticket: opened, classification, articles: hits, reply }),
      ];
      if (requester.tier !== 'community' || critical) {
        const announcement = staffAnnouncement(opened, summary);
        for (const target of deps.staffAnnouncements ?? []) {
          items.push({
            platform: target.platform,
            conversation: target,
            message: announcement,
            dedupeKey: `announce:${opened.key}:${conversationKey(target)}`,
          });
        }
      }
      return items;
    };
    const r = await commit(
      {
        event: event('ticket-opened'),
        openTicket: ticket,
        messages: [transcript(undefined, 'customer')],
        audits: [
          {
            actor: msg.author.id,
            action: 'ticket.opened',
            detail: {
              priority,
              category: classification.category,
              intent: classification.intent,
              confidence: round(classification.confidence),
              tier: requester.tier,
              why,
            },
            at: now,
          },
        ],
        searches: [search],
        outboxFor,
      },
      [],
    );
    if (r.kind !== 'committed' || !r.ticket) return duplicate;
    const opened = r.ticket;
    const reply = ticketOpenedReply(opened, ticketSummary(opened, requester.timezone, customerName), config, hits, why);
    log.info({ ticket: opened.key, priority, tier: opened.tier, category: opened.category }, 'ticket opened');
    return { kind: 'ticket-opened', ticket: opened, classification, articles: hits, reply };
  }

  return {
    async handle(msg, options = {}) {
      if (msg.author.isBot) return { kind: 'ignored', reason: 'bot-author' };
      const trimmed = msg.text.trim();
      if (!trimmed) return { kind: 'ignored', reason: 'empty' };
      const text = trimmed.length > MAX_TEXT_LENGTH ? `${trimmed.slice(0, MAX_TEXT_LENGTH)} [truncated]` : trimmed;
      return queue.run(conversationKey(msg.conversation), () => handleLocked(msg, text, options));
    },
    async search(query, who, limit = 5) {
      const hits = kb.search(query, { tier: who.tier, platform: who.platform, language: 'en' }, limit);
      await store.commit({
        at: clock.now(),
        searches: [searchLog(query, who.platform, { tier: who.tier, customerId: who.customerId }, hits, null)],
      });
      return hits;
    },
  };
}

/**
 * Whether a follow-up speaks for the ticket: its requester, or anyone the directory maps to the ticket's customer (a
 * colleague at the same company, every member of the customer's shared Slack channel). Ids compare without case
 * (GitHub logins are case-insensitive; Slack and Discord ids have one case).
 */
export function speaksForTicket(
  ticket: Pick<Ticket, 'requesterId' | 'customerId'>,
  authorId: string,
  authorCustomerId: string | null,
): boolean {
  if (ticket.requesterId.toLowerCase() === authorId.toLowerCase()) return true;
  return ticket.customerId !== null && authorCustomerId === ticket.customerId;
}

function subjectOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  const clean = line.replace(/\s+/g, ' ').trim();
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
