import { signInLinkStoreContract } from '../contracts/sign-in-link-store-contract.js';
import { createInMemorySignInLinkStore } from './in-memory-sign-in-link-store.js';

signInLinkStoreContract('in-memory fake', async () => createInMemorySignInLinkStore());
