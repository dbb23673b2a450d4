import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { SupportError } from '../core/errors.js';
import { DEFAULT_SEND_DEADLINE_MS } from '../core/outbox/create-outbox-dispatcher.js';

/** The only place that reads process.env. Every variable is listed, with a comment, in .env.example. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/support.sqlite'),
  /**
   * PostgreSQL instead of the SQLite file, e.g. postgres://desk:secret@db.internal:5432/support (a schema other than
   * public: append ?options=-c%20search_path%3Dsupport). Any number of instances may share it (docs/production.md).
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL, e.g. postgres://desk:secret@127.0.0.1:5432/support')
    .optional(),
  /** PostgreSQL connections each instance keeps (DATABASE_URL only). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /**
   * This instance's name among several on one database: it owns its outbox claims (a restarted instance with the same
   * name takes its unfinished sends back at once) and names it in /healthz. Default: host name and PORT.
   */
  INSTANCE_ID: z.string().min(1).max(200).optional(),
  /** How often an instance that is not the leader (Discord gateway, IMAP mailbox) tries to become it (DATABASE_URL). */
  LEADER_RETRY_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SUPPORT_CONFIG: z.string().min(1).default('support.config.yaml'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** pretty (coloured lines for a person) or json (one object a line, for a log collector); unset: pretty on a terminal. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /** The env file read at start (default `.env` in the working directory); only variables not already set are taken. */
  ENV_FILE: z.string().optional(),
  MODEL_CACHE_PATH: z.string().default('data/cache/intent-model.json'),
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_APPLICATION_ID: z.string().optional(),
  DISCORD_API_URL: z.string().url().default('https://discord.com/api'),
  GITHUB_WEBHOOK_SECRET: z.string().optional(),
  GITHUB_TOKEN: z.string().optional(),
  GITHUB_APP_ID: z.string().optional(),
  GITHUB_PRIVATE_KEY: z.string().optional(),
  GITHUB_API_URL: z.string().url().default('https://api.github.com'),
  /**
   * Email out (the `email:` section of support.config.yaml configures the rest): the SMTP relay every mail goes
   * through, e.g. smtp://user:password@smtp.example.com:587 (STARTTLS when offered) or smtps://…:465.
   */
  EMAIL_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@smtp.example.com:587')
    .optional(),
  /** The IMAP mailbox's login (email.intake: imap). */
  EMAIL_IMAP_USER: z.string().optional(),
  EMAIL_IMAP_PASSWORD: z.string().optional(),
  /** How long a webhook delivery may take to be stored before the desk answers 503 (GitHub gives up at 10 s). */
  GITHUB_WEBHOOK_DEADLINE_MS: z.coerce.number().int().min(100).max(9_500).default(8_000),
  /**
   * Every Slack Web API, Discord REST and GitHub REST request is abandoned after this long (the outbox then retries
   * the message later); without it a hung platform holds a call for minutes (undici's default is 300 s).
   */
  PLATFORM_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(10_000),
  /**
   * The outbox's own bound on one send (which may be a few requests): a send that has not settled by then counts as a
   * failed attempt that may have landed, and that platform's lane moves on. A backstop for a client whose timeout fails.
   */
  OUTBOX_SEND_DEADLINE_MS: z.coerce.number().int().min(1_000).max(600_000).default(DEFAULT_SEND_DEADLINE_MS),
  /**
   * On SIGTERM or SIGINT the desk stops taking work and finishes what is in flight for at most this long, then exits
   * (status 1 if it had to cut the stop short). Below the supervisor's stop timeout: Docker's is 10 s, systemd's 90 s.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(100).max(600_000).default(8_000),
  SLA_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(15_000),
  /** Worker threads for classification and article search; unset = one per core beyond the first (at most 4). */
  ANALYSIS_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  DASHBOARD_TOKEN: z.string().optional(),
  /**
   * Reverse proxies in front of the desk that append the client's address to X-Forwarded-For. 0 (the default): the
   * header is ignored and the TCP peer is the client (what sign-in throttling counts by).
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The desk's address as staff open it (https://desk.example.com): sign-in links point here. Never taken from a
   * request's Host header, which a client chooses. Default: http://localhost:PORT.
   */
  PUBLIC_URL: z
    .string()
    .regex(
      /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
      'must be the http(s) address staff open, e.g. https://desk.example.com',
    )
    .optional(),
  /**
   * OpenID Connect sign-in for staff (docs/web-desk.md): the identity provider's issuer exactly as its discovery
   * document states it, e.g. https://login.example.com/realms/desk. With OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: all
   * three or none. Register PUBLIC_URL/login/oidc/callback as the redirect URI at the provider.
   */
  OIDC_ISSUER: z
    .string()
    .regex(
      /^(https:\/\/\S+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/\S*)?)$/,
      'must be the https:// issuer URL of the identity provider (http:// only on this machine: 127.0.0.1, localhost)',
    )
    .optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** The text of the sign-in page's OpenID Connect button. */
  OIDC_LABEL: z.string().max(100).default('Sign in with your identity provider'),
  /** How often the live ticket list looks for changes while a page is open (changes through another instance too). */
  WEB_LIVE_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(2_000),
  REPORT_CRON: z.string().default('0 9 * * 1'),
  OUTREACH_CRON: z.string().default('0 8 * * *'),
  /**
   * Video calls (docs/video-calls.md). Jitsi rooms are named with an HMAC under this key (at least 16 characters);
   * unset, each process picks a random one (a booking's link is stored when it is made, so nothing depends on it).
   */
  JITSI_ROOM_SECRET: z.string().min(16).optional(),
  /** calls.provider zoom: a Server-to-Server OAuth app's credentials. */
  ZOOM_ACCOUNT_ID: z.string().optional(),
  ZOOM_CLIENT_ID: z.string().optional(),
  ZOOM_CLIENT_SECRET: z.string().optional(),
  ZOOM_API_URL: z.string().url().optional(),
  ZOOM_OAUTH_URL: z.string().url().optional(),
  /** calls.provider google-meet: a service account key (its JSON, or the path of the file) and the calendar. */
  GOOGLE_SERVICE_ACCOUNT_JSON: z.string().optional(),
  GOOGLE_CALENDAR_ID: z.string().optional(),
  /** The Workspace user the service account acts for (domain-wide delegation), for Meet links on their calendar. */
  GOOGLE_CALENDAR_SUBJECT: z.string().email().optional(),
  GOOGLE_API_URL: z.string().url().optional(),
  GOOGLE_TOKEN_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof envSchema>;

