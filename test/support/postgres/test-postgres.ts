import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PostgresDatabase } from '../../../data/open-postgres.js';
import { openPostgres } from '../../../data/open-postgres.js';

/**
 * The PostgreSQL server tests use: TEST_DATABASE_URL, by default the local server's `test` database with trust auth
 * (`.ci/run` makes sure it is up). Each test gets its own schema, so suites run in parallel on one database.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `url` with its search_path set to `schema`: every connection opened from it works in that schema. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

let swept = false;

/** Drop test schemas left by runs that died more than an hour ago (their names carry their creation time). */
async function sweepOldSchemas(client: pg.Client): Promise<void> {
  if (swept) return;
  swept = true;
  const { rows } = await client.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%'",
  );
  const cutoff = Date.now() - 3600_000;
  for (const { nspname } of rows) {
    const created = Number(nspname.split('_')[1]);
    if (Number.isFinite(created) && created < cutoff) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  }
}

export interface TestSchema {
  schema: string;
  /** TEST_DATABASE_URL pointed at the schema (give it to `openPostgres` or a desk's DATABASE_URL). */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty schema. */
export async function createTestSchema(): Promise<TestSchema> {
  const schema = `t_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await sweepOldSchemas(admin);
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    url: urlWithSchema(TEST_DATABASE_URL, schema),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

const opened: { db: PostgresDatabase; schema: TestSchema }[] = [];

/** A migrated database in a fresh schema; `closeTestPostgres` (in afterAll) closes and drops every one opened. */
export async function openTestPostgres(options: { max?: number } = {}): Promise<PostgresDatabase> {
  const schema = await createTestSchema();
  const db = await openPostgres(schema.url, options);
  opened.push({ db, schema });
  return db;
}

export async function closeTestPostgres(): Promise<void> {
  for (const { db, schema } of opened.splice(0)) {
    await db.close().catch(() => undefined);
    await schema.drop();
  }
}
