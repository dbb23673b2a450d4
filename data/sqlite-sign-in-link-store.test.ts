import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signInLinkStoreContract } from '../test/contracts/sign-in-link-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteSignInLinkStore } from './sqlite-sign-in-link-store.js';

const dir = mkdtempSync(join(tmpdir(), 'link-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

signInLinkStoreContract('SQLite file', async () =>
  createSqliteSignInLinkStore(openDatabase(join(dir, `l${n++}.sqlite`))),
);

describe('SQLite sign-in link specifics', () => {
  it('keeps a used link as an audit row until it is purged, and looks links up by their indexes', async () => {
    const db = openDatabase(join(dir, 'audit.sqlite'));
    const store = createSqliteSignInLinkStore(db);
    await store.createLink({
      tokenHash: 'h1',
      staffId: 'alice',
      createdAt: 1_000,
      expiresAt: 5_000,
      ip: '192.0.2.1',
      userAgent: 'UA',
    });
    expect(await store.consumeLink('h1', 2_000)).toEqual({ kind: 'consumed', staffId: 'alice' });
    expect(db.prepare('SELECT used_at, ip, user_agent FROM sign_in_links WHERE token_hash = ?').get('h1')).toEqual({
      used_at: 2_000,
      ip: '192.0.2.1',
      user_agent: 'UA',
    });
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan("UPDATE sign_in_links SET used_at = 1 WHERE token_hash = 'h1' AND used_at IS NULL")).toMatch(
      /USING PRIMARY KEY/,
    );
    expect(plan("SELECT COUNT(*) FROM sign_in_links WHERE staff_id = 'alice' AND created_at >= 0")).toMatch(
      /sign_in_links_by_staff/,
    );
    expect(await store.purgeLinks(5_001)).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM sign_in_links').pluck().get()).toBe(0);
    db.close();
  });

  it('lets one of two connections on the same file consume a link', async () => {
    const path = join(dir, 'two.sqlite');
    const a = openDatabase(path);
    const b = openDatabase(path);
    const one = createSqliteSignInLinkStore(a);
    const two = createSqliteSignInLinkStore(b);
    await one.createLink({
      tokenHash: 'h',
      staffId: 'alice',
      createdAt: 0,
      expiresAt: 600_000,
      ip: null,
      userAgent: null,
    });
    expect(await two.consumeLink('h', 10)).toEqual({ kind: 'consumed', staffId: 'alice' });
    expect(await one.consumeLink('h', 20)).toEqual({ kind: 'used', usedAt: 10 });
    a.close();
    b.close();
  });
});
