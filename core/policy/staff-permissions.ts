import type { StaffRole } from '../model/types.js';

/** What a person can do on the web desk. Every action is checked on the server against this, whatever a page shows. */
export const DESK_ACTIONS = [
  /** See the ticket list, ticket pages and the dashboard. */
  'read',
  /** Reply to the customer, add an internal note. */
  'reply',
  /** Claim a ticket (assign it to oneself), change its priority or status, escalate it, acknowledge a page. */
  'work',
  /** Assign a ticket to someone else (or to no one). */
  'reassign',
  /** Add or cancel on-call overrides. */
  'oncall',
] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/**
 * The roles of `staff[].roles` and what each allows. An agent works tickets; the customer success and technical
 * account managers work their customers' tickets like agents; a support manager also reassigns and edits on-call
 * overrides; an executive reads.
 */
export const ROLE_ACTIONS: Readonly<Record<StaffRole, readonly DeskAction[]>> = {
  agent: ['read', 'reply', 'work'],
  'customer-success-manager': ['read', 'reply', 'work'],
  'technical-account-manager': ['read', 'reply', 'work'],
  'support-manager': ['read', 'reply', 'work', 'reassign', 'oncall'],
  executive: ['read'],
};

/** The union of what a person's roles allow. */
export function allowedActions(roles: readonly StaffRole[]): ReadonlySet<DeskAction> {
  return new Set(roles.flatMap((r) => ROLE_ACTIONS[r] ?? []));
}

export function mayDo(roles: readonly StaffRole[], action: DeskAction): boolean {
  return allowedActions(roles).has(action);
}

/** The sentence a refused person sees. */
export function refusalFor(action: DeskAction): string {
  switch (action) {
    case 'read':
      return 'Your roles do not include reading the desk.';
    case 'reply':
      return 'Only agents and managers can reply on tickets.';
    case 'work':
      return 'Only agents and managers can change tickets.';
    case 'reassign':
      return 'Only a support manager can assign a ticket to someone else.';
    case 'oncall':
      return 'Only a support manager can change the on-call schedule.';
  }
}
