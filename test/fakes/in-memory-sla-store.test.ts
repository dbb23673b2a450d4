import { slaStoreContract } from '../contracts/sla-store-contract.js';
import type { SupportStore } from '../../core/ports/support-store.js';
import { createInMemorySlaStore } from './in-memory-sla-store.js';
import { createInMemorySupportStore } from './in-memory-support-store.js';

slaStoreContract('in-memory fake', async (hook) => {
  let support: SupportStore | null = null;
  const sla = createInMemorySlaStore(() => support as SupportStore);
  support = createInMemorySupportStore({ onTicketChange: hook(sla.sink) });
  return { support, sla };
});
