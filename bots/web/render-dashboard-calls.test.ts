import { describe, expect, it } from 'vitest';
import type { CallUsageView } from './render-dashboard.js';
import { renderCallUsage } from './render-dashboard.js';

const row = (over: Partial<CallUsageView>): CallUsageView => ({
  customerId: 'globex',
  name: 'Globex',
  tier: 'professional',
  month: '2026-03',
  timezone: 'Europe/Berlin',
  booked: 1,
  held: 1,
  remaining: 0,
  ...over,
});

/** The table's rows as cell texts. */
const cells = (html: string) =>
  [...html.matchAll(/<tr data-customer="[^"]*"[^>]*>(.*?)<\/tr>/g)].map((m) =>
    [...(m[1] as string).matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]),
  );

describe('the dashboard panel "Video calls this month"', () => {
  it('shows customer, tier, booked, held and remaining per customer, and says what the figures mean', () => {
    const html = renderCallUsage([
      row({ customerId: 'acme', name: 'Acme Corp', tier: 'enterprise', booked: 3, held: 2, remaining: 'unlimited' }),
      row({ month: '2026-04' }),
    ]);
    expect(html).toMatch(/^<section class="panel wide" id="video-calls"><h2>Video calls this month /);
    expect(html).toContain('<th>Customer</th><th>Tier</th><th>Booked</th><th>Held</th><th>Remaining</th>');
    expect(cells(html)).toEqual([
      ['Acme Corp', 'enterprise', '3', '2', 'unlimited'],
      ['Globex', 'professional', '1', '1', '0'],
    ]);
    expect(html).toContain('title="2026-04 in Europe/Berlin"');
    expect(html).toMatch(/Held: calls that took place\./);
  });

  it('escapes names from the configuration', () => {
    const html = renderCallUsage([row({ customerId: 'x"y', name: '<script>alert(1)</script> & Co' })]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).toContain('data-customer="x&quot;y"');
  });

  it('points at the tier table when no customer has calls', () => {
    const html = renderCallUsage([]);
    expect(html).not.toContain('<table>');
    expect(html).toContain("No customer's tier has video calls");
    expect(html).toContain('tiers.&lt;tier&gt;.videoCallsPerMonth');
  });
});
