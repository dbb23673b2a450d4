import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../data/open-postgres.js';
import { startTcpProxy } from '../support/postgres/start-tcp-proxy.js';
import { createTestSchema, TEST_DATABASE_URL } from '../support/postgres/test-postgres.js';
import type { TestSchema } from '../support/postgres/test-postgres.js';
import { startTestServer } from '../support/start-test-server.js';
import type { TestServer } from '../support/start-test-server.js';

const get = async (server: TestServer, path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('a desk on PostgreSQL: /healthz, /readyz, and the database going away and coming back', () => {
  let schema: TestSchema;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let server: TestServer;
  afterAll(async () => {
    await server?.dispose();
    await proxy?.close();
    await schema?.drop();
  });

  it('reports the database and roles, fails readiness while the database is unreachable, and recovers by itself', async () => {
    schema = await createTestSchema();
    const target = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    server = await startTestServer({
      store: 'sqlite', // replaced below: this desk's DATABASE_URL goes through the proxy
      env: { DATABASE_URL: url.toString(), INSTANCE_ID: 'desk-a' },
    });
    expect(server.desk.stores.kind).toBe('postgres');

    const health = await get(server, '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      database: { kind: 'postgres', up: true },
      instance: { id: 'desk-a', leads: [] },
    });
    expect(String((health.body.database as { where: string }).where)).not.toMatch(/secret/);
    expect(await get(server, '/readyz')).toMatchObject({ status: 200, body: { ready: true } });

    await proxy.down();
    await expect.poll(async () => (await get(server, '/readyz')).status, { timeout: 10_000, interval: 250 }).toBe(503);
    expect(await get(server, '/healthz')).toMatchObject({
      status: 503,
      body: { status: 'database-unreachable', database: { up: false } },
    });

    await proxy.up();
    await expect.poll(async () => (await get(server, '/readyz')).status, { timeout: 15_000, interval: 250 }).toBe(200);
    // Work goes on without a restart: a change commits through the pool's new connections.
    const r = await server.desk.store.commit({
      event: {
        platform: 'shell',
        eventId: 'after-outage',
        receivedAt: 1,
        conversationKey: 'k',
        authorId: 'a',
        outcome: 'o',
      },
    });
    expect(r.kind).toBe('committed');
    const check = await openPostgres(schema.url, { migrate: false, max: 1 });
    const { rows } = await check.pool.query("SELECT COUNT(*) AS n FROM inbound_events WHERE event_id = 'after-outage'");
    await check.close();
    expect(rows[0]).toEqual({ n: 1 });
  });
});