export type PlatformName = 'slack' | 'discord' | 'github' | 'email';

export interface PlatformCredentials {
  /** Platforms whose credentials are complete. */
  live: PlatformName[];
  /** Human explanation for each platform that is off, for the start-up line. */
  off: Partial<Record<PlatformName, string>>;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

/** Parse the environment; a bad value throws with the variable's name and how to fix it. */
export function readEnv(source?: NodeJS.ProcessEnv): Env {
  if (source === undefined) {
    loadEnvFile(process.env);
    source = process.env;
  }
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => !blank(v)));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(
      `Invalid environment:\n${lines.join('\n')}\nFix the variable (see .env.example) and start again.`,
    );
  }
  return parsed.data;
}

/** The environment (or the env file) holds a bad or missing value; the message says how to fix it. */
export class EnvError extends SupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('env.invalid', message, options);
    this.name = 'EnvError';
  }
}

/**
 * Which platforms can start. A platform with no variables set is simply off; one with some but not all of its
 * required variables is a start-up error naming what is missing.
 */
export function platformCredentials(env: Env): PlatformCredentials {
  const live: PlatformName[] = [];
  const off: PlatformCredentials['off'] = {};
  const problems: string[] = [];
  const check = (name: PlatformName, groups: string[][], all: string[], hint: string) => {
    const set = all.filter((k) => !blank(env[k as keyof Env] as string | undefined));
    if (set.length === 0) {
      off[name] = hint;
      return;
    }
    const complete = groups.find((g) => g.every((k) => set.includes(k)));
    if (complete) live.push(name);
    else {
      const nearest = groups.map((g) => g.filter((k) => !set.includes(k))).sort((a, b) => a.length - b.length)[0] ?? [];
      problems.push(
        `${name}: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${nearest.join(' and ')} ${nearest.length === 1 ? 'is' : 'are'} missing`,
      );
    }
  };
  check(
    'slack',
    [
      ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
      ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'],
    ],
    ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'],
    'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)',
  );
  check(
    'discord',
    [['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']],
    ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
    'set DISCORD_TOKEN and DISCORD_APPLICATION_ID',
  );
  check(
    'github',
    [
      ['GITHUB_WEBHOOK_SECRET', 'GITHUB_TOKEN'],
      ['GITHUB_WEBHOOK_SECRET', 'GITHUB_APP_ID', 'GITHUB_PRIVATE_KEY'],
    ],
    ['GITHUB_WEBHOOK_SECRET', 'GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_PRIVATE_KEY'],
    'set GITHUB_WEBHOOK_SECRET and GITHUB_TOKEN (or GITHUB_APP_ID and GITHUB_PRIVATE_KEY)',
  );
  check(
    'email',
    [['EMAIL_SMTP_URL'], ['EMAIL_SMTP_URL', 'EMAIL_IMAP_USER', 'EMAIL_IMAP_PASSWORD']],
    ['EMAIL_SMTP_URL', 'EMAIL_IMAP_USER', 'EMAIL_IMAP_PASSWORD'],
    'set EMAIL_SMTP_URL (and EMAIL_IMAP_USER and EMAIL_IMAP_PASSWORD to read a mailbox), with email: in the config',
  );
  if (problems.length)
    throw new EnvError(
      `Incomplete platform credentials:\n${problems.map((p) => `  ${p}`).join('\n')}\nSet the missing variables, or unset the others to leave the platform off.`,
    );
  return { live, off };
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
}

