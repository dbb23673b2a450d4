import type { ActionResult, TicketVerb } from '../core/engine/create-ticket-actions.js';
import type { TriageOutcome } from '../core/engine/triage-outcome.js';
import type { ArticleRef } from '../core/model/outbound-message.js';
import type { RatingKind, TicketMessage } from '../core/model/ticket.js';
import type { ArticleHit } from '../core/ports/knowledge-base.js';

const pct = (n: number) => `${Math.round(n * 100)}%`;

function articles(list: readonly ArticleRef[] | undefined): string[] {
  return (list ?? []).map((a, i) => `  ${i + 1}. ${a.title}${a.url ? ` <${a.url}>` : ` [${a.id}]`}\n     ${a.excerpt}`);
}

const IGNORED: Record<string, string> = {
  'staff-no-ticket': 'not recorded: this conversation has no ticket for a staff message to answer',
};

/** Render an engine outcome for the terminal: intent and confidence, then the answer or the ticket. */
export function formatOutcome(outcome: TriageOutcome): string {
  switch (outcome.kind) {
    case 'ignored':
      return `(${IGNORED[outcome.reason] ?? `ignored: ${outcome.reason}`})`;
    case 'answered': {
      const c = outcome.classification;
      const head = `[intent ${c.intent} ${pct(c.confidence)}${c.confident ? '' : ', below threshold'}]`;
      const offersTicket = outcome.reply.actions?.some((a) => a.id === 'ticket.open') ?? false;
      return [
        head,
        outcome.reply.text,
        ...articles(outcome.reply.articles),
        ...(offersTicket ? ['  (type /ticket to open a ticket for this)'] : []),
      ].join('\n');
    }
    case 'ticket-opened': {
      const c = outcome.classification;
      const t = outcome.ticket;
      const due = outcome.reply.ticket?.dueText ?? 'best effort (no target)';
      return [
        `[intent ${c.intent} ${pct(c.confidence)} -> category ${t.category}]`,
        `Ticket ${t.key} · ${t.priority} priority · ${t.tier} tier · first response due ${due}`,
        outcome.reply.text,
        ...articles(outcome.reply.articles),
        `  (what you write next joins ${t.key}; /conversation new for an unrelated question)`,
      ].join('\n');
    }
    case 'ticket-updated': {
      const c = outcome.classification;
      const head = c ? `[intent ${c.intent} ${pct(c.confidence)}] ` : '';
      return `${head}Added to ${outcome.ticket.key} (${outcome.ticket.status}, ${outcome.change})${outcome.reply ? `\n${outcome.reply.text}` : ''}`;
    }
  }
}

/**
 * `/kb` results on one scale: how much of the query each article covers (0-100%, comparable across queries), in the
 * knowledge base's ranking order. The ranking score itself is a likelihood ratio whose size means nothing to a reader
 * (12,460,145 for one query's best article, 0.5 for another's).
 */
export function formatHits(hits: readonly ArticleHit[]): string {
  if (hits.length === 0) return 'Nothing found.';
  return hits
    .map((h, i) => `${i + 1}. ${h.article.title} (covers ${pct(h.coverage)} of the query)\n   ${h.excerpt}`)
    .join('\n');
}

const DONE: Record<TicketVerb, string> = {
  claim: 'You claimed {key}.',
  close: '{key} is closed.',
  resolve: '{key} is resolved.',
  pend: '{key} is waiting on the customer.',
  reopen: '{key} is open again.',
  escalate: '{key} is escalated.',
};

/** A ticket action's outcome, as the shell prints it. */
export function actionText(verb: TicketVerb, result: ActionResult): string {
  switch (result.kind) {
    case 'done':
      return `${DONE[verb].replace('{key}', result.ticket.key)} (${result.ticket.status}, ${result.ticket.priority}${result.ticket.assigneeId ? `, assigned to ${result.ticket.assigneeId}` : ''})`;
    case 'not-found':
      return `There is no ticket ${result.key}.`;
    case 'forbidden':
    case 'invalid':
      return result.reason;
  }
}

/** A rating's outcome. */
export function ratingText(kind: RatingKind, score: number, result: ActionResult): string {
  if (result.kind === 'done')
    return kind === 'csat'
      ? `Thanks for rating ${result.ticket.key} ${score}/5.`
      : `Thanks for your ${score}/10 for ${result.ticket.key}.`;
  if (result.kind === 'not-found') return `There is no ticket ${result.key}.`;
  return result.reason;
}

/** A ticket's transcript, one line a message. */
export function formatTranscript(messages: readonly TicketMessage[]): string[] {
  return messages.map((m) => `  ${m.role} ${m.authorName ?? m.authorId}: ${m.text.replace(/\s+/g, ' ').slice(0, 200)}`);
}
