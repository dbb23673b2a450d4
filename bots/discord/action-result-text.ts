import type { ActionResult, TicketVerb } from '../../core/index.js';

const DONE: Record<TicketVerb, string> = {
  claim: 'You claimed {key}.',
  close: '{key} is closed; the thread is archived and the requester was asked for a rating.',
  resolve: '{key} is resolved.',
  pend: '{key} is waiting on the requester.',
  reopen: '{key} is open again.',
  escalate: '{key} is escalated.',
};

/** The one place ticket-action outcomes become what the member reads. */
export function actionResultText(verb: TicketVerb, result: ActionResult): string {
  switch (result.kind) {
    case 'done':
      return DONE[verb].replace('{key}', result.ticket.key);
    case 'not-found':
      return `There is no ticket ${result.key} that you can see.`;
    case 'forbidden':
      return result.reason;
    case 'invalid':
      return result.reason;
  }
}
