import type { DemoSummary } from './fill-demo-desk.js';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** What `npm run demo` prints: what the simulated period holds, and how to look at it. */
export function formatDemoSummary(s: DemoSummary, databasePath: string): string {
  const acted = Object.entries(s.actions)
    .map(([verb, n]) => `${verb} ${n}`)
    .join(', ');
  return [
    `Demo desk in ${databasePath}: ${s.days} days (${day(s.from)} to ${day(s.to)} UTC), seed ${s.seed}, filled in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  messages      ${s.messages} from customers (${s.answered} answered by the bot), ${s.staffMessages} from staff`,
    `  tickets       ${s.tickets} (${s.openTickets} still open)`,
    `    by tier     ${list(s.byTier)}`,
    `    by platform ${list(s.byPlatform)}`,
    `    by priority ${list(s.byPriority)}`,
    `  actions       ${acted || 'none'}`,
    `  SLA           first response ${pct(s.sla.compliance)} on time (${s.sla.hit} hit, ${s.sla.missed} missed)`,
    `  sweeps        ${s.sweeps.runs} runs: ${s.sweeps.warnings} warnings, ${s.sweeps.breaches} breaches, ${s.sweeps.pages} pages (${s.acknowledged} acknowledged), ${s.sweeps.updates} incident updates`,
    `  escalated     ${s.escalatedTickets} tickets`,
    `  ratings       ${s.ratings.csat} CSAT (average ${s.ratings.csatAvg === null ? '–' : s.ratings.csatAvg.toFixed(2)}), ${s.ratings.nps} NPS (score ${s.ratings.npsScore === null ? '–' : Math.round(s.ratings.npsScore)}), ${s.votes} article votes`,
    `  usage         ${s.usageRows} rows imported; ${s.outreach} outreach notifications, ${s.weeklyReports} weekly reports`,
    `  outbox        ${s.outboxSent} messages marked sent (no platform was contacted)`,
    '',
    "Look at it on the dashboard (no platform tokens needed; leave them unset so nobody is paged for the demo's open tickets):",
    `  npm run build && DATABASE_PATH=${databasePath} DASHBOARD_TOKEN=<a long random token> npm start`,
    `  (or without building: DATABASE_PATH=${databasePath} DASHBOARD_TOKEN=<token> npm run dev), then open http://localhost:3000/`,
  ].join('\n');
}
