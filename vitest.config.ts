import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests that run a second time with the desks on PostgreSQL (TEST_STORE=postgres: each desk in a schema of
 * its own on TEST_DATABASE_URL). The store contracts run on both stores in every run; these add the desk's own paths
 * (triage, SLA clocks and their restarts, paging, the outbox, mail, sessions) on PostgreSQL. The others stay on SQLite
 * only because they test the SQLite file itself (migrations, page size, busy timeouts, triggers) or spawn processes
 * on a SQLite path (the multi-instance test runs its processes on PostgreSQL by itself).
 */
const ON_BOTH_STORES = [
  'test/e2e/slack/slack-commands.test.ts',
  'test/e2e/slack/slack-threads.test.ts',
  'test/e2e/slack/slack-buttons.test.ts',
  'test/e2e/slack/slack-delivery.test.ts',
  'test/e2e/slack/slack-paging.test.ts',
  'test/e2e/slack/slack-escalation-restart.test.ts',
  'test/e2e/slack/slack-outbox-once.test.ts',
  'test/e2e/sla-escalation.test.ts',
  'test/e2e/discord-commands.test.ts',
  'test/e2e/discord-help-channel.test.ts',
  'test/e2e/discord-paging.test.ts',
  'test/e2e/discord-delivery.test.ts',
  'test/e2e/email/email-imap.test.ts',
  'test/e2e/email/email-slack-relay.test.ts',
  'test/e2e/dashboard/dashboard-sessions.test.ts',
  'test/e2e/dashboard/web-desk.test.ts',
  'test/e2e/dashboard/web-desk-oidc.test.ts',
  'test/e2e/github-triage.test.ts',
  'test/e2e/github-app.test.ts',
  'test/e2e/outbox-lanes.test.ts',
  'test/e2e/slack/slack-hardening.test.ts',
  'test/e2e/slack/slack-hostile.test.ts',
  'test/e2e/slack/slack-socket-mode.test.ts',
  'test/hostile/github-strangers.test.ts',
  'test/hostile/discord-thread-participant.test.ts',
  'test/e2e/dashboard/dashboard.test.ts',
  'test/e2e/email/email-smtp.test.ts',
  'test/e2e/email/email-crash.test.ts',
  'test/e2e/github-issue-types.test.ts',
  'test/e2e/github-cli.test.ts',
  'test/e2e/npm-start.test.ts',
  'test/e2e/shell.test.ts',
  'test/hostile/github-deadline-kill.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'core/**/*.test.ts',
            'bots/**/*.test.ts',
            'knowledge/**/*.test.ts',
            'data/**/*.test.ts',
            'runtime/**/*.test.ts',
            'scripts/**/*.test.ts',
            'lab/**/*.test.ts',
            'test/**/*.test.ts',
          ],
        },
      },
      { extends: true, test: { name: 'postgres', include: ON_BOTH_STORES, env: { TEST_STORE: 'postgres' } } },
    ],
  },
});
