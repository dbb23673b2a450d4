import { DASHBOARD_CSS } from './dashboard-style.js';
import { esc } from './html.js';

export interface LoginPageOptions {
  deskName: string;
  error?: string;
  /** Some way to sign in exists (DASHBOARD_TOKEN, or staff sign-in links). */
  configured: boolean;
  next?: string;
  /** Show the shared-token form (default: when configured). */
  token?: boolean;
  /** Show the form that sends a staff member a one-time sign-in link. */
  link?: boolean;
  /** A neutral message (e.g. "a link is on its way"). */
  notice?: string;
  /** Show the button that signs staff in with the identity provider (OpenID Connect), with this text. */
  oidc?: { label: string } | undefined;
}

/** The sign-in page: a one-time link for staff, the shared dashboard token for read-only access, or why neither is on. */
export function renderLogin(options: LoginPageOptions): string {
  const error = options.error ? `<p class="error">${esc(options.error)}</p>` : '';
  const notice = options.notice ? `<p class="flash" id="notice">${esc(options.notice)}</p>` : '';
  const linkForm = options.link
    ? `<form method="post" action="/login/link" id="link-form"><label for="who">Staff: your staff id or email address</label><input id="who" name="who" autocomplete="username" required autofocus><button type="submit">Send me a sign-in link</button><p class="muted">The link arrives as a direct message (Slack, Discord or email) and works once, for 10 minutes.</p></form>`
    : '';
  const oidcButton = options.oidc
    ? `<form method="get" action="/login/oidc" id="oidc-form"><button type="submit">${esc(options.oidc.label)}</button></form>`
    : '';
  const tokenForm =
    (options.token ?? options.configured)
      ? `<form method="post" action="/login" id="token-form"><label for="token">Dashboard token${options.link ? ' (read only)' : ''}</label><input id="token" name="token" type="password" autocomplete="current-password" required${options.link ? '' : ' autofocus'}><input type="hidden" name="next" value="${esc(options.next ?? '/')}"><button type="submit">Sign in</button></form>`
      : '';
  const body = options.configured
    ? `${notice}${error}${oidcButton}${oidcButton && (linkForm || tokenForm) ? '<hr>' : ''}${linkForm}${linkForm && tokenForm ? '<hr>' : ''}${tokenForm}`
    : `<p class="error" id="not-configured">The dashboard is disabled: no DASHBOARD_TOKEN is configured and no staff member can receive a sign-in link. Set DASHBOARD_TOKEN in the environment (see .env.example), or give staff a Slack, Discord or email identity in the configuration, and restart the desk.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(options.deskName)} · sign in</title><style>${DASHBOARD_CSS}</style></head><body><div class="login"><h1>${esc(options.deskName)}</h1>${body}</div></body></html>`;
}
