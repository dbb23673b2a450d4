import type { SupportConfig, StaffConfig } from '../../core/config/support-config.js';
import type { Author, ConversationRef } from '../../core/model/inbound-message.js';
import type { Platform, Tier } from '../../core/model/types.js';
import type { Actor } from '../../core/engine/create-ticket-actions.js';

/** One person who writes to the desk on one platform, as that platform's adapter would present them. */
export interface Persona {
  tier: Tier;
  customerId: string | null;
  platform: Platform;
  author: Author;
  /** Slack: the shared channel's customer, which the Slack mapper passes as `customerId`. */
  channelCustomerId?: string;
  /** Discord help channels open a ticket when the classifier is unsure; GitHub and the shell answer inline. */
  ticketIfUnsure?: boolean;
  replyInline?: boolean;
  /** Email: every mail to the support address is a request for a ticket. */
  wantsTicket?: boolean;
  /** A new conversation (Slack thread, Discord thread, GitHub issue, shell session) for `thread`. */
  conversation(thread: string): ConversationRef;
}

export interface Cast {
  byTier: ReadonlyMap<Tier, readonly Persona[]>;
  /** Staff who answer tickets: the agents, or everyone when no one has the agent role. */
  agents: readonly StaffConfig[];
}

const FIRST_NAMES = ['Dana', 'Lee', 'Priya', 'Tomás', 'Yuki', 'Sam', 'Noor', 'Jonas'];
const COMMUNITY_GITHUB = ['octo-dev', 'jlinden', 'mkowalski', 'ramona-codes'];
const COMMUNITY_DISCORD = ['900000000000000001', '900000000000000002', '900000000000000003'];

/** The identity a staff member has on a platform (the shell knows staff by id), or null. */
export function staffIdentity(staff: StaffConfig, platform: Platform): string | null {
  if (platform === 'shell' || platform === 'web') return staff.id;
  return staff[platform] ?? null;
}

export function staffActor(staff: StaffConfig, platform: Platform): Actor | null {
  const userId = staffIdentity(staff, platform);
  return userId ? { platform, userId } : null;
}

/** The actor a persona is to ticket actions (close, reopen, ratings). */
export const personaActor = (p: Persona): Actor => ({ platform: p.platform, userId: p.author.id });

/**
 * Everyone who writes in the demo, derived from the configuration so the identities map as they would live: each
 * customer on every platform it has an identity on (Slack shared channel, Discord user, GitHub login or org, the
 * mail address or domain, the shell by customer id), and community members (unknown people) on Discord, GitHub and the shell.
 */
export function buildCast(config: SupportConfig): Cast {
  const helpChannel = config.discord.helpChannels[0] ?? '444444444444444444';
  const repo = config.github.repos[0] ?? 'acme/widgets';
  const discord: Persona['conversation'] = (thread) => ({
    platform: 'discord',
    channelId: helpChannel,
    threadId: thread,
  });
  const github: Persona['conversation'] = (thread) => ({ platform: 'github', channelId: repo, threadId: thread });
  const mailbox = config.email?.address ?? 'support@desk.example';
  const byTier = new Map<Tier, Persona[]>();
  const add = (p: Persona) => (byTier.get(p.tier) ?? byTier.set(p.tier, []).get(p.tier)!).push(p);

  config.customers.forEach((c, ci) => {
    const base = { tier: c.tier, customerId: c.id };
    const channel = c.slack.channels[0];
    if (channel) {
      for (let k = 0; k < 2; k++) {
        const name = FIRST_NAMES[(ci * 2 + k) % FIRST_NAMES.length] as string;
        add({
          ...base,
          platform: 'slack',
          author: { id: `U0DEMO${c.id.toUpperCase().replace(/[^A-Z0-9]/g, '')}${k + 1}`, name: `${name} (${c.name})` },
          channelCustomerId: c.id,
          conversation: (thread) => ({ platform: 'slack', channelId: channel, threadId: thread }),
        });
      }
    }
    const discordUser = c.discord.userIds[0];
    if (discordUser)
      add({
        ...base,
        platform: 'discord',
        author: { id: discordUser, name: `${c.name} on Discord` },
        ticketIfUnsure: true,
        conversation: discord,
      });
    const login = c.github.logins[0];
    const org = c.github.orgs[0];
    if (login)
      add({
        ...base,
        platform: 'github',
        author: { id: login, name: login, orgs: c.github.orgs },
        replyInline: true,
        conversation: github,
      });
    else if (org)
      add({
        ...base,
        platform: 'github',
        author: { id: `${org}-dev`, name: `${org}-dev`, orgs: [org] },
        replyInline: true,
        conversation: github,
      });
    const mailFrom = c.email.addresses[0] ?? (c.email.domains[0] ? `it@${c.email.domains[0]}` : undefined);
    if (mailFrom)
      add({
        ...base,
        platform: 'email',
        author: { id: mailFrom, name: `${c.name} by mail` },
        wantsTicket: true,
        conversation: (thread) => ({ platform: 'email', channelId: mailbox, threadId: `${thread}@mail.demo` }),
      });
    add({
      ...base,
      platform: 'shell',
      author: { id: c.id, name: c.name },
      replyInline: true,
      conversation: (thread) => ({ platform: 'shell', channelId: c.id, threadId: thread }),
    });
  });

  const community = { tier: 'community' as const, customerId: null };
  COMMUNITY_DISCORD.forEach((id, k) => {
    add({
      ...community,
      platform: 'discord',
      author: { id, name: `community-${k + 1}` },
      ticketIfUnsure: true,
      conversation: discord,
    });
  });
  for (const login of COMMUNITY_GITHUB)
    add({
      ...community,
      platform: 'github',
      author: { id: login, name: login, orgs: [] },
      replyInline: true,
      conversation: github,
    });
  add({
    ...community,
    platform: 'shell',
    author: { id: 'guest', name: 'guest' },
    replyInline: true,
    conversation: (thread) => ({ platform: 'shell', channelId: 'guest', threadId: thread }),
  });

  const agents = config.staff.filter((s) => s.roles.includes('agent'));
  return { byTier, agents: agents.length ? agents : config.staff };
}
