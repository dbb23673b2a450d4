import type { CustomerConfig, StaffConfig, SupportConfig } from '../config/support-config.js';
import type { Author } from '../model/inbound-message.js';
import type { Platform, StaffRole, Tier } from '../model/types.js';

export interface Requester {
  customer: CustomerConfig | null;
  tier: Tier;
  timezone: string;
}

/** Who is who: maps platform identities to customers and staff, from configuration. */
export interface Directory {
  customer(id: string): CustomerConfig | undefined;
  customerForSlackChannel(channelId: string): CustomerConfig | undefined;
  /** Resolve an author (and optionally an adapter-known customer id) to a customer and tier. Unknown people are community. */
  requester(platform: Platform, author: Author, customerId?: string): Requester;
  staffByIdentity(platform: Platform, userId: string): StaffConfig | undefined;
  staffById(id: string): StaffConfig | undefined;
  staffWithRole(role: StaffRole): StaffConfig[];
  readonly customers: readonly CustomerConfig[];
  readonly staff: readonly StaffConfig[];
}

export function createDirectory(config: Pick<SupportConfig, 'customers' | 'staff'>): Directory {
  const byId = new Map(config.customers.map((c) => [c.id, c]));
  const bySlackChannel = new Map<string, CustomerConfig>();
  const byDiscordUser = new Map<string, CustomerConfig>();
  const byGithubLogin = new Map<string, CustomerConfig>();
  const byGithubOrg = new Map<string, CustomerConfig>();
  const byEmailAddress = new Map<string, CustomerConfig>();
  const byEmailDomain = new Map<string, CustomerConfig>();
  for (const c of config.customers) {
    for (const ch of c.slack.channels) bySlackChannel.set(ch, c);
    for (const u of c.discord.userIds) byDiscordUser.set(u, c);
    for (const l of c.github.logins) byGithubLogin.set(l.toLowerCase(), c);
    for (const o of c.github.orgs) byGithubOrg.set(o.toLowerCase(), c);
    for (const a of c.email.addresses) byEmailAddress.set(a.toLowerCase(), c);
    for (const d of c.email.domains) byEmailDomain.set(d.toLowerCase(), c);
  }
  const staffById = new Map(config.staff.map((s) => [s.id, s]));
  const staffByPlatform = new Map<string, StaffConfig>();
  for (const s of config.staff) {
    if (s.slack) staffByPlatform.set(`slack:${s.slack}`, s);
    if (s.discord) staffByPlatform.set(`discord:${s.discord}`, s);
    if (s.github) staffByPlatform.set(`github:${s.github.toLowerCase()}`, s);
    if (s.email) staffByPlatform.set(`email:${s.email.toLowerCase()}`, s);
    staffByPlatform.set(`shell:${s.id}`, s);
    // The web desk's sessions are the staff member's own (a sign-in link or OpenID Connect): the id is the identity.
    staffByPlatform.set(`web:${s.id}`, s);
  }

  function findCustomer(platform: Platform, author: Author): CustomerConfig | undefined {
    switch (platform) {
      case 'discord':
        return byDiscordUser.get(author.id);
      case 'github':
        return (
          byGithubLogin.get(author.id.toLowerCase()) ??
          (author.orgs ?? []).map((o) => byGithubOrg.get(o.toLowerCase())).find(Boolean)
        );
      case 'email': {
        // The exact address first, then the address's domain (not its parent domains).
        const address = author.id.toLowerCase();
        return byEmailAddress.get(address) ?? byEmailDomain.get(address.slice(address.lastIndexOf('@') + 1));
      }
      case 'shell':
        return byId.get(author.id);
      case 'web':
        return undefined; // Staff act on the web desk; no customer writes there.
      case 'slack':
        return undefined; // Slack customers are identified by their shared channel, passed as customerId.
    }
  }

  return {
    customers: config.customers,
    staff: config.staff,
    customer: (id) => byId.get(id),
    customerForSlackChannel: (ch) => bySlackChannel.get(ch),
    requester(platform, author, customerId) {
      const customer = (customerId ? byId.get(customerId) : undefined) ?? findCustomer(platform, author) ?? null;
      return { customer, tier: customer?.tier ?? 'community', timezone: customer?.timezone ?? 'UTC' };
    },
    staffByIdentity: (platform, userId) =>
      staffByPlatform.get(
        `${platform}:${platform === 'github' || platform === 'email' ? userId.toLowerCase() : userId}`,
      ),
    staffById: (id) => staffById.get(id),
    staffWithRole: (role) => config.staff.filter((s) => s.roles.includes(role)),
  };
}
