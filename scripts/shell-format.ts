import type { TriageOutcome } from '../core/engine/triage-outcome.js';
import type { ArticleRef } from '../core/model/outbound-message.js';

const pct = (n: number) => `${Math.round(n * 100)}%`;

function articles(list: readonly ArticleRef[] | undefined): string[] {
  return (list ?? []).map((a, i) => `  ${i + 1}. ${a.title}${a.url ? ` <${a.url}>` : ` [${a.id}]`}\n     ${a.excerpt}`);
}

/** Render an engine outcome for the terminal: intent and confidence, then the answer or the ticket. */
export function formatOutcome(outcome: TriageOutcome): string {
  switch (outcome.kind) {
    case 'ignored':
      return `(ignored: ${outcome.reason})`;
    case 'answered': {
      const c = outcome.classification;
      const head = `[intent ${c.intent} ${pct(c.confidence)}${c.confident ? '' : ', below threshold: not auto-answering'}]`;
      return [head, outcome.reply.text, ...articles(outcome.reply.articles), ...(outcome.abstained ? ['  (type /new <text> to open a ticket)'] : [])].join('\n');
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
      ].join('\n');
    }
    case 'ticket-updated': {
      const c = outcome.classification;
      const head = c ? `[intent ${c.intent} ${pct(c.confidence)}] ` : '';
      return `${head}Added to ${outcome.ticket.key} (${outcome.ticket.status}, ${outcome.change})${outcome.reply ? `\n${outcome.reply.text}` : ''}`;
    }
  }
}
