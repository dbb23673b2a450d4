import { IANAZone } from 'luxon';
import { z } from 'zod';
import { PRIORITIES, STAFF_ROLES, TIERS } from '../model/types.js';
import type { Tier } from '../model/types.js';
import { DEFAULT_TIERS } from './default-tiers.js';
import type { TierPolicy } from './default-tiers.js';

const timezone = z
  .string()
  .refine((tz) => IANAZone.isValidZone(tz), { message: 'is not an IANA time zone (e.g. Europe/Berlin)' });
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const stringList = z.array(z.string().min(1)).default([]);

const target = z.number().int().positive().nullable();
const tierPolicy = z.strictObject({
  targets: z
    .strictObject(
      Object.fromEntries(PRIORITIES.map((p) => [p, target])) as Record<(typeof PRIORITIES)[number], typeof target>,
    )
    .partial()
    .optional(),
  hours: z.enum(['best-effort', 'business', '24x7']).optional(),
  paged: z.boolean().optional(),
  priorityBoost: z.number().int().min(0).max(3).optional(),
  /** Video calls per calendar month in the customer's zone: a number (0 = none) or `unlimited`. */
  videoCallsPerMonth: z.union([z.number().int().min(0).max(1000), z.literal('unlimited')]).optional(),
});

const customer = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-_]*$/i, 'must be letters, digits, - or _'),
  name: z.string().min(1),
  tier: z.enum(TIERS),
  timezone: timezone.default('UTC'),
  slack: z.strictObject({ channels: stringList }).default({ channels: [] }),
  discord: z.strictObject({ userIds: stringList }).default({ userIds: [] }),
  github: z.strictObject({ logins: stringList, orgs: stringList }).default({ logins: [], orgs: [] }),
  /** Mail from these addresses, or from any address at these domains, is this customer's. */
  email: z
    .strictObject({
      addresses: z
        .array(
          z
            .string()
            .email()
            .transform((a) => a.toLowerCase()),
        )
        .default([]),
      domains: z
        .array(
          z
            .string()
            .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain such as example.com')
            .transform((d) => d.toLowerCase()),
        )
        .default([]),
    })
    .default({ addresses: [], domains: [] }),
  successManager: z.string().optional(),
});

const staff = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  slack: z.string().optional(),
  discord: z.string().optional(),
  github: z.string().optional(),
  /** The staff member's mail address (sign-in links, replies sent as them). */
  email: z.string().email().optional(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1).default(['agent']),
  timezone: timezone.default('UTC'),
  /**
   * This person takes video calls in these hours (in `timezone`, or the person's zone); without it they are never
   * offered. Holidays are businessHours.holidays.
   */
  calls: z
    .strictObject({
      hours: z.strictObject({
        days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
        start: hhmm.default('09:00'),
        end: hhmm.default('17:00'),
      }),
      timezone: timezone.optional(),
    })
    .optional(),
});

/** Video calls (issue 25): how slots are offered and where the meeting happens. */
const callsSchema = z.strictObject({
  /** No slot starts sooner than this after the request. */
  minNoticeHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  durationMinutes: z.number().int().min(10).max(240).default(30),
  /** Slots start on multiples of this many minutes past the hour, in the staff member's zone. */
  stepMinutes: z.number().int().min(5).max(120).default(30),
  /** How many slots an offer shows. */
  offerSlots: z.number().int().min(1).max(10).default(3),
  /** How far ahead slots are looked for. */
  horizonDays: z.number().int().min(1).max(120).default(30),
  /** An offer's slots can be picked for this long. */
  offerValidHours: z
    .number()
    .min(1)
    .max(24 * 14)
    .default(48),
  /** Reminders before the call, in minutes. */
  remindersMinutes: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    )
    .default([24 * 60, 15]),
  /** Where meetings happen: Jitsi Meet (no account), or Zoom / Google Meet with their credentials in the environment. */
  provider: z.enum(['jitsi', 'zoom', 'google-meet']).default('jitsi'),
  jitsi: z
    .strictObject({
      baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://meet.jit.si'),
    })
    .default({ baseUrl: 'https://meet.jit.si' }),
});
export const DEFAULT_CALLS = callsSchema.parse({});

