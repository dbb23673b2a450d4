import { DASHBOARD_CSS } from './dashboard-style.js';
import { esc } from './html.js';

/** The login form (POST /login with the dashboard token), or the notice that no token is configured. */
export function renderLogin(options: { deskName: string; error?: string; configured: boolean; next?: string }): string {
  const body = options.configured
    ? `<form method="post" action="/login"><label for="token">Dashboard token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus><input type="hidden" name="next" value="${esc(options.next ?? '/')}">${options.error ? `<p class="error">${esc(options.error)}</p>` : ''}<button type="submit">Sign in</button></form>`
    : `<p class="error" id="not-configured">The dashboard is disabled: no DASHBOARD_TOKEN is configured. Set DASHBOARD_TOKEN in the environment (see .env.example) and restart the desk.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(options.deskName)} · sign in</title><style>${DASHBOARD_CSS}</style></head><body><div class="login"><h1>${esc(options.deskName)}</h1>${body}</div></body></html>`;
}
