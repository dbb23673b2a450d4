import { PRIORITIES } from '../../core/index.js';
import { callKey } from '../../core/index.js';
import type {
  AuditEntry,
  CallBooking,
  CustomerHealth,
  EscalationRun,
  Rating,
  SlaTimer,
  StaffConfig,
  Ticket,
  TicketMessage,
} from '../../core/index.js';
import { countdownScript, csrfField, deskPage, utc } from './desk-layout.js';
import type { Viewer } from './desk-layout.js';
import { esc } from './html.js';

export interface TicketPageView {
  deskName: string;
  viewer: Viewer;
  ticket: Ticket;
  messages: readonly TicketMessage[];
  audit: readonly AuditEntry[];
  timers: readonly SlaTimer[];
  runs: readonly EscalationRun[];
  ratings: readonly Rating[];
  /** Video calls booked on this ticket (issue 25). */
  bookings: readonly CallBooking[];
  health: CustomerHealth | null;
  customerName: string | null;
  otherTickets: readonly Ticket[];
  staff: readonly StaffConfig[];
  now: number;
  /** A random id for this rendering's forms: the same form sent twice (double click, two tabs) applies once. */
  formId: string;
  flash: { text: string; error: boolean } | null;
}

const NEXT_STATUS: Record<Ticket['status'], { verb: string; label: string }[]> = {
  open: [
    { verb: 'pend', label: 'Pending (waiting on customer)' },
    { verb: 'resolve', label: 'Resolve' },
    { verb: 'close', label: 'Close' },
  ],
  pending: [
    { verb: 'reopen', label: 'Reopen' },
    { verb: 'resolve', label: 'Resolve' },
    { verb: 'close', label: 'Close' },
  ],
  resolved: [
    { verb: 'reopen', label: 'Reopen' },
    { verb: 'close', label: 'Close' },
  ],
  closed: [{ verb: 'reopen', label: 'Reopen' }],
};

function clock(t: SlaTimer, now: number): string {
  const left =
    t.state === 'active' && t.dueAt !== null
      ? `<span class="countdown${t.dueAt < now ? ' overdue' : ''}" data-due="${t.dueAt}">${utc(t.dueAt)}</span>`
      : t.state === 'paused'
        ? `paused, ${Math.round((t.remainingMs ?? 0) / 60_000)} min left`
        : t.state === 'missed'
          ? `<span class="overdue">missed</span> (due ${utc(t.dueAt)}, breached ${utc(t.breachedAt)})`
          : t.state === 'hit'
            ? `met at ${utc(t.stoppedAt)}`
            : `stopped ${utc(t.stoppedAt)}`;
  return `<tr data-clock="${t.kind}" data-state="${t.state}"><td>${t.kind}${t.cycle > 1 ? ` #${t.cycle}` : ''}</td><td>${t.state}</td><td>${left}</td></tr>`;
}

function transcript(v: TicketPageView, name: (id: string) => string): string {
  const notes = v.audit
    .filter((a) => a.action === 'ticket.note')
    .map((a) => ({
      at: a.at,
      html: `<div class="msg note"><div class="who">Internal note · ${esc(name(a.actor))} · ${utc(a.at)}</div><div class="text">${esc(a.detail.text)}</div></div>`,
    }));
  const messages = v.messages.map((m) => ({
    at: m.at,
    html: `<div class="msg ${m.role}" data-role="${m.role}"><div class="who">${esc(m.authorName ?? m.authorId)} · ${m.role} · ${m.platform} · ${utc(m.at)}</div><div class="text">${esc(m.text)}</div></div>`,
  }));
  const calls = v.bookings.map((b) => ({
    at: b.createdAt,
    html: `<div class="msg call" data-call="${b.id}"><div class="who">Video call ${esc(callKey(b))} · ${b.status} · ${esc(name(b.staffId))}</div><div class="text">${utc(b.startsAt)}–${utc(b.endsAt).slice(11)} UTC${b.meetingUrl ? ` · ${esc(b.meetingUrl)}` : ''}${b.topic ? `\n${esc(b.topic)}` : ''}${b.summary ? `\nSummary: ${esc(b.summary)}` : ''}${b.followUps.length ? `\nFollow-ups: ${b.followUps.map(esc).join('; ')}` : ''}</div></div>`,
  }));
  const all = [...messages, ...notes, ...calls].sort((a, b) => a.at - b.at);
  return all.length ? all.map((x) => x.html).join('') : '<p class="muted">No messages yet.</p>';
}