const rotation = z.enum(['daily', 'weekly']);
const shift = z.strictObject({
  name: z.string().min(1),
  start: hhmm,
  end: hhmm,
  members: stringList,
  rotation: rotation.optional(),
});

// Email (issue 22): the desk's mailbox, how mail comes in, and the guards on what goes out. Credentials are in the
// environment (EMAIL_IMAP_USER / EMAIL_IMAP_PASSWORD, EMAIL_SMTP_URL), never in this file.
const MB = 1024 * 1024;
const emailSchema = z.strictObject({
  /** The support address customers write to: the From of every mail the desk sends. */
  address: z
    .string()
    .email()
    .transform((a) => a.toLowerCase()),
  /** Display name on outgoing mail (defaults to desk.name). */
  name: z.string().min(1).optional(),
  /** `imap`: read a mailbox at any provider; `smtp`: receive mail directly (behind an MX or a relay); `none`: send only. */
  intake: z.enum(['imap', 'smtp', 'none']).default('imap'),
  imap: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(1).max(65535).default(993),
      /** TLS from the first byte (port 993); false for plain or STARTTLS (143). */
      secure: z.boolean().default(true),
      mailbox: z.string().min(1).default('INBOX'),
      /** Move each committed mail here (created when missing); without it, committed mail is flagged \Seen. */
      moveTo: z.string().min(1).optional(),
      /** How often to look for mail when the server has no IDLE, or IDLE went quiet. */
      pollSeconds: z.number().int().min(1).max(3600).default(60),
    })
    .default({ host: '127.0.0.1', port: 993, secure: true, mailbox: 'INBOX', pollSeconds: 60 }),
  smtp: z
    .strictObject({
      host: z.string().min(1).default('0.0.0.0'),
      port: z.number().int().min(1).max(65535).default(2525),
      /** Larger mail is refused with 552 before it is read. */
      maxBytes: z
        .number()
        .int()
        .min(1024)
        .default(25 * MB),
      /** Accept mail only for these recipients (default: the support address). */
      recipients: z
        .array(
          z
            .string()
            .email()
            .transform((a) => a.toLowerCase()),
        )
        .optional(),
    })
    .default({ host: '0.0.0.0', port: 2525, maxBytes: 25 * MB }),
  /** At most one acknowledgement per sender in this many minutes (later mails still open tickets, silently). */
  ackWindowMinutes: z.number().min(0).default(10),
  attachments: z
    .strictObject({
      /** Larger files are listed in the transcript but not stored. */
      maxBytes: z
        .number()
        .int()
        .min(0)
        .default(10 * MB),
      /** At most this much is stored per mail. */
      maxTotalBytes: z
        .number()
        .int()
        .min(0)
        .default(25 * MB),
    })
    .default({ maxBytes: 10 * MB, maxTotalBytes: 25 * MB }),
});
export type EmailConfig = z.infer<typeof emailSchema>;

// SLA clocks, escalation, critical updates and the digest (issue 7). Omitted keys keep the defaults in core/sla/sla-policy.ts.
const priorityTargets = z
  .strictObject(
    Object.fromEntries(PRIORITIES.map((p) => [p, target])) as Record<(typeof PRIORITIES)[number], typeof target>,
  )
  .partial();
