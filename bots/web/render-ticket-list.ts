import { PRIORITIES, TICKET_PLATFORMS, TICKET_STATUSES, TIERS } from '../../core/index.js';
import type { StaffConfig, Ticket } from '../../core/index.js';
import { countdownScript, deskPage, utc } from './desk-layout.js';
import type { Viewer } from './desk-layout.js';
import { esc } from './html.js';
import { filtersQueryString } from './parse-ticket-filters.js';
import type { TicketFilters } from './parse-ticket-filters.js';

export interface TicketListView {
  deskName: string;
  viewer: Viewer;
  filters: TicketFilters;
  tickets: readonly Ticket[];
  next: number | null;
  staff: readonly StaffConfig[];
  customers: readonly { id: string; name: string }[];
  now: number;
  /** How long the search took (shown under the list). */
  tookMs: number;
}

const options = (values: readonly string[], chosen: readonly string[], any = 'any') =>
  `<option value="">${any}</option>${values.map((v) => `<option${chosen.includes(v) ? ' selected' : ''}>${esc(v)}</option>`).join('')}`;

function due(t: Ticket, now: number): string {
  if (t.firstResponseAt !== null || t.firstResponseDueAt === null || t.status === 'closed' || t.status === 'resolved')
    return '';
  return `<span class="countdown${t.firstResponseDueAt < now ? ' overdue' : ''}" data-due="${t.firstResponseDueAt}">${utc(t.firstResponseDueAt)}</span>`;
}

/** The table rows alone: the page's live refresh swaps them in place. */
export function renderTicketRows(tickets: readonly Ticket[], now: number, staffName: (id: string) => string): string {
  if (!tickets.length) return '<tr><td colspan="9" class="muted" id="no-tickets">No tickets match.</td></tr>';
  return tickets
    .map(
      (t) =>
        `<tr class="s-${t.status}" data-key="${esc(t.key)}"><td><a href="/desk/tickets/${esc(t.key)}">${esc(t.key)}</a></td><td>${esc(t.subject.slice(0, 120))}</td><td>${t.status}</td><td class="p-${t.priority}">${t.priority}</td><td>${esc(t.tier)}</td><td>${esc(t.customerId ?? '—')}</td><td>${t.conversation.platform}</td><td>${t.assigneeId ? esc(staffName(t.assigneeId)) : '<span class="muted">unassigned</span>'}</td><td>${due(t, now)}</td></tr>`,
    )
    .join('');
}

/** The ticket list: filters, full-text search, keyset paging, live refresh of the rows. */
export function renderTicketList(v: TicketListView): string {
  const f = v.filters;
  const names = new Map(v.staff.map((s) => [s.id, s.name]));
  const staffName = (id: string) => names.get(id) ?? id;
  const assignees = [
    ['', 'anyone'],
    ...(v.viewer.staffId ? [['me', 'me']] : []),
    ['none', 'unassigned'],
    ...v.staff.map((s) => [s.id, s.name]),
  ]
    .map(([id, n]) => `<option value="${esc(id)}"${f.assignee === id ? ' selected' : ''}>${esc(n)}</option>`)
    .join('');
  const statusOptions = [
    `<option value=""${f.statuses.join() === 'open,pending' ? ' selected' : ''}>open + pending</option>`,
    `<option value="all"${f.statuses.length === 0 ? ' selected' : ''}>all</option>`,
    ...TICKET_STATUSES.map(
      (s) => `<option${f.statuses.length === 1 && f.statuses[0] === s ? ' selected' : ''}>${s}</option>`,
    ),
  ].join('');
  const form = `<form class="bar" method="get" action="/desk" role="search">
<label>Search<input type="search" name="q" value="${esc(f.q)}" placeholder="words in subject or transcript" autofocus></label>
<label>Status<select name="status">${statusOptions}</select></label>
<label>Tier<select name="tier">${options(TIERS, f.tiers)}</select></label>
<label>Priority<select name="priority">${options(PRIORITIES, f.priorities)}</select></label>
<label>Platform<select name="platform">${options(TICKET_PLATFORMS, f.platforms)}</select></label>
<label>Assignee<select name="assignee">${assignees}</select></label>
<label>Customer<select name="customer">${options(
    v.customers.map((c) => c.id),
    f.customer ? [f.customer] : [],
  )}</select></label>
<label>SLA<select name="sla"><option value="">any</option><option value="breached"${f.sla === 'breached' ? ' selected' : ''}>breached</option><option value="due-soon"${f.sla === 'due-soon' ? ' selected' : ''}>due within 1 h</option></select></label>
<button type="submit">Filter</button> <a href="/desk">reset</a></form>`;
  const qs = filtersQueryString(f);
  const nextLink =
    v.next !== null
      ? `<a id="next-page" href="/desk?${esc(filtersQueryString(f, { before: String(v.next) }))}">Older →</a>`
      : '';
  const firstLink = f.before !== null ? `<a href="/desk${qs ? `?${esc(qs)}` : ''}">← Newest</a> ` : '';
  const body = `<section class="panel wide">${form}
<table id="tickets"><thead><tr><th>Ticket</th><th>Subject</th><th>Status</th><th>Priority</th><th>Tier</th><th>Customer</th><th>Platform</th><th>Assignee</th><th>First response due (UTC)</th></tr></thead>
<tbody id="ticket-rows">${renderTicketRows(v.tickets, v.now, staffName)}</tbody></table>
<p class="pager">${firstLink}${nextLink} <span class="muted">${v.tickets.length} shown · ${v.tookMs} ms</span> <span id="live"></span></p></section>`;
  // Live refresh: only the first page follows changes (an older page stays still while you read it).
  const live =
    f.before === null
      ? `(function () {
  if (!window.EventSource) return;
  var live = document.getElementById('live');
  var rows = document.getElementById('ticket-rows');
  var es = new EventSource('/desk/events');
  es.addEventListener('open', function () { live.textContent = '● live'; });
  es.addEventListener('error', function () { live.textContent = '○ reconnecting'; });
  es.addEventListener('tickets', function () {
    fetch('/desk/rows?${qs.replace(/'/g, '%27')}', { credentials: 'same-origin' }).then(function (r) {
      if (r.ok) return r.text().then(function (html) { rows.innerHTML = html; live.textContent = '● updated ' + new Date().toLocaleTimeString(); });
    });
  });
})();`
      : '';
  const script = `${countdownScript(v.now)}\n${live}`;
  return deskPage({
    deskName: v.deskName,
    title: 'Tickets',
    viewer: v.viewer,
    active: 'tickets',
    body,
    script,
  });
}
