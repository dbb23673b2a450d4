import { IANAZone } from 'luxon';
import { z } from 'zod';
import { PRIORITIES, STAFF_ROLES, TIERS } from '../model/types.js';
import type { Tier } from '../model/types.js';
import { DEFAULT_TIERS } from './default-tiers.js';
import type { TierPolicy } from './default-tiers.js';

const timezone = z.string().refine((tz) => IANAZone.isValidZone(tz), { message: 'is not an IANA time zone (e.g. Europe/Berlin)' });
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const stringList = z.array(z.string().min(1)).default([]);

const target = z.number().int().positive().nullable();
const tierPolicy = z.strictObject({
  targets: z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, target])) as Record<(typeof PRIORITIES)[number], typeof target>).partial().optional(),
  hours: z.enum(['best-effort', 'business', '24x7']).optional(),
  paged: z.boolean().optional(),
  priorityBoost: z.number().int().min(0).max(3).optional(),
});

const customer = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-_]*$/i, 'must be letters, digits, - or _'),
  name: z.string().min(1),
  tier: z.enum(TIERS),
  timezone: timezone.default('UTC'),
  slack: z.strictObject({ channels: stringList }).default({ channels: [] }),
  discord: z.strictObject({ userIds: stringList }).default({ userIds: [] }),
  github: z.strictObject({ logins: stringList, orgs: stringList }).default({ logins: [], orgs: [] }),
  successManager: z.string().optional(),
});

const staff = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  slack: z.string().optional(),
  discord: z.string().optional(),
  github: z.string().optional(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1).default(['agent']),
  timezone: timezone.default('UTC'),
});

const shift = z.strictObject({ name: z.string().min(1), start: hhmm, end: hhmm, members: stringList });

export const DEFAULT_SHIFTS = [
  { name: 'americas', start: '00:00', end: '08:00', members: [] },
  { name: 'emea', start: '08:00', end: '16:00', members: [] },
  { name: 'apac', start: '16:00', end: '24:00', members: [] },
];

export const supportConfigSchema = z
  .strictObject({
    desk: z
      .strictObject({ name: z.string().default('Support'), ticketPrefix: z.string().regex(/^[A-Z]{2,6}$/, 'must be 2-6 capital letters').default('SUP') })
      .default({ name: 'Support', ticketPrefix: 'SUP' }),
    tiers: z.strictObject(Object.fromEntries(TIERS.map((t) => [t, tierPolicy.optional()])) as Record<Tier, z.ZodOptional<typeof tierPolicy>>).default({}),
    businessHours: z
      .strictObject({
        days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
        start: hhmm.default('09:00'),
        end: hhmm.default('17:00'),
        holidays: z.array(isoDate).default([]),
      })
      .default({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] }),
    classifier: z
      .strictObject({ threshold: z.number().min(0).max(1).default(0.8), criticalThreshold: z.number().min(0).max(1).default(0.5) })
      .default({ threshold: 0.8, criticalThreshold: 0.5 }),
    knowledge: z
      .strictObject({ dir: z.string().default('knowledge/articles'), baseUrl: z.string().url().optional(), minRelevance: z.number().min(0).default(2) })
      .default({ dir: 'knowledge/articles', minRelevance: 2 }),
    customers: z.array(customer).default([]),
    staff: z.array(staff).default([]),
    oncall: z.strictObject({ shifts: z.array(shift).min(1).default(DEFAULT_SHIFTS) }).default({ shifts: DEFAULT_SHIFTS }),
    discord: z.strictObject({ helpChannels: stringList, staffRoleIds: stringList }).default({ helpChannels: [], staffRoleIds: [] }),
    slack: z.strictObject({ staffChannel: z.string().optional() }).default({}),
    github: z.strictObject({ repos: z.array(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name')).default([]) }).default({ repos: [] }),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Map<string, number>();
    cfg.customers.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['customers', i, 'id'], message: `duplicate customer id "${c.id}" (also customers.${seen.get(c.id)})` });
      seen.set(c.id, i);
    });
    const staffIds = new Set(cfg.staff.map((s) => s.id));
    cfg.oncall.shifts.forEach((s, i) =>
      s.members.forEach((m, j) => {
        if (!staffIds.has(m)) ctx.addIssue({ code: 'custom', path: ['oncall', 'shifts', i, 'members', j], message: `"${m}" is not a staff id` });
      }),
    );
    const channels = new Map<string, string>();
    cfg.customers.forEach((c, i) =>
      c.slack.channels.forEach((ch, j) => {
        const owner = channels.get(ch);
        if (owner) ctx.addIssue({ code: 'custom', path: ['customers', i, 'slack', 'channels', j], message: `channel ${ch} already belongs to customer "${owner}"` });
        channels.set(ch, c.id);
      }),
    );
  });

export type SupportConfigInput = z.input<typeof supportConfigSchema>;
type ParsedConfig = z.output<typeof supportConfigSchema>;
export type CustomerConfig = ParsedConfig['customers'][number];
export type StaffConfig = ParsedConfig['staff'][number];
export type ShiftConfig = ParsedConfig['oncall']['shifts'][number];
export type BusinessHoursConfig = ParsedConfig['businessHours'];

/** The validated configuration with tier policies merged over the defaults. */
export type SupportConfig = Omit<ParsedConfig, 'tiers'> & { tiers: Record<Tier, TierPolicy> };

export type ConfigResult = { ok: true; config: SupportConfig } | { ok: false; problems: string[] };

/** Validate a parsed YAML/JSON value. Problems read `key.path: what is wrong`. */
export function parseSupportConfig(raw: unknown): ConfigResult {
  const parsed = supportConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`),
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