const tierTargets = z.strictObject(
  Object.fromEntries(TIERS.map((t) => [t, priorityTargets.optional()])) as Record<
    Tier,
    z.ZodOptional<typeof priorityTargets>
  >,
);
const escalationStep = z.strictObject({
  /** A staff role, a staff id, `oncall` (whoever is on call when the page goes out) or `assignee`. */
  who: z.string().min(1),
  ackWaitMinutes: z.number().int().positive().default(30),
  repeat: z.number().int().min(0).max(10).default(0),
});
const escalationChains = z.strictObject(
  Object.fromEntries(TIERS.map((t) => [t, z.array(escalationStep).optional()])) as Record<
    Tier,
    z.ZodOptional<z.ZodArray<typeof escalationStep>>
  >,
);
const slaSchema = z.strictObject({
  warnAt: z.number().gt(0).lt(1).default(0.75),
  nextResponse: tierTargets.default({}),
  resolution: tierTargets.default({}),
  escalation: escalationChains.default({}),
  critical: z
    .strictObject({
      updateIntervalMinutes: z.number().int().positive().default(15),
      notifyExecutives: z.array(z.enum(TIERS)).default(['enterprise', 'white-glove']),
      pageOnCall: z.array(escalationStep).default([{ who: 'oncall', ackWaitMinutes: 15, repeat: 1 }]),
    })
    .default({
      updateIntervalMinutes: 15,
      notifyExecutives: ['enterprise', 'white-glove'],
      pageOnCall: [{ who: 'oncall', ackWaitMinutes: 15, repeat: 1 }],
    }),
  paging: z
    .strictObject({
      platforms: z
        .array(z.enum(['slack', 'discord']))
        .min(1)
        .default(['slack', 'discord']),
    })
    .default({ platforms: ['slack', 'discord'] }),
  digest: z
    .strictObject({
      enabled: z.boolean().default(true),
      cron: z.string().min(9).default('0 9 * * 1-5'),
      timezone: timezone.default('UTC'),
      horizonHours: z.number().positive().default(24),
    })
    .default({ enabled: true, cron: '0 9 * * 1-5', timezone: 'UTC', horizonHours: 24 }),
});
const ESCALATION_KEYWORDS = new Set(['oncall', 'assignee']);

export const DEFAULT_SHIFTS = [
  { name: 'americas', start: '00:00', end: '08:00', members: [] },
  { name: 'emea', start: '08:00', end: '16:00', members: [] },
  { name: 'apac', start: '16:00', end: '24:00', members: [] },
];

/** A GitHub repository's full name, `owner/name`. */
export const GITHUB_REPO_NAME = /^[\w.-]+\/[\w.-]+$/;

