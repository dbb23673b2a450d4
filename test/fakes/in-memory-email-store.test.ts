import { emailStoreContract } from '../contracts/email-store-contract.js';
import { createInMemoryEmailStore } from './in-memory-email-store.js';

emailStoreContract('in-memory fake', async () => createInMemoryEmailStore());
