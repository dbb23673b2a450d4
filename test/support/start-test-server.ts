import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { IntentModel } from '../../core/classifier/intent-model.js';
import type { SupportConfigInput } from '../../core/config/support-config.js';
import { createKeywordIntentModel } from '../fakes/keyword-intent-model.js';
import type { Clock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { Logger } from '../../core/ports/logger.js';
import { readEnv } from '../../runtime/env.js';
import { startServer } from '../../runtime/start-server.js';
import type { RunningServer } from '../../runtime/start-server.js';
import { createTestSchema } from './postgres/test-postgres.js';

/**
 * Which database the test desks use: SQLite files by default; TEST_STORE=postgres (the `postgres` test project in
 * vitest.config.ts) runs the same end-to-end tests on PostgreSQL, each desk in a schema of its own.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * The desk's DATABASE_URL for a test folder on PostgreSQL: a new schema, remembered in the folder, so a restart on
 * the same folder finds the same database. Returns how to drop it.
 */
async function postgresFor(dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const remembered = join(dir, 'database-url');
  if (existsSync(remembered)) return { url: readFileSync(remembered, 'utf8'), drop: async () => undefined };
  const schema = await createTestSchema();
  writeFileSync(remembered, schema.url);
  return { url: schema.url, drop: schema.drop };
}

/** A predictable classifier for adapter tests (the real one is tested on its own and in the shell test). */
export const TEST_MODEL: IntentModel = createKeywordIntentModel([
  [/\b(down|outage|500s?)\b/i, 'service-down', 0.96],
  [/\b(leak(ed)?|vulnerab\w*|xss)\b/i, 'security-issue', 0.95],
  [/\b(thanks|thank you|hello|hi)\b/i, 'greeting-thanks', 0.97],
  [/\b(crash\w*|exception|error|bug)\b/i, 'bug', 0.9],
  [/\b(slow|latency|timeout)\b/i, 'performance-issue', 0.9],
  [/\b(install|configure|set ?up|token|env)\b/i, 'setup-help', 0.92],
  [/\b(invoice|billing|refund)\b/i, 'account-billing', 0.9],
  [/\b(feature|support for)\b/i, 'feature-request', 0.88],
]);

export const TEST_CONFIG: SupportConfigInput = {
  desk: { name: 'Test Desk', ticketPrefix: 'SUP' },
  customers: [
    {
      id: 'acme',
      name: 'Acme Corp',
      tier: 'enterprise',
      timezone: 'America/New_York',
      slack: { channels: ['C_ACME'] },
      discord: { userIds: ['100000000000000001'] },
      github: { logins: ['acme-dev'], orgs: ['acme'] },
    },
    {
      id: 'globex',
      name: 'Globex',
      tier: 'professional',
      timezone: 'Europe/Berlin',
      slack: { channels: ['C_GLOBEX'] },
      github: { logins: [], orgs: ['globex'] },
      email: { addresses: [], domains: ['globex.test'] },
    },
    { id: 'initech', name: 'Initech', tier: 'white-glove', timezone: 'Asia/Tokyo', slack: { channels: ['C_INITECH'] } },
  ],
  staff: [
    {
      id: 'alice',
      name: 'Alice Agent',
      slack: 'U_ALICE',
      discord: '200000000000000001',
      github: 'alice',
      roles: ['agent'],
    },
    { id: 'maria', name: 'Maria Manager', slack: 'U_MARIA', roles: ['support-manager'] },
    { id: 'eve', name: 'Eve Exec', slack: 'U_EVE', roles: ['executive'] },
  ],
  oncall: {
    shifts: [
      { name: 'americas', start: '00:00', end: '08:00', members: ['alice'] },
      { name: 'emea', start: '08:00', end: '16:00', members: ['alice'] },
      { name: 'apac', start: '16:00', end: '24:00', members: ['alice'] },
    ],
  },
  discord: { helpChannels: ['300000000000000001'], staffRoleIds: ['400000000000000001'] },
  slack: { staffChannel: 'C_STAFF' },
  github: { repos: ['acme/widgets', 'Codertocat/Hello-World'] },
};

export interface TestServer extends RunningServer {
  dir: string;
  databasePath: string;
  /** Where the desk's data is: the SQLite file, or the PostgreSQL URL (TEST_STORE=postgres). */
  store: 'sqlite' | 'postgres';
  url: string;
  /** Stop and delete the temp folder. */
  dispose(): Promise<void>;
}

/**
 * Start the real server (npm start's code path) on 127.0.0.1 with a temp config and SQLite file.
 * `env` holds the platform variables (e.g. SLACK_API_URL pointed at an emulator).
 */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    config?: SupportConfigInput;
    model?: IntentModel;
    clock?: Clock;
    log?: Logger;
    dir?: string;
    /** Default TEST_STORE. */
    store?: 'sqlite' | 'postgres';
  } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const configPath = join(dir, 'support.config.yaml');
  writeFileSync(configPath, stringify(options.config ?? TEST_CONFIG));
  const databasePath = join(dir, 'support.sqlite');
  const store = options.store ?? TEST_STORE;
  const postgres = store === 'postgres' ? await postgresFor(dir) : null;
  const env = readEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    SUPPORT_CONFIG: configPath,
    DATABASE_PATH: databasePath,
    MODEL_CACHE_PATH: join(dir, 'model.json'),
    LOG_LEVEL: 'silent',
    ANALYSIS_WORKERS: '0',
    ...(postgres ? { DATABASE_URL: postgres.url, DATABASE_POOL_SIZE: '4' } : {}),
    ...options.env,
  });
  const server = await startServer({
    env,
    configExplicit: true,
    log: options.log ?? silentLogger,
    model: options.model ?? TEST_MODEL,
    clock: options.clock,
  });
  return {
    ...server,
    dir,
    databasePath,
    store,
    url: `http://127.0.0.1:${server.port}`,
    async dispose() {
      await server.stop();
      if (!options.dir) {
        await postgres?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