export const supportConfigSchema = z
  .strictObject({
    desk: z
      .strictObject({
        name: z.string().default('Support'),
        ticketPrefix: z
          .string()
          .regex(/^[A-Z]{2,6}$/, 'must be 2-6 capital letters')
          .default('SUP'),
        /** Where community feature requests go (an issue tracker, a forum); without it they become tickets. */
        featureRequestsUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      })
      .default({ name: 'Support', ticketPrefix: 'SUP' }),
    tiers: z
      .strictObject(
        Object.fromEntries(TIERS.map((t) => [t, tierPolicy.optional()])) as Record<
          Tier,
          z.ZodOptional<typeof tierPolicy>
        >,
      )
      .default({}),
    businessHours: z
      .strictObject({
        days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
        start: hhmm.default('09:00'),
        end: hhmm.default('17:00'),
        holidays: z.array(isoDate).default([]),
      })
      .default({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] }),
    classifier: z
      .strictObject({
        threshold: z.number().min(0).max(1).default(0.8),
        criticalThreshold: z.number().min(0).max(1).default(0.5),
      })
      .default({ threshold: 0.8, criticalThreshold: 0.5 }),
    knowledge: z
      .strictObject({
        dir: z.string().default('knowledge/articles'),
        baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
        minCoverage: z.number().min(0).max(1).default(0.5),
        strongCoverage: z.number().min(0).max(1).default(0.8),
      })
      .default({ dir: 'knowledge/articles', minCoverage: 0.5, strongCoverage: 0.8 }),
    customers: z.array(customer).default([]),
    staff: z.array(staff).default([]),
    oncall: z
      .strictObject({ shifts: z.array(shift).min(1).default(DEFAULT_SHIFTS), rotation: rotation.default('daily') })
      .default({ shifts: DEFAULT_SHIFTS, rotation: 'daily' }),
    discord: z
      .strictObject({ helpChannels: stringList, staffRoleIds: stringList, staffChannel: z.string().optional() })
      .default({ helpChannels: [], staffRoleIds: [] }),
    slack: z.strictObject({ staffChannel: z.string().optional() }).default({}),
    github: z
      .strictObject({
        repos: z.array(z.string().regex(GITHUB_REPO_NAME, 'must be owner/name')).default([]),
        /** CSV of labeled issues (repo,label,title,body) the issue-type models learn from (runtime/platforms/read-training-issues.ts). */
        trainingIssues: z.string().min(1).optional(),
      })
      .default({ repos: [] }),
    sla: slaSchema.default(slaSchema.parse({})),
    calls: callsSchema.default(DEFAULT_CALLS),
    email: emailSchema.optional(),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Map<string, number>();
    cfg.customers.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'id'],
          message: `duplicate customer id "${c.id}" (also customers.${seen.get(c.id)})`,
        });
      seen.set(c.id, i);
    });
    const staffIds = new Set(cfg.staff.map((s) => s.id));
    cfg.oncall.shifts.forEach((s, i) => {
      s.members.forEach((m, j) => {
        if (!staffIds.has(m))
          ctx.addIssue({
            code: 'custom',
            path: ['oncall', 'shifts', i, 'members', j],
            message: `"${m}" is not a staff id`,
          });
      });
    });
    const whoIsKnown = (who: string) =>
      ESCALATION_KEYWORDS.has(who) || (STAFF_ROLES as readonly string[]).includes(who) || staffIds.has(who);
    const whoProblem = 'must be a staff role, a staff id, "oncall" or "assignee"';
    for (const t of TIERS) {
      (cfg.sla.escalation[t] ?? []).forEach((step, i) => {
        if (!whoIsKnown(step.who))
          ctx.addIssue({
            code: 'custom',
            path: ['sla', 'escalation', t, i, 'who'],
            message: `"${step.who}" ${whoProblem}`,
          });
      });
    }
    cfg.sla.critical.pageOnCall.forEach((step, i) => {
      if (!whoIsKnown(step.who))
        ctx.addIssue({
          code: 'custom',
          path: ['sla', 'critical', 'pageOnCall', i, 'who'],
          message: `"${step.who}" ${whoProblem}`,
        });
    });
    const channels = new Map<string, string>();
    cfg.customers.forEach((c, i) => {
      c.slack.channels.forEach((ch, j) => {
        const owner = channels.get(ch);
        if (owner)
          ctx.addIssue({
            code: 'custom',
            path: ['customers', i, 'slack', 'channels', j],
            message: `channel ${ch} already belongs to customer "${owner}"`,
          });
        channels.set(ch, c.id);
      });
    });
  });

export type SupportConfigInput = z.input<typeof supportConfigSchema>;
type ParsedConfig = z.output<typeof supportConfigSchema>;
export type CustomerConfig = ParsedConfig['customers'][number];
export type StaffConfig = ParsedConfig['staff'][number];
export type ShiftConfig = ParsedConfig['oncall']['shifts'][number];
export type BusinessHoursConfig = ParsedConfig['businessHours'];
export type SlaConfig = ParsedConfig['sla'];
export type EscalationStepConfig = SlaConfig['critical']['pageOnCall'][number];
export type RotationConfig = ParsedConfig['oncall']['rotation'];
export type CallsConfig = ParsedConfig['calls'];
export type StaffCallHours = NonNullable<StaffConfig['calls']>;

/** The validated configuration with tier policies merged over the defaults. */
export type SupportConfig = Omit<ParsedConfig, 'tiers'> & { tiers: Record<Tier, TierPolicy> };

export type ConfigResult = { ok: true; config: SupportConfig } | { ok: false; problems: string[] };

/** Validate a parsed YAML/JSON value. Problems read `key.path: what is wrong`. */
export function parseSupportConfig(raw: unknown): ConfigResult {
  const parsed = supportConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`,
      ),
    };
  }
  const tiers = Object.fromEntries(
    TIERS.map((t) => {
      const base = DEFAULT_TIERS[t];
      const over = parsed.data.tiers[t] ?? {};
      return [t, { ...base, ...over, targets: { ...base.targets, ...(over.targets ?? {}) } }];
    }),
  ) as Record<Tier, TierPolicy>;
  return { ok: true, config: { ...parsed.data, tiers } };
}
