import { z } from 'zod';

/** The only place that reads process.env. Every variable is listed, with a comment, in .env.example. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/support.sqlite'),
  SUPPORT_CONFIG: z.string().min(1).default('support.config.yaml'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  /** How long a webhook delivery may take to be stored before the desk answers 503 (GitHub gives up at 10 s). */
  GITHUB_WEBHOOK_DEADLINE_MS: z.coerce.number().int().min(100).max(9_500).default(8_000),
  SLA_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(15_000),
  /** Worker threads for classification and article search; unset = one per core beyond the first (at most 4). */
  ANALYSIS_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  DASHBOARD_TOKEN: z.string().optional(),
  /**
   * Reverse proxies in front of the desk that append the client's address to X-Forwarded-For. 0 (the default): the
   * header is ignored and the TCP peer is the client (what sign-in throttling counts by).
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  REPORT_CRON: z.string().default('0 9 * * 1'),
  OUTREACH_CRON: z.string().default('0 8 * * *'),
});

export type Env = z.infer<typeof envSchema>;

export type PlatformName = 'slack' | 'discord' | 'github';

export interface PlatformCredentials {
  /** Platforms whose credentials are complete. */
  live: PlatformName[];
  /** Human explanation for each platform that is off, for the start-up line. */
  off: Partial<Record<PlatformName, string>>;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

/** Parse the environment; a bad value throws with the variable's name and how to fix it. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => !blank(v)));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}\nFix the variable (see .env.example) and start again.`);
  }
  return parsed.data;
}

export class EnvError extends Error {
  readonly code = 'env.invalid';
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
      problems.push(`${name}: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${nearest.join(' and ')} ${nearest.length === 1 ? 'is' : 'are'} missing`);
    }
  };
  check('slack', [['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']], ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'], 'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
  check('discord', [['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']], ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'], 'set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  check(
    'github',
    [['GITHUB_WEBHOOK_SECRET', 'GITHUB_TOKEN'], ['GITHUB_WEBHOOK_SECRET', 'GITHUB_APP_ID', 'GITHUB_PRIVATE_KEY']],
    ['GITHUB_WEBHOOK_SECRET', 'GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_PRIVATE_KEY'],
    'set GITHUB_WEBHOOK_SECRET and GITHUB_TOKEN (or GITHUB_APP_ID and GITHUB_PRIVATE_KEY)',
  );
  if (problems.length) throw new EnvError(`Incomplete platform credentials:\n${problems.map((p) => `  ${p}`).join('\n')}\nSet the missing variables, or unset the others to leave the platform off.`);
  return { live, off };
}

/** Whether a variable was set explicitly (e.g. SUPPORT_CONFIG: a missing file is then an error, not a fallback). */
export function envWasSet(name: keyof Env, source: NodeJS.ProcessEnv = process.env): boolean {
  return !blank(source[name]);
}
