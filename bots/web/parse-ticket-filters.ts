import { PRIORITIES, TICKET_PLATFORMS, TICKET_STATUSES, TIERS } from '../../core/index.js';
import type { Platform, Priority, SlaFilter, Tier, TicketSearchQuery, TicketStatus } from '../../core/index.js';

/** The ticket list's filters as the page's form and links carry them (`/desk?status=open&tier=enterprise&q=…`). */
export interface TicketFilters {
  q: string;
  statuses: TicketStatus[];
  tiers: Tier[];
  priorities: Priority[];
  platforms: Platform[];
  /** `''` anyone, `me`, `none` (unassigned) or a staff id. */
  assignee: string;
  customer: string;
  sla: SlaFilter | '';
  before: number | null;
}

/** With no status chosen the list shows the tickets that need work. */
export const DEFAULT_STATUSES: TicketStatus[] = ['open', 'pending'];
export const PAGE_SIZE = 50;

const pick = <T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] => {
  const values = params.getAll(name).flatMap((v) => v.split(','));
  return [...new Set(values.filter((v): v is T => (allowed as readonly string[]).includes(v)))];
};

/** Unknown values are dropped rather than refused: a hand-edited address still shows a list. */
export function parseTicketFilters(params: URLSearchParams): TicketFilters {
  const status = params.getAll('status').filter(Boolean);
  const before = Number(params.get('before'));
  const sla = params.get('sla');
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    statuses: status.includes('all') ? [] : status.length ? pick(params, 'status', TICKET_STATUSES) : DEFAULT_STATUSES,
    tiers: pick(params, 'tier', TIERS),
    priorities: pick(params, 'priority', PRIORITIES),
    platforms: pick(params, 'platform', TICKET_PLATFORMS),
    assignee: (params.get('assignee') ?? '').slice(0, 100),
    customer: (params.get('customer') ?? '').slice(0, 100),
    sla: sla === 'breached' || sla === 'due-soon' ? sla : '',
    before: Number.isSafeInteger(before) && before > 0 ? before : null,
  };
}

/** The store query for these filters, as seen by the signed-in staff member (`me`). */
export function toSearchQuery(f: TicketFilters, me: string | null, now: number): TicketSearchQuery {
  const assigneeId =
    f.assignee === '' ? undefined : f.assignee === 'none' ? null : f.assignee === 'me' ? me : f.assignee;
  return {
    ...(f.q.trim() ? { text: f.q } : {}),
    ...(f.statuses.length ? { statuses: f.statuses } : {}),
    ...(f.tiers.length ? { tiers: f.tiers } : {}),
    ...(f.priorities.length ? { priorities: f.priorities } : {}),
    ...(f.platforms.length ? { platforms: f.platforms } : {}),
    // `me` for a reader signed in with the shared token (no identity) matches no one.
    ...(assigneeId !== undefined ? { assigneeId: assigneeId ?? (f.assignee === 'me' ? '\u0000' : null) } : {}),
    ...(f.customer ? { customerId: f.customer } : {}),
    ...(f.sla ? { sla: f.sla } : {}),
    now,
    limit: PAGE_SIZE,
    ...(f.before !== null ? { before: f.before } : {}),
  };
}

/** The query string of these filters (for links: the next page, the live refresh), without the page cursor. */
export function filtersQueryString(f: TicketFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.statuses.length === 0) p.set('status', 'all');
  else if (f.statuses.join() !== DEFAULT_STATUSES.join()) for (const s of f.statuses) p.append('status', s);
  for (const t of f.tiers) p.append('tier', t);
  for (const x of f.priorities) p.append('priority', x);
  for (const x of f.platforms) p.append('platform', x);
  if (f.assignee) p.set('assignee', f.assignee);
  if (f.customer) p.set('customer', f.customer);
  if (f.sla) p.set('sla', f.sla);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
