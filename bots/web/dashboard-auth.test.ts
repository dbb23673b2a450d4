import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createDashboardAuth } from './dashboard-auth.js';
import { esc } from './html.js';
import { lineChart } from './svg-charts.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('dashboard auth', () => {
  it('accepts the bearer token or the login cookie, nothing else', () => {
    const auth = createDashboardAuth('s3cret');
    expect(auth.check(req({ authorization: 'Bearer s3cret' }))).toEqual({ kind: 'ok' });
    expect(auth.check(req({ authorization: 'Bearer s3cre' }))).toEqual({ kind: 'unauthorized' });
    expect(auth.check(req({}))).toEqual({ kind: 'unauthorized' });
    expect(auth.login('nope', false)).toBeNull();
    const cookie = auth.login('s3cret', true)!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200; Secure$/);
    expect(cookie).not.toContain('s3cret');
    expect(auth.check(req({ cookie: `other=1; ${cookie.split(';')[0]}` }))).toEqual({ kind: 'ok' });
    // A cookie minted for another token does not open this dashboard.
    expect(auth.check(req({ cookie: createDashboardAuth('other').login('other', false)!.split(';')[0]! }))).toEqual({ kind: 'unauthorized' });
  });
  it('refuses everything when no token is configured', () => {
    const auth = createDashboardAuth(undefined);
    expect(auth.check(req({ authorization: 'Bearer ' }))).toEqual({ kind: 'not-configured' });
    expect(auth.login('', false)).toBeNull();
  });
  it('escapes text in HTML and SVG', () => {
    expect(esc('<script>"x"&\'')).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;');
    expect(lineChart('<b>', ['a'], [{ name: '<i>', color: '#000', values: [1] }])).not.toMatch(/<b>|<i>/);
  });
});
