import { mayDo, refusalFor } from '../../core/index.js';
import type { Directory, Logger, OnCall, OnCallSlot } from '../../core/index.js';
import { validCsrf } from './csrf.js';
import type { DashboardAuth } from './dashboard-auth.js';
import { readCookie, SESSION_COOKIE } from './dashboard-auth.js';
import { csrfField, deskPage, utc } from './desk-layout.js';
import { deskViewer } from './desk-viewer.js';
import { esc } from './html.js';
import { crossSite, html, query, readBody, redirect, send } from './web-responses.js';
import type { RouteTarget } from './web-responses.js';

export interface OnCallRouteDeps {
  deskName: string;
  auth: DashboardAuth;
  directory: Directory;
  oncall: OnCall;
  now: () => number;
  log: Logger;
}

const DAY = 86_400_000;
const MAX_FORM = 16 * 1024;

const slot = (s: OnCallSlot | null) =>
  s
    ? `${esc(s.staff?.name ?? 'nobody')} <span class="muted">(${esc(s.shift)}, ${utc(s.startsAt)}–${utc(s.endsAt)} UTC${s.overrideId ? ', override' : ''})</span>`
    : '<span class="muted">no one</span>';

/** Who is on call now and next, the overrides of the coming 31 days, and (support managers) add or cancel one. */
export function addOnCallRoutes(http: RouteTarget, deps: OnCallRouteDeps): void {
  const { auth, directory, oncall, log } = deps;

  http.add({
    method: 'GET',
    path: '/desk/oncall',
    handler: async (req, res) => {
      const a = await auth.check(req);
      if (a.kind !== 'ok') return redirect(res, '/login?next=%2Fdesk%2Foncall');
      const viewer = deskViewer(a, readCookie(req, SESSION_COOKIE) ?? '', directory);
      const now = deps.now();
      const [schedule, overrides] = await Promise.all([
        oncall.schedule(now),
        oncall.listOverrides(now, now + 31 * DAY),
      ]);
      const manage = viewer.can.has('oncall');
      const name = (id: string) => directory.staffById(id)?.name ?? id;
      const rows = overrides
        .map(
          (o) =>
            `<tr data-override="${o.id}"><td>${esc(name(o.staffId))}</td><td>${utc(o.startsAt)}</td><td>${utc(o.endsAt)}</td><td>${esc(o.reason ?? '')}</td><td class="muted">by ${esc(name(o.createdBy))}</td><td>${
              manage
                ? `<form class="act" method="post" action="/desk/oncall">${csrfField(viewer)}<input type="hidden" name="id" value="${o.id}"><button class="plain" name="do" value="cancel">Cancel</button></form>`
                : ''
            }</td></tr>`,
        )
        .join('');
      const form = manage
        ? `<form class="act" id="override-form" method="post" action="/desk/oncall">${csrfField(viewer)}<select name="staff" aria-label="who">${directory.staff.map((s) => `<option value="${esc(s.id)}">${esc(s.name)}</option>`).join('')}</select><input name="from" placeholder="from: now, 18:00, 2026-12-24T08:00" required><input name="to" placeholder="to: +8h, 2026-12-26" required><input name="reason" placeholder="reason"><button name="do" value="add">Add override</button></form><p class="muted">Times in your time zone (${esc(directory.staffById(viewer.staffId ?? '')?.timezone ?? 'UTC')}).</p>`
        : '<p class="muted">Only a support manager can change the on-call schedule.</p>';
      const flash = query(req).get('flash');
      const body = `${flash ? `<p class="flash${query(req).get('error') ? ' error' : ''}" id="flash">${esc(flash.slice(0, 300))}</p>` : ''}<section class="panel wide"><h2>On call</h2><p id="oncall-now">Now: ${slot(schedule.now)}</p><p>Next: ${slot(schedule.next)}</p></section>
<section class="panel wide"><h2>Overrides <span class="muted">next 31 days, UTC</span></h2>${rows ? `<table id="overrides"><thead><tr><th>Who</th><th>From</th><th>To</th><th>Reason</th><th></th><th></th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">None.</p>'}${form}</section>`;
      html(res, 200, deskPage({ deskName: deps.deskName, title: 'On call', viewer, active: 'oncall', body }));
    },
  });

  http.add({
    method: 'POST',
    path: '/desk/oncall',
    maxBodyBytes: MAX_FORM,
    handler: async (req, res) => {
      if (crossSite(req))
        return send(res, 403, 'text/plain; charset=utf-8', 'Act from the desk, not from another site.');
      const a = await auth.check(req);
      if (a.kind !== 'ok') return send(res, 401, 'text/plain; charset=utf-8', 'Sign in first.');
      const form = new URLSearchParams(await readBody(req, MAX_FORM));
      const cookie = readCookie(req, SESSION_COOKIE);
      if (a.via !== 'session' || !cookie || !validCsrf(cookie, form.get('csrf')))
        return send(
          res,
          403,
          'text/plain; charset=utf-8',
          'This form did not come from your desk session (CSRF token missing or wrong): reload the page and try again.',
        );
      const staff = a.session.staffId ? directory.staffById(a.session.staffId) : undefined;
      if (!staff || !mayDo(staff.roles, 'oncall'))
        return send(res, 403, 'text/plain; charset=utf-8', refusalFor('oncall'));
      const back = (text: string, error = false) =>
        redirect(res, `/desk/oncall?flash=${encodeURIComponent(text)}${error ? '&error=1' : ''}`);
      if (form.get('do') === 'cancel') {
        const ok = await oncall.cancelOverride(Number(form.get('id')), staff.id);
        log.info({ staff: staff.id, override: form.get('id'), ok }, 'on-call override cancel (web)');
        return back(ok ? 'Override cancelled.' : 'That override was cancelled already or does not exist.', !ok);
      }
      const r = await oncall.setOverride({
        actor: staff.id,
        person: form.get('staff') ?? '',
        from: (form.get('from') ?? '').slice(0, 40),
        to: (form.get('to') ?? '').slice(0, 40),
        ...(form.get('reason') ? { reason: (form.get('reason') as string).slice(0, 200) } : {}),
      });
      if (r.kind !== 'set') return back(r.reason, true);
      log.info({ staff: staff.id, override: r.override.id }, 'on-call override added (web)');
      back(`${r.staff.name} is on call ${utc(r.override.startsAt)}–${utc(r.override.endsAt)} UTC.`);
    },
  });
}
