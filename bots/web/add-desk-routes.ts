import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayDo, PRIORITIES, refusalFor } from '../../core/index.js';
import type {
  AckResult,
  Actor,
  CallBooking,
  CustomerHealth,
  DeskAction,
  Directory,
  FeedbackStore,
  Logger,
  Priority,
  SlaStore,
  StaffReplies,
  TicketActions,
  TicketSearch,
  TicketStore,
} from '../../core/index.js';
import { validCsrf } from './csrf.js';
import type { DashboardAuth } from './dashboard-auth.js';
import { readCookie, SESSION_COOKIE } from './dashboard-auth.js';
import type { Viewer } from './desk-layout.js';
import { deskViewer } from './desk-viewer.js';
import { parseTicketFilters, toSearchQuery } from './parse-ticket-filters.js';
import { renderTicketList, renderTicketRows } from './render-ticket-list.js';
import { renderTicketPage } from './render-ticket-page.js';
import type { TicketListFeed } from './ticket-list-feed.js';
import { crossSite, html, query, readBody, redirect, send } from './web-responses.js';
import type { RouteTarget } from './web-responses.js';

export interface DeskRouteDeps {
  deskName: string;
  auth: DashboardAuth;
  directory: Directory;
  tickets: TicketStore & FeedbackStore;
  search: TicketSearch;
  sla: Pick<SlaStore, 'timersOfTicket' | 'runsOfTicket'>;
  /** The SLA service's acknowledgement (any staff member may acknowledge a page). */
  acknowledge: (runId: number, actor: Actor) => Promise<AckResult | { kind: 'forbidden'; reason: string }>;
  customerHealth: (customerId: string) => Promise<CustomerHealth | null>;
  /** The ticket's video-call bookings; absent = none shown. */
  bookings?: (ticketId: number) => Promise<CallBooking[]>;
  actions: TicketActions;
  staffReplies: StaffReplies;
  feed: TicketListFeed;
  now: () => number;
  log: Logger;
}

/** A ticket action form is a few fields and a reply: generous, and still small. */
const MAX_FORM_BODY = 64 * 1024;
const TICKET_PATH = /^\/desk\/tickets\/([A-Za-z][A-Za-z0-9]*-\d+)$/;
const VERBS = ['claim', 'pend', 'resolve', 'close', 'reopen', 'escalate'] as const;
type Verb = (typeof VERBS)[number];

/** What each form button needs (core/policy/staff-permissions.ts). */
const NEEDS: Record<string, DeskAction> = {
  reply: 'reply',
  note: 'reply',
  assign: 'reassign',
  priority: 'work',
  ack: 'work',
  ...Object.fromEntries(VERBS.map((v) => [v, 'work'])),
};

/**
 * The web desk: the ticket list (filters, full-text search, live updates) and the ticket page with its actions. Every
 * action is taken as the signed-in staff member (`web` actor, audited under their id) after four checks on the server:
 * a live session, a same-site request, the session's CSRF token, and the person's roles.
 */