function actions(v: TicketPageView): string {
  const t = v.ticket;
  const can = (a: string) => v.viewer.can.has(a);
  const hidden = `${csrfField(v.viewer)}<input type="hidden" name="form" value="${esc(v.formId)}">`;
  const post = (inner: string, id: string) =>
    `<form class="act" id="${id}" method="post" action="/desk/tickets/${esc(t.key)}">${hidden}${inner}</form>`;
  const parts: string[] = [];
  if (can('reply')) {
    parts.push(
      t.status === 'closed'
        ? '<p class="muted">The ticket is closed: reopen it to reply.</p>'
        : post(
            `<label for="reply-text" class="muted">Reply to the customer (sent to the ticket's ${esc(t.conversation.platform)} conversation)</label><textarea id="reply-text" name="text" rows="4" required></textarea><button name="do" value="reply">Send reply</button>`,
            'reply-form',
          ),
      post(
        `<label for="note-text" class="muted">Internal note (staff only)</label><textarea id="note-text" name="text" rows="2" required></textarea><button class="plain" name="do" value="note">Add note</button>`,
        'note-form',
      ),
    );
  }
  if (can('work')) {
    const status = NEXT_STATUS[t.status]
      .map((s) => `<button class="plain" name="do" value="${s.verb}">${s.label}</button>`)
      .join('');
    const claim =
      t.assigneeId !== v.viewer.staffId && t.status !== 'closed'
        ? '<button name="do" value="claim">Claim</button>'
        : '';
    const escalate =
      !t.escalated && (t.status === 'open' || t.status === 'pending')
        ? '<button class="plain" name="do" value="escalate">Escalate</button>'
        : '';
    parts.push(post(`${claim}${status}${escalate}`, 'status-form'));
    parts.push(
      post(
        `<select name="priority" aria-label="priority">${PRIORITIES.map((p) => `<option${p === t.priority ? ' selected' : ''}>${p}</option>`).join('')}</select><button class="plain" name="do" value="priority">Change priority</button>`,
        'priority-form',
      ),
    );
  }
  if (can('reassign')) {
    const opts = [['', 'unassigned'], ...v.staff.map((s) => [s.id, s.name])]
      .map(
        ([id, n]) => `<option value="${esc(id)}"${(t.assigneeId ?? '') === id ? ' selected' : ''}>${esc(n)}</option>`,
      )
      .join('');
    parts.push(
      post(
        `<select name="assignee" aria-label="assignee">${opts}</select><button class="plain" name="do" value="assign">Assign</button>`,
        'assign-form',
      ),
    );
  }
  return parts.length
    ? parts.join('')
    : '<p class="muted">You can read this ticket; your roles do not include working it.</p>';
}

