import { formatDuration, formatNum, formatPct } from '../../core/index.js';
import type { CustomerHealth, DeskMetrics, ImprovementReport, OnCallSlot, OpenTicketView } from '../../core/index.js';
import { esc } from './html.js';
import { DASHBOARD_CSS } from './dashboard-style.js';
import { durationScale, fixedScale } from './chart-scale.js';
import { barChart, lineChart } from './svg-charts.js';

/**
 * One customer's video calls in their current calendar month (in their zone): core's `CallUsageRow` as the dashboard
 * reads it. booked: bookings counted against the quota (held, confirmed, done, no-show; not cancelled); held: calls
 * that took place (done); remaining: quota left, `unlimited`, or `none` for a tier without calls.
 */
export interface CallUsageView {
  customerId: string;
  name: string;
  tier: string;
  /** The customer's month, `2026-03`. */
  month: string;
  timezone: string;
  booked: number;
  held: number;
  remaining: number | 'unlimited' | 'none';
}

export interface DashboardView {
  deskName: string;
  now: number;
  metrics: DeskMetrics;
  openTickets: readonly OpenTicketView[];
  onCall: { now: OnCallSlot | null; next: OnCallSlot | null };
  health: readonly (CustomerHealth & { name: string })[];
  improvement: ImprovementReport;
  /** Tickets ever opened (any period); 0 shows how to get started. */
  allTimeTickets?: number;
  /** Video calls this month per customer whose tier has calls; absent = no panel. */
  calls?: readonly CallUsageView[];
}

/** "Jun 30": short enough for an axis, and no one misreads the month and the day. */
const day = (ms: number) =>
  new Date(ms).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** What a desk with no ticket at all shows first: how tickets arrive, and how to see the dashboard filled. */
const GETTING_STARTED = `<section class="panel wide" id="getting-started"><h2>No tickets yet</h2><p>Tickets appear here once Slack, Discord or GitHub is connected (see the README) or someone writes in <code>npm run shell</code>.
To see this dashboard filled first, simulate a month of support in a separate database and start the desk on it:</p>
<pre>npm run demo\nDATABASE_PATH=data/demo.sqlite DASHBOARD_TOKEN=&lt;token&gt; npm start</pre></section>`;

function card(label: string, value: string, note = '', warn = false): string {
  return `<div class="card${warn ? ' warn' : ''}" data-card="${esc(label)}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="note">${esc(note)}</div></div>`;
}

function slot(s: OnCallSlot | null): string {
  if (!s) return 'nobody scheduled';
  return `${esc(s.staff?.name ?? 'no one in this shift')} <span class="muted">(${esc(s.shift)}, until ${esc(new Date(s.endsAt).toISOString().slice(11, 16))} UTC)</span>`;
}

/** The "Video calls this month" panel: booked, held and remaining per customer, each in their own month. */
export function renderCallUsage(rows: readonly CallUsageView[]): string {
  const body = rows.length
    ? `<table><thead><tr><th>Customer</th><th>Tier</th><th>Booked</th><th>Held</th><th>Remaining</th></tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr data-customer="${esc(r.customerId)}" title="${esc(`${r.month} in ${r.timezone}`)}"><td>${esc(r.name)}</td><td>${esc(r.tier)}</td><td>${r.booked}</td><td>${r.held}</td><td>${esc(String(r.remaining))}</td></tr>`,
        )
        .join(
          '',
        )}</tbody></table><p class="muted">Booked: calls counted against the month's quota, whether upcoming, taken place or missed (cancelled ones are not). Held: calls that took place. Remaining: calls left to book this month.</p>`
    : '<p class="muted">No customer\'s tier has video calls (<code>tiers.&lt;tier&gt;.videoCallsPerMonth</code>).</p>';
  return `<section class="panel wide" id="video-calls"><h2>Video calls this month <span class="muted">each customer's calendar month, in their time zone</span></h2>${body}</section>`;
}