export function addDeskRoutes(http: RouteTarget, deps: DeskRouteDeps): void {
  const { auth, directory, tickets, log } = deps;

  /** The viewer of a request, or the response already sent (sign in first). */
  async function viewerOf(req: IncomingMessage, res: ServerResponse, api = false): Promise<Viewer | null> {
    const a = await auth.check(req);
    if (a.kind !== 'ok') {
      if (api) send(res, 401, 'text/plain; charset=utf-8', 'Sign in first.');
      else redirect(res, `/login?next=${encodeURIComponent(req.url ?? '/desk')}`);
      return null;
    }
    return deskViewer(a, readCookie(req, SESSION_COOKIE) ?? '', directory);
  }

  const listView = async (req: IncomingMessage, viewer: Viewer) => {
    const filters = parseTicketFilters(query(req));
    const started = performance.now();
    const page = await deps.search.searchTickets(toSearchQuery(filters, viewer.staffId, deps.now()));
    return { filters, page, tookMs: Math.round(performance.now() - started) };
  };
  const staffName = (id: string) => directory.staffById(id)?.name ?? id;

  http.add({
    method: 'GET',
    path: '/desk',
    handler: async (req, res) => {
      const viewer = await viewerOf(req, res);
      if (!viewer) return;
      const { filters, page, tookMs } = await listView(req, viewer);
      html(
        res,
        200,
        renderTicketList({
          deskName: deps.deskName,
          viewer,
          filters,
          tickets: page.tickets,
          next: page.next,
          staff: directory.staff,
          customers: directory.customers,
          now: deps.now(),
          tookMs,
        }),
      );
    },
  });

  http.add({
    method: 'GET',
    path: '/desk/rows',
    handler: async (req, res) => {
      const viewer = await viewerOf(req, res, true);
      if (!viewer) return;
      const { page } = await listView(req, viewer);
      send(res, 200, 'text/html; charset=utf-8', renderTicketRows(page.tickets, deps.now(), staffName));
    },
  });

  http.add({
    method: 'GET',
    path: '/desk/events',
    handler: async (req, res) => {
      const viewer = await viewerOf(req, res, true);
      if (viewer) deps.feed.subscribe(res);
    },
  });

  http.add({
    method: 'GET',
    path: '/desk/tickets/*',
    handler: async (req, res) => {
      const viewer = await viewerOf(req, res);
      if (!viewer) return;
      const key = TICKET_PATH.exec((req.url ?? '').split('?')[0] ?? '')?.[1];
      const ticket = key ? await tickets.getTicketByKey(key.toUpperCase()) : null;
      if (!ticket) return send(res, 404, 'text/plain; charset=utf-8', `No ticket ${key ?? ''}.`);
      const [messages, audit, timers, runs, ratings, health, others, bookings] = await Promise.all([
        tickets.listMessages(ticket.id),
        tickets.listAudit(ticket.id),
        deps.sla.timersOfTicket(ticket.id),
        deps.sla.runsOfTicket(ticket.id),
        tickets.listRatings(ticket.id),
        ticket.customerId ? deps.customerHealth(ticket.customerId) : Promise.resolve(null),
        ticket.customerId ? tickets.listTickets({ customerId: ticket.customerId, limit: 11 }) : Promise.resolve([]),
        deps.bookings ? deps.bookings(ticket.id) : Promise.resolve([]),
      ]);
      const q = query(req);
      const flash = q.get('flash');
      html(
        res,
        200,
        renderTicketPage({
          deskName: deps.deskName,
          viewer,
          ticket,
          messages,
          audit,
          timers,
          runs,
          ratings,
          bookings,
          health,
          customerName: ticket.customerId ? (directory.customer(ticket.customerId)?.name ?? null) : null,
          otherTickets: others.filter((o) => o.id !== ticket.id).slice(0, 10),
          staff: directory.staff,
          now: deps.now(),
          formId: randomBytes(12).toString('base64url'),
          flash: flash ? { text: flash.slice(0, 300), error: q.get('error') === '1' } : null,
        }),
      );
    },
  });

  http.add({
    method: 'POST',
    path: '/desk/tickets/*',
    maxBodyBytes: MAX_FORM_BODY,
    handler: async (req, res) => {
      const key = TICKET_PATH.exec((req.url ?? '').split('?')[0] ?? '')?.[1]?.toUpperCase();
      if (!key) return send(res, 404, 'text/plain; charset=utf-8', 'No such ticket.');
      if (crossSite(req))
        return send(res, 403, 'text/plain; charset=utf-8', 'Act from the desk, not from another site.');
      const a = await auth.check(req);
      if (a.kind !== 'ok') return send(res, 401, 'text/plain; charset=utf-8', 'Sign in first.');
      const form = new URLSearchParams(await readBody(req, MAX_FORM_BODY));
      const cookie = readCookie(req, SESSION_COOKIE);
      if (a.via !== 'session' || !cookie || !validCsrf(cookie, form.get('csrf'))) {
        log.warn({ ticket: key }, 'web desk action refused: CSRF token missing or wrong');
        return send(
          res,
          403,
          'text/plain; charset=utf-8',
          'This form did not come from your desk session (CSRF token missing or wrong): reload the page and try again.',
        );
      }
      const staff = a.session.staffId ? directory.staffById(a.session.staffId) : undefined;
      const back = (text: string, error = false) =>
        redirect(
          res,
          `/desk/tickets/${encodeURIComponent(key)}?flash=${encodeURIComponent(text)}${error ? '&error=1' : ''}`,
        );
      const verb = form.get('do') ?? '';
      const needs = NEEDS[verb];
      if (!needs) return back(`Unknown action "${verb.slice(0, 40)}".`, true);
      if (!staff || !mayDo(staff.roles, needs)) {
        log.warn({ ticket: key, staff: staff?.id ?? null, action: verb }, 'web desk action refused: role');
        return send(
          res,
          403,
          'text/plain; charset=utf-8',
          staff ? refusalFor(needs) : 'Sign in as a staff member to act on tickets.',
        );
      }
      const actor: Actor = { platform: 'web', userId: staff.id };
      const formId = (form.get('form') ?? '').slice(0, 64) || randomBytes(12).toString('base64url');
      const outcome = await perform(verb, key, actor, form, formId);
      log.info({ ticket: key, staff: staff.id, action: verb, ok: !outcome.error }, 'web desk action');
      deps.feed.kick();
      back(outcome.text, outcome.error);
    },
  });

  async function perform(
    verb: string,
    key: string,
    actor: Actor,
    form: URLSearchParams,
    formId: string,
  ): Promise<{ text: string; error: boolean }> {
    const done = (text: string) => ({ text, error: false });
    const failed = (text: string) => ({ text, error: true });
    if (verb === 'reply' || verb === 'note') {
      const input = { key, actor, text: form.get('text') ?? '', eventId: `web:${formId}:${verb}` };
      const r = verb === 'reply' ? await deps.staffReplies.send(input) : await deps.staffReplies.note(input);
      switch (r.kind) {
        case 'sent':
          return done(r.firstResponse ? 'Reply sent: first response recorded.' : 'Reply sent.');
        case 'noted':
          return done('Note added.');
        case 'duplicate':
          return done('Already done: this form was sent before.');
        case 'not-found':
          return failed(`No ticket ${r.key}.`);
        default:
          return failed(r.reason);
      }
    }
    let r;
    if (verb === 'ack') {
      const ack = await deps.acknowledge(Number(form.get('run')), actor);
      if (ack.kind === 'acknowledged') return done('Page acknowledged: the escalation stops.');
      if (ack.kind === 'forbidden') return failed(ack.reason);
      if (ack.kind === 'already')
        return done(
          `The page was already ${ack.run.state}${ack.run.ackedBy ? ` by ${staffName(ack.run.ackedBy)}` : ''}.`,
        );
      return failed('No such page.');
    }
    if (verb === 'assign') r = await deps.actions.assign(key, form.get('assignee') || null, actor);
    else if (verb === 'priority') {
      const p = form.get('priority') ?? '';
      if (!(PRIORITIES as readonly string[]).includes(p)) return failed(`"${p.slice(0, 20)}" is not a priority.`);
      r = await deps.actions.setPriority(key, p as Priority, actor);
    } else r = await deps.actions.act(verb as Verb, key, actor);
    switch (r.kind) {
      case 'done':
        return done(
          `${r.ticket.key}: ${verb === 'priority' ? `priority ${r.ticket.priority}, clocks re-timed` : verb === 'assign' ? `assigned to ${r.ticket.assigneeId ? staffName(r.ticket.assigneeId) : 'no one'}` : `${verb} done (now ${r.ticket.status})`}.`,
        );
      case 'not-found':
        return failed(`No ticket ${r.key}.`);
      default:
        return failed(r.reason);
    }
  }
}