/** One ticket: transcript across platforms with internal notes, clocks, pages, ratings, the customer, actions, audit. */
export function renderTicketPage(v: TicketPageView): string {
  const t = v.ticket;
  const names = new Map(v.staff.map((s) => [s.id, s.name]));
  const name = (id: string) => names.get(id) ?? id;
  const flash = v.flash ? `<p class="flash${v.flash.error ? ' error' : ''}" id="flash">${esc(v.flash.text)}</p>` : '';
  const hidden = `${csrfField(v.viewer)}<input type="hidden" name="form" value="${esc(v.formId)}">`;
  const runs = v.runs.length
    ? `<table id="runs"><tbody>${v.runs
        .map(
          (r) =>
            `<tr data-run="${r.id}" data-state="${r.state}"><td>${esc(r.reason)}</td><td>${r.state}${r.ackedBy ? ` by ${esc(name(r.ackedBy))}` : ''}</td><td>step ${Math.min(r.step + 1, r.policy.steps.length)}/${r.policy.steps.length}</td><td>${
              r.state === 'active' && v.viewer.can.has('work')
                ? `<form class="act" method="post" action="/desk/tickets/${esc(t.key)}">${hidden}<input type="hidden" name="run" value="${r.id}"><button name="do" value="ack">Acknowledge</button></form>`
                : ''
            }</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No pages.</p>';
  const ratings = v.ratings.length
    ? v.ratings.map((r) => `${r.kind.toUpperCase()} ${r.score} (${utc(r.at)})`).join(', ')
    : '<span class="muted">none</span>';
  const health = v.health
    ? `${v.health.score}/100 <span class="badge ${v.health.risk}">${esc(v.health.risk)}</span>`
    : '<span class="muted">no usage data</span>';
  const others = v.otherTickets.length
    ? `<ul>${v.otherTickets.map((o) => `<li><a href="/desk/tickets/${esc(o.key)}">${esc(o.key)}</a> ${esc(o.subject.slice(0, 60))} <span class="muted">${o.status}</span></li>`).join('')}</ul>`
    : '<p class="muted">No other tickets.</p>';
  const audit = v.audit
    .map(
      (a) =>
        `<tr><td>${utc(a.at)}</td><td>${esc(name(a.actor))}</td><td>${esc(a.action)}</td><td class="muted">${esc(JSON.stringify(a.action === 'ticket.note' ? {} : a.detail)).slice(0, 200)}</td></tr>`,
    )
    .join('');
  const body = `${flash}<div class="two"><section class="panel"><h2 id="ticket-title">${esc(t.key)} · ${esc(t.subject)}</h2>
<div id="transcript">${transcript(v, name)}</div>
<div id="actions">${actions(v)}</div></section>
<aside><section class="panel"><h2>Ticket</h2><dl class="facts" id="facts">
<dt>Status</dt><dd id="status">${t.status}</dd><dt>Priority</dt><dd class="p-${t.priority}" id="priority">${t.priority}</dd>
<dt>Tier</dt><dd>${esc(t.tier)}</dd><dt>Category</dt><dd>${esc(t.category)}</dd>
<dt>Assignee</dt><dd id="assignee">${t.assigneeId ? esc(name(t.assigneeId)) : 'unassigned'}</dd>
<dt>Requester</dt><dd>${esc(t.requesterName ?? t.requesterId)}</dd><dt>Where</dt><dd>${t.conversation.platform}</dd>
<dt>Opened</dt><dd>${utc(t.createdAt)} UTC</dd><dt>Escalated</dt><dd>${t.escalated ? 'yes' : 'no'}</dd><dt>Ratings</dt><dd id="ratings">${ratings}</dd>
</dl></section>
<section class="panel"><h2>SLA clocks <span class="muted">UTC</span></h2>${v.timers.length ? `<table id="clocks"><tbody>${v.timers.map((x) => clock(x, v.now)).join('')}</tbody></table>` : '<p class="muted">No clocks for this tier and priority.</p>'}</section>
<section class="panel"><h2>Pages</h2>${runs}</section>
<section class="panel"><h2>Customer</h2>${t.customerId ? `<p>${esc(v.customerName ?? t.customerId)} · health ${health}</p>` : '<p class="muted">Not a known customer.</p>'}<h3>Other tickets</h3>${others}</section>
</aside></div>
<section class="panel wide"><h2>Audit trail</h2><table id="audit"><tbody>${audit}</tbody></table></section>`;
  return deskPage({
    deskName: v.deskName,
    title: t.key,
    viewer: v.viewer,
    active: 'tickets',
    body,
    script: `${countdownScript(v.now)}
(function () {
  document.querySelectorAll('form.act').forEach(function (f) { f.addEventListener('submit', function () { f.querySelectorAll('button').forEach(function (b) { setTimeout(function () { b.disabled = true; }, 0); }); }); });
})();`,
  });
}
