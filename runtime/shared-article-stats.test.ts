import { afterAll, describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../core/config/support-config.js';
import { silentLogger } from '../core/ports/logger.js';
import { createTestSchema } from '../test/support/postgres/test-postgres.js';
import type { TestSchema } from '../test/support/postgres/test-postgres.js';
import { TEST_CONFIG, TEST_MODEL } from '../test/support/start-test-server.js';
import { createDesk } from './create-desk.js';
import type { Desk } from './create-desk.js';

describe('instances on one PostgreSQL database share the knowledge base ranking', () => {
  const desks: Desk[] = [];
  let schema: TestSchema;
  afterAll(async () => {
    for (const d of desks) await d.close();
    await schema?.drop();
  });

  it("a vote recorded by one instance moves the other instance's ranking at its next refresh", async () => {
    schema = await createTestSchema();
    const parsed = parseSupportConfig(TEST_CONFIG);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const open = () =>
      createDesk({
        config: parsed.config,
        databasePath: ':memory:',
        databaseUrl: schema.url,
        modelCachePath: null,
        log: silentLogger,
        model: TEST_MODEL,
        statsRefreshMs: 100,
      });
    const a = await open();
    desks.push(a);
    const b = await open();
    desks.push(b);
    const query = 'how do I rotate an API token';
    const [top] = b.kb.search(query, {}, 1);
    if (!top) throw new Error('the shipped articles have no match');
    const before = top.score;
    for (let i = 0; i < 5; i++)
      await a.feedback.vote({
        articleId: top.article.id,
        voterId: `U${i}`,
        helpful: true,
        platform: 'slack',
        context: `m${i}`,
      });
    await expect
      .poll(() => b.kb.search(query, {}, 1)[0]?.score ?? 0, { timeout: 5_000, interval: 50 })
      .toBeGreaterThan(before);
  });
});
