import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/open-database.js';
import { checkDemoTarget, isDemoDatabase, markDemoDatabase, removeDatabaseFiles } from './demo-database.js';

describe('where npm run demo may write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-target-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const production = join(dir, 'support.sqlite');

  it("writes a new file, but never the desk's DATABASE_PATH (even before it exists)", () => {
    expect(checkDemoTarget(join(dir, 'demo.sqlite'), { productionPath: production, force: false })).toEqual({
      kind: 'fresh',
    });
    const refused = checkDemoTarget(production, { productionPath: production, force: false });
    expect(refused).toMatchObject({ kind: 'refused' });
    expect(refused.kind === 'refused' && refused.reason).toMatch(/DATABASE_PATH.*--force/s);
  });

  it('refuses an existing database it did not make, and replaces one it made', () => {
    const other = join(dir, 'other.sqlite');
    openDatabase(other).close();
    expect(isDemoDatabase(other)).toBe(false);
    expect(checkDemoTarget(other, { productionPath: production, force: false })).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/not made by npm run demo/),
    });
    expect(checkDemoTarget(other, { productionPath: production, force: true })).toEqual({ kind: 'forced' });

    const demo = join(dir, 'demo.sqlite');
    const db = openDatabase(demo);
    markDemoDatabase(db);
    db.close();
    expect(isDemoDatabase(demo)).toBe(true);
    expect(checkDemoTarget(demo, { productionPath: demo, force: false })).toEqual({ kind: 'replace-demo' });
    removeDatabaseFiles(demo);
    expect(existsSync(demo)).toBe(false);
  });

  it('does not take a file that is no database for a demo', () => {
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'hello');
    expect(isDemoDatabase(junk)).toBe(false);
    expect(checkDemoTarget(junk, { productionPath: production, force: false }).kind).toBe('refused');
  });
});
