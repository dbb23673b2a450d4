import { DASHBOARD_CSS } from './dashboard-style.js';
import { esc } from './html.js';

/** Who is looking at a desk page: a staff member signed in as themselves, or a reader with the shared token. */
export interface Viewer {
  staffId: string | null;
  name: string;
  /** What the viewer may do (core/policy/staff-permissions.ts), for showing forms; the server checks again. */
  can: ReadonlySet<string>;
  /** The CSRF token for this session's forms. */
  csrf: string;
}

const DESK_CSS = `
.bar{display:flex;gap:8px;flex-wrap:wrap;align-items:end;margin-bottom:12px}.bar label{display:flex;flex-direction:column;font-size:12px;color:#5c6784}
.bar input,.bar select{font-size:13px;padding:4px}.bar button,.act button{font-size:13px;padding:5px 10px;background:#4f7cff;color:#fff;border:0;border-radius:4px;cursor:pointer}
.act{display:flex;gap:6px;flex-wrap:wrap;align-items:center;margin:6px 0}.act select,.act input{font-size:13px;padding:4px}.act button.plain{background:#e9ecf5;color:#1d2433}
tr.s-closed td,tr.s-resolved td{color:#7a849e}.msg{border-left:3px solid #cbd3e6;padding:6px 10px;margin:8px 0;background:#fff;border-radius:4px}
.msg.staff{border-color:#4f7cff}.msg.bot{border-color:#adb5bd;background:#f8f9fb}.msg.note{border-color:#f08c00;background:#fff9db}.msg.participant{border-color:#9775fa}.msg.call{border-color:#2f9e44;background:#ebfbee}
.msg .who{font-size:12px;color:#5c6784;margin-bottom:2px}.msg .text{white-space:pre-wrap;font-size:14px}
.flash{padding:8px 12px;border-radius:6px;margin-bottom:12px;background:#ebfbee;color:#2b8a3e}.flash.error{background:#ffe3e3;color:#c92a2a}
.two{display:grid;grid-template-columns:minmax(0,2fr) minmax(260px,1fr);gap:12px}textarea{width:100%;box-sizing:border-box;font:inherit;font-size:14px;padding:6px}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:13px;margin:0}dl.facts dt{color:#5c6784}dl.facts dd{margin:0}
.pager{margin-top:8px;font-size:13px}#live{font-size:12px;color:#7a849e}
`;

/** The frame of every web desk page: header with navigation, who is signed in, and sign-out. */
export function deskPage(options: {
  deskName: string;
  title: string;
  viewer: Viewer;
  active: 'dashboard' | 'tickets' | 'oncall';
  body: string;
  script?: string;
}): string {
  const { viewer } = options;
  const link = (href: string, name: typeof options.active, text: string) =>
    `<a href="${href}"${options.active === name ? ' class="on"' : ''}>${text}</a>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(options.title)} · ${esc(options.deskName)}</title><style>${DASHBOARD_CSS}${DESK_CSS}</style></head><body>
<header><h1>${esc(options.deskName)}</h1><nav>${link('/', 'dashboard', 'Dashboard')} ${link('/desk', 'tickets', 'Tickets')} ${link('/desk/oncall', 'oncall', 'On call')} <span class="muted" id="signed-in-as">${esc(viewer.name)}${viewer.staffId ? '' : ' (read only)'}</span><form method="post" action="/logout"><button>Log out</button></form></nav></header>
<main>${options.body}</main>${options.script ? `<script>${options.script}</script>` : ''}
</body></html>`;
}

/** The hidden field every form carries. */
export const csrfField = (viewer: Viewer) => `<input type="hidden" name="csrf" value="${esc(viewer.csrf)}">`;

/** A short readable time in UTC (the desk's pages say UTC wherever they show a clock time). */
export const utc = (ms: number | null) =>
  ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Counts each `.countdown[data-due]` down every second, on the desk's clock (the page carries its `now`). */
export const countdownScript = (now: number) => `(function () {
  var offset = ${now} - Date.now();
  function fmt(ms) { var m = Math.round(Math.abs(ms) / 60000); if (m < 60) return m + 'm'; var h = Math.floor(m / 60); return h < 48 ? h + 'h ' + (m % 60) + 'm' : Math.floor(h / 24) + 'd ' + (h % 24) + 'h'; }
  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll('.countdown').forEach(function (el) {
      var left = Number(el.getAttribute('data-due')) - now;
      el.textContent = left < 0 ? 'overdue ' + fmt(left) : 'due in ' + fmt(left);
      el.classList.toggle('overdue', left < 0);
    });
  }
  tick(); setInterval(tick, 1000);
})();`;
