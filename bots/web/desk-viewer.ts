import { allowedActions } from '../../core/index.js';
import type { Directory } from '../../core/index.js';
import { csrfToken } from './csrf.js';
import type { AuthResult } from './dashboard-auth.js';
import type { Viewer } from './desk-layout.js';

/**
 * Who a signed-in request is: the staff member of a link session with what their roles allow, or a read-only reader
 * (the shared DASHBOARD_TOKEN, by its session or a bearer header). `cookie` is the session cookie's value (the CSRF
 * token is derived from it).
 */
export function deskViewer(a: Extract<AuthResult, { kind: 'ok' }>, cookie: string, directory: Directory): Viewer {
  const staff = a.via === 'session' && a.session.staffId ? directory.staffById(a.session.staffId) : undefined;
  return staff
    ? { staffId: staff.id, name: staff.name, can: allowedActions(staff.roles), csrf: csrfToken(cookie) }
    : { staffId: null, name: 'Dashboard token', can: new Set(['read']), csrf: csrfToken(cookie) };
}
