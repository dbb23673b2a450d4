import { commitSignalContract } from '../contracts/commit-signal-contract.js';
import { slaStoreContract } from '../contracts/sla-store-contract.js';
import type { SlaTransactionSink } from '../../core/ports/sla-store.js';
import type { TicketChangeHook } from '../../core/ports/ticket-change-hook.js';
import { createInMemorySlaStore } from './in-memory-sla-store.js';
import { createInMemorySupportStore } from './in-memory-support-store.js';
import type { InMemorySupportStore } from './in-memory-support-store.js';

async function fakes(hook: (sink: SlaTransactionSink) => TicketChangeHook) {
  let support: InMemorySupportStore | null = null;
  const sla = createInMemorySlaStore(() => support as InMemorySupportStore);
  support = createInMemorySupportStore({ onTicketChange: hook(sla.sink) });
  return { support, sla };
}

slaStoreContract('in-memory fake', fakes);
commitSignalContract('in-memory fakes', fakes);
