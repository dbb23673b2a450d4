import { describe, expect, it } from 'vitest';
import { platformCredentials, readEnv } from './env.js';

describe('environment', () => {
  it('has working defaults with nothing set', () => {
    const env = readEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: 'data/support.sqlite',
      SLACK_API_URL: 'https://slack.com/api/',
      DISCORD_API_URL: 'https://discord.com/api',
      GITHUB_API_URL: 'https://api.github.com',
    });
    expect(platformCredentials(env)).toMatchObject({ live: [] });
  });

  it('names a bad value', () => {
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('trusts no proxy by default and takes a small hop count for TRUST_PROXY_HOPS', () => {
    expect(readEnv({}).TRUST_PROXY_HOPS).toBe(0);
    expect(readEnv({ TRUST_PROXY_HOPS: '2' }).TRUST_PROXY_HOPS).toBe(2);
    expect(() => readEnv({ TRUST_PROXY_HOPS: 'yes' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => readEnv({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('bounds platform requests and outbox sends (10 s and 30 s by default), and names a bad value', () => {
    expect(readEnv({})).toMatchObject({ PLATFORM_REQUEST_TIMEOUT_MS: 10_000, OUTBOX_SEND_DEADLINE_MS: 30_000 });
    const set = readEnv({ PLATFORM_REQUEST_TIMEOUT_MS: '5000', OUTBOX_SEND_DEADLINE_MS: '20000' });
    expect(set).toMatchObject({ PLATFORM_REQUEST_TIMEOUT_MS: 5_000, OUTBOX_SEND_DEADLINE_MS: 20_000 });
    expect(() => readEnv({ PLATFORM_REQUEST_TIMEOUT_MS: '0' })).toThrow(/PLATFORM_REQUEST_TIMEOUT_MS/);
    expect(() => readEnv({ PLATFORM_REQUEST_TIMEOUT_MS: '10s' })).toThrow(/PLATFORM_REQUEST_TIMEOUT_MS/);
    expect(() => readEnv({ OUTBOX_SEND_DEADLINE_MS: '999999999' })).toThrow(/OUTBOX_SEND_DEADLINE_MS/);
  });

  it('starts a platform only with complete credentials and names what a partial set misses', () => {
    expect(platformCredentials(readEnv({ SLACK_BOT_TOKEN: 'xoxb', SLACK_SIGNING_SECRET: 's' })).live).toEqual([
      'slack',
    ]);
    expect(platformCredentials(readEnv({ SLACK_BOT_TOKEN: 'xoxb', SLACK_APP_TOKEN: 'xapp' })).live).toEqual(['slack']);
    expect(
      platformCredentials(readEnv({ GITHUB_WEBHOOK_SECRET: 's', GITHUB_APP_ID: '1', GITHUB_PRIVATE_KEY: 'k' })).live,
    ).toEqual(['github']);
    expect(() => platformCredentials(readEnv({ DISCORD_TOKEN: 't' }))).toThrow(
      'discord: DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is missing',
    );
    expect(() => platformCredentials(readEnv({ GITHUB_WEBHOOK_SECRET: 's', GITHUB_APP_ID: '1' }))).toThrow(
      /GITHUB_TOKEN|GITHUB_PRIVATE_KEY/,
    );
  });
});
