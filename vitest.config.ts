import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests that run a second time with the desks on PostgreSQL (TEST_STORE=postgres: each desk in a schema of
 * its own on TEST_DATABASE_URL; a test that spawns npm start, the shell or a CLI hands it a DATABASE_URL on a schema of
 * its own). The store contracts run on both stores in every run; these add the desk's own paths (triage, SLA clocks
 * and their restarts, paging, the outbox, mail intake and its kill -9, sessions, the dashboard's figures, the shell,
 * receive and train) on PostgreSQL; their tests that end before a database is opened (usage and credential refusals)
 * are skipped here. The multi-instance and postgres-health tests run on PostgreSQL by themselves. SQLite only:
 * start-server (refusals before any store opens, the page-size hint), migrate-cli (page-size conversion; its
 * PostgreSQL case is in the same file), scripts/db-copy (SQLite into PostgreSQL already), production-build (dist/,
 * .env, a backup of the SQLite file, signals, the systemd unit), hostile/body-limits (refused before any route code),
 * and dashboard-screenshots (its demo desk is filled by runtime/demo/fill-demo-desk.ts, which writes a SQLite file
 * only). discord-attachments talks to the Discord emulator alone (no desk, no store).
 */
const ON_BOTH_STORES = [
  'test/e2e/slack/slack-commands.test.ts',
  'test/e2e/slack/slack-threads.test.ts',
  'test/e2e/slack/slack-buttons.test.ts',
  'test/e2e/slack/slack-delivery.test.ts',
  'test/e2e/slack/slack-paging.test.ts',
  'test/e2e/slack/slack-escalation-restart.test.ts',
  'test/e2e/slack/slack-outbox-once.test.ts',
  'test/e2e/slack/slack-video-calls.test.ts',
  'test/e2e/slack/slack-analysis-workers.test.ts',
  'test/e2e/sla-escalation.test.ts',
  'test/e2e/discord-commands.test.ts',
  'test/e2e/discord-help-channel.test.ts',
  'test/e2e/discord-paging.test.ts',
  'test/e2e/discord-delivery.test.ts',
  'test/e2e/discord-video-calls.test.ts',
  'test/e2e/email/email-imap.test.ts',
  'test/e2e/email/email-slack-relay.test.ts',
  'test/e2e/dashboard/dashboard-sessions.test.ts',
  'test/e2e/dashboard/web-desk.test.ts',
  'test/e2e/dashboard/web-desk-oidc.test.ts',
  'test/e2e/dashboard/dashboard-calls.test.ts',
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
  'test/e2e/email/email-video-calls.test.ts',
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
