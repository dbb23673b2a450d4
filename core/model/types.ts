/** Platform-neutral vocabulary shared by every layer. Times are epoch milliseconds (UTC). */

/** Where a customer's conversation (and so a ticket) can live. */
export const TICKET_PLATFORMS = ['slack', 'discord', 'github', 'email', 'shell'] as const;
/** Every platform an event or an action comes from: `web` is the web desk, where staff signed in as themselves act. */
export const PLATFORMS = [...TICKET_PLATFORMS, 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const TIERS = ['community', 'professional', 'enterprise', 'white-glove'] as const;
export type Tier = (typeof TIERS)[number];

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CATEGORIES = [
  'service-down',
  'security-issue',
  'data-loss',
  'performance-issue',
  'bug',
  'feature-request',
  'documentation',
  'setup-help',
  'account-billing',
  'general-question',
  'call-request',
  'greeting-thanks',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STAFF_ROLES = [
  'agent',
  'support-manager',
  'customer-success-manager',
  'technical-account-manager',
  'executive',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Epoch milliseconds, UTC. */
export type Millis = number;
