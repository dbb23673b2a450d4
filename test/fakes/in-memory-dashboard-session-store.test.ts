import { dashboardSessionStoreContract } from '../contracts/dashboard-session-store-contract.js';
import { createInMemoryDashboardSessionStore } from './in-memory-dashboard-session-store.js';

dashboardSessionStoreContract('in-memory fake', async () => createInMemoryDashboardSessionStore());