/** OpenID Connect sign-in: off with none of its variables, on with all three, a start-up error with some. */
export function oidcSettings(env: Env): OidcSettings | null {
  const names = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
  const set = names.filter((k) => !blank(env[k]));
  if (set.length === 0) return null;
  const missing = names.filter((k) => !set.includes(k));
  if (missing.length)
    throw new EnvError(
      `Incomplete OpenID Connect settings: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing.\nSet the missing variables, or unset the others to leave OpenID Connect sign-in off.`,
    );
  return {
    issuer: env.OIDC_ISSUER as string,
    clientId: env.OIDC_CLIENT_ID as string,
    clientSecret: env.OIDC_CLIENT_SECRET as string,
    label: env.OIDC_LABEL,
  };
}

/** Whether a variable was set explicitly (e.g. SUPPORT_CONFIG: a missing file is then an error, not a fallback). */
export function envWasSet(name: keyof Env, source: NodeJS.ProcessEnv = process.env): boolean {
  return !blank(source[name]);
}

let envFileRead: { envFile: string | null } | undefined;

/**
 * Read the env file (`ENV_FILE`, default `.env` in the working directory) into `target`, as `node --env-file` and
 * `process.loadEnvFile` do: a variable already in the environment wins, even when set to an empty string, so the real
 * environment (a service manager's, a container's, a shell's) overrides the file. No `.env` is fine; an `ENV_FILE`
 * that does not exist is an error. Runs once per process (readEnv() calls it); returns the absolute path read, or null.
 */
export function loadEnvFile(target: NodeJS.ProcessEnv = process.env): { envFile: string | null } {
  if (envFileRead !== undefined && target === process.env) return envFileRead;
  const explicit = !blank(target.ENV_FILE);
  const file = resolve(explicit ? (target.ENV_FILE as string) : '.env');
  let result: { envFile: string | null } = { envFile: null };
  if (existsSync(file)) {
    const values = parseEnv(readFileSync(file, 'utf8'));
    for (const [key, value] of Object.entries(values))
      if (target[key] === undefined && value !== undefined) target[key] = value;
    result = { envFile: file };
  } else if (explicit) {
    throw new EnvError(
      `ENV_FILE points to ${file}, which does not exist.\nFix the variable (see .env.example) and start again.`,
    );
  }
  if (target === process.env) envFileRead = result;
  return result;
}