/** The dashboard page: server-rendered HTML with inline SVG charts, inline CSS and a small countdown script. */
export function renderDashboard(v: DashboardView): string {
  const m = v.metrics;
  const o = m.overall;
  const labels = m.daily.map((d) => day(d.day));
  const risky = v.health.filter((h) => h.risk !== 'healthy');
  const cards = [
    card('Tickets', String(o.tickets), `${o.active} open, ${o.resolution.resolved} resolved`),
    card(
      'First response p50',
      formatDuration(o.firstResponse.p50Ms),
      `avg ${formatDuration(o.firstResponse.avgMs)} · p90 ${formatDuration(o.firstResponse.p90Ms)} · p99 ${formatDuration(o.firstResponse.p99Ms)}`,
    ),
    card(
      'SLA compliance',
      formatPct(o.sla.compliance),
      `${o.sla.hit} hit · ${o.sla.missed} missed · target 95%`,
      o.sla.compliance !== null && o.sla.compliance < 0.95,
    ),
    card(
      'First-contact resolution',
      formatPct(o.resolution.fcrRate),
      'target 70%',
      o.resolution.fcrRate !== null && o.resolution.fcrRate < 0.7,
    ),
    card('CSAT', formatNum(o.csat.avg), `${o.csat.count} ratings · target 4.0`, o.csat.avg !== null && o.csat.avg < 4),
    card('NPS', o.nps.score === null ? '–' : String(Math.round(o.nps.score)), `${o.nps.count} answers`),
    card('Escalated', formatPct(o.escalationRate), `reopened ${formatPct(o.reopenRate)}`),
    card(
      'Sentiment',
      formatNum(m.sentiment.avg),
      `${m.sentiment.negative} negative of ${m.sentiment.sampled} messages`,
      m.sentiment.avg !== null && m.sentiment.avg < 0,
    ),
  ].join('');

  const tickets = v.openTickets.length
    ? `<table id="open-tickets"><thead><tr><th>Ticket</th><th>Subject</th><th>Priority</th><th>Tier</th><th>Customer</th><th>First response due</th></tr></thead><tbody>${v.openTickets
        .map(
          (t) =>
            `<tr><td>${esc(t.key)}</td><td>${esc(t.subject)}</td><td class="p-${esc(t.priority)}">${esc(t.priority)}</td><td>${esc(t.tier)}</td><td>${esc(t.customerName ?? t.customerId ?? '–')}</td><td>${
              t.dueInMs === null
                ? `<span class="muted">${t.firstResponseAt ? 'answered' : 'no target'}</span>`
                : `<span class="countdown${t.dueInMs < 0 ? ' overdue' : ''}" data-due="${t.firstResponseDueAt}">${t.dueInMs < 0 ? `overdue ${formatDuration(-t.dueInMs)}` : `in ${formatDuration(t.dueInMs)}`}</span>`
            }</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No open tickets.</p>';

  const customers = risky.length
    ? `<ul id="at-risk">${risky
        .map(
          (h) =>
            `<li><b>${esc(h.name)}</b> <span class="badge ${esc(h.risk)}">${esc(h.risk)} ${h.score}</span><ul>${h.factors
              .filter((f) => f.score < 60)
              .map((f) => `<li>${esc(f.name)} ${f.score}: ${esc(f.explanation)}</li>`)
              .join('')}</ul></li>`,
        )
        .join('')}</ul>`
    : '<p class="muted" id="at-risk">Every customer is healthy.</p>';

  const imp = v.improvement;
  const gaps = imp.knowledgeGaps.length
    ? `<ol id="knowledge-gaps">${imp.knowledgeGaps
        .slice(0, 8)
        .map(
          (g) =>
            `<li><b>${esc(g.suggestedTitle)}</b> <span class="muted">${g.searches} searches (${g.noResult} no result, ${g.notHelpful} not helpful): ${esc(g.examples.slice(0, 3).join(' · '))}</span></li>`,
        )
        .join('')}</ol>`
    : '<p class="muted" id="knowledge-gaps">No failed searches in this period.</p>';
  const updates = imp.articleUpdates.length
    ? `<h3>Articles to update</h3><ul>${imp.articleUpdates.map((t) => `<li><b>${esc(t.articleId)}</b>: ${esc(t.reason)}</li>`).join('')}</ul>`
    : '';
  const topics = imp.risingTopics.length
    ? `<h3>Rising topics</h3><p>${imp.risingTopics.map((t) => `<span class="chip">${esc(t.term)} <span class="muted">${t.previous}→${t.current}</span></span>`).join(' ')}</p>`
    : '';
  const opps = m.opportunities.length
    ? `<section class="panel wide" id="opportunities"><h2>Optimisation opportunities</h2>${m.opportunities.map((op) => `<div class="opp"><b>${esc(op.metric)}</b> ${esc(op.metric === 'csat' ? op.value.toFixed(2) : formatPct(op.value))} <span class="muted">(target ${esc(op.metric === 'csat' ? op.target.toFixed(1) : formatPct(op.target, 0))}${op.weakest.length ? `; weakest: ${esc(op.weakest.join(', '))}` : ''})</span><ul>${op.recommendations.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></div>`).join('')}</section>`
    : '';
  const agents = m.agents.length
    ? `<table><thead><tr><th>Agent</th><th>Handled</th><th>Resolved</th><th>Median handling</th><th>Share of load</th></tr></thead><tbody>${m.agents
        .slice(0, 10)
        .map(
          (a) =>
            `<tr><td>${esc(a.name ?? a.agent)}</td><td>${a.handled}</td><td>${a.resolved}</td><td>${esc(formatDuration(a.medianHandlingMs))}</td><td>${esc(formatPct(a.share, 0))}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No assigned tickets in this period.</p>';

  const periodLinks = ['7d', '30d', '90d']
    .map((p) => `<a href="/?period=${p}"${p === m.period.label ? ' class="on"' : ''}>${p}</a>`)
    .join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(v.deskName)} · dashboard</title><style>${DASHBOARD_CSS}</style></head><body>
<header><h1>${esc(v.deskName)}</h1><nav>${periodLinks} <form method="post" action="/logout"><button>Log out</button></form></nav></header>
<main>
${v.allTimeTickets === 0 ? GETTING_STARTED : ''}
<section class="cards" id="overview">${cards}</section>
<section class="charts">
${barChart(
  'Ticket volume per day',
  labels,
  m.daily.map((d) => d.tickets),
  '#4f7cff',
  { emptyText: 'no tickets in this period' },
)}
${lineChart(
  'First response time (p50, p90)',
  labels,
  [
    { name: 'p50', color: '#4f7cff', values: m.daily.map((d) => d.p50Ms) },
    { name: 'p90', color: '#f08c00', values: m.daily.map((d) => d.p90Ms) },
  ],
  { scale: (v) => durationScale(v), emptyText: 'no first responses in this period' },
)}
${lineChart('SLA compliance', labels, [{ name: 'compliance', color: '#2f9e44', values: m.daily.map((d) => d.slaCompliance) }], { scale: () => fixedScale(0, 1, 4, percent), references: [{ name: 'target 95%', color: '#c92a2a', value: 0.95 }], emptyText: 'no SLA clock ended in this period' })}
${lineChart('CSAT (daily average)', labels, [{ name: 'CSAT', color: '#7048e8', values: m.daily.map((d) => d.csatAvg) }], { scale: () => fixedScale(1, 5, 4, (x) => String(x)), emptyText: 'no ratings in this period' })}
${lineChart('NPS (daily)', labels, [{ name: 'NPS', color: '#0b7285', values: m.daily.map((d) => d.nps) }], { scale: () => fixedScale(-100, 100, 4, (x) => String(x)), emptyText: 'no NPS answers in this period' })}
${barChart('CSAT distribution', ['1', '2', '3', '4', '5'], o.csat.distribution, '#7048e8', { emptyText: 'no ratings in this period' })}
</section>
<section class="grid">
<section class="panel wide"><h2>Open tickets <span class="muted">SLA countdown</span></h2>${tickets}</section>
<section class="panel" id="on-call"><h2>On call</h2><p>Now: ${slot(v.onCall.now)}</p><p>Next: ${slot(v.onCall.next)}</p></section>
<section class="panel"><h2>At-risk customers</h2>${customers}</section>
${v.calls ? renderCallUsage(v.calls) : ''}
<section class="panel wide"><h2>Knowledge gaps <span class="muted">articles to write</span></h2>${gaps}${updates}${topics}</section>
${opps}
<section class="panel wide"><h2>Agents</h2>${agents}</section>
</section>
<footer class="muted">Period ${esc(m.period.label)} · generated ${esc(new Date(v.now).toISOString().slice(0, 16).replace('T', ' '))} UTC · <a href="/api/metrics?period=${esc(m.period.label)}">JSON</a> · <a href="/metrics">Prometheus</a></footer>
</main>
<script>
(function () {
  var offset = ${v.now} - Date.now();
  function fmt(ms) { var m = Math.round(Math.abs(ms) / 60000); if (m < 60) return m + 'm'; var h = Math.floor(m / 60); return h < 48 ? h + 'h ' + (m % 60) + 'm' : Math.floor(h / 24) + 'd ' + (h % 24) + 'h'; }
  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll('.countdown').forEach(function (el) {
      var left = Number(el.getAttribute('data-due')) - now;
      el.textContent = left < 0 ? 'overdue ' + fmt(left) : 'in ' + fmt(left);
      el.classList.toggle('overdue', left < 0);
    });
  }
  setInterval(tick, 1000);
})();
</script>
</body></html>`;
}
