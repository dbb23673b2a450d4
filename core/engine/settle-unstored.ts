import type { InboundMessage } from '../model/inbound-message.js';
import type { TicketStore } from '../ports/ticket-store.js';
import type { Classification } from './classify-category.js';
import type { HandleOptions } from './handle-options.js';
import type { TriageOutcome } from './triage-outcome.js';

export interface UnstoredDeps {
  store: Pick<TicketStore, 'findTicketForConversation' | 'commit'>;
  /** The message's classification alone (no article search). */
  classify(text: string): Promise<Classification>;
}

/**
 * A message the engine stored nothing for (a duplicate, an empty or bot message). When the adapter asked for every
 * message's classification (`alwaysClassify`), it is classified, given the priority of the conversation's open
 * ticket, and `outboxFor`'s items for it are queued alone (under the adapter's dedupe keys, so a redelivery changes
 * nothing that was queued). Otherwise the outcome as it is.
 */
export async function settleUnstored(
  deps: UnstoredDeps,
  msg: InboundMessage,
  text: string,
  outcome: TriageOutcome & { kind: 'ignored' },
  options: HandleOptions,
): Promise<TriageOutcome> {
  if (!options.alwaysClassify) return outcome;
  const ticket = await deps.store.findTicketForConversation(msg.conversation);
  const classified = { ...outcome, classification: await deps.classify(text), priority: ticket?.priority ?? null };
  const outbox = options.outboxFor?.(classified) ?? [];
  if (outbox.length) await deps.store.commit({ at: msg.receivedAt, outbox });
  return classified;
}
