import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnvFile, readEnv } from './env.js';

const dir = mkdtempSync(join(tmpdir(), 'desk-envfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadEnvFile (.env)', () => {
  const file = join(dir, 'desk.env');
  writeFileSync(
    file,
    [
      '# comment',
      'PORT=4100',
      'DASHBOARD_TOKEN="quoted value"',
      'DATABASE_PATH=from-file.sqlite',
      'LOG_LEVEL=debug',
      'SLACK_BOT_TOKEN=xoxb-file',
      'export LOG_FORMAT=json',
      '',
    ].join('\n'),
  );

  it('fills the variables the environment does not set; a variable already set wins, even empty', () => {
    const target: NodeJS.ProcessEnv = { ENV_FILE: file, DATABASE_PATH: 'real.sqlite', SLACK_BOT_TOKEN: '' };
    expect(loadEnvFile(target)).toEqual({ envFile: file });
    expect(target).toMatchObject({
      PORT: '4100',
      DASHBOARD_TOKEN: 'quoted value',
      DATABASE_PATH: 'real.sqlite',
      LOG_LEVEL: 'debug',
      SLACK_BOT_TOKEN: '',
      LOG_FORMAT: 'json',
    });
    expect(readEnv(target)).toMatchObject({
      PORT: 4100,
      DASHBOARD_TOKEN: 'quoted value',
      DATABASE_PATH: 'real.sqlite',
      LOG_FORMAT: 'json',
    });
    expect(readEnv(target).SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('reads .env from the working directory by default, is fine without one, and refuses an ENV_FILE that does not exist', () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(loadEnvFile({})).toEqual({ envFile: null });
      writeFileSync(join(dir, '.env'), 'PORT=4200\n');
      const target: NodeJS.ProcessEnv = {};
      expect(loadEnvFile(target)).toEqual({ envFile: join(dir, '.env') });
      expect(target.PORT).toBe('4200');
    } finally {
      process.chdir(cwd);
    }
    expect(() => loadEnvFile({ ENV_FILE: join(dir, 'missing.env') })).toThrow(
      /ENV_FILE points to .*missing\.env, which does not exist/,
    );
  });

  it('rejects an unknown LOG_FORMAT and bounds SHUTDOWN_DRAIN_MS', () => {
    expect(() => readEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
    expect(readEnv({}).SHUTDOWN_DRAIN_MS).toBe(8_000);
    expect(() => readEnv({ SHUTDOWN_DRAIN_MS: '10s' })).toThrow(/SHUTDOWN_DRAIN_MS/);
  });
});
