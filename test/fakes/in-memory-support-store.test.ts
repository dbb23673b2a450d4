import { supportStoreContract } from '../contracts/support-store-contract.js';
import { createInMemorySupportStore } from './in-memory-support-store.js';

supportStoreContract('in-memory fake', async () => createInMemorySupportStore());
