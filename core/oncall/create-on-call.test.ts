import { describe, expect, it } from 'vitest';
import { createSlaTestDesk } from '../../test/support/test-sla-desk.js';
import { parseWhen } from './parse-when.js';

const T0 = Date.UTC(2026, 10, 23, 14, 0, 0); // Monday 14:00 UTC: EMEA shift, Bob

describe('on-call overrides', () => {
  it('reads the times people type', () => {
    expect(parseWhen('now', T0, 'UTC')).toBe(T0);
    expect(parseWhen('+8h', T0, 'UTC')).toBe(T0 + 8 * 3600_000);
    expect(parseWhen('+30m', T0, 'UTC', T0 + 1000)).toBe(T0 + 1000 + 30 * 60_000);
    expect(parseWhen('18:00', T0, 'Europe/Berlin')).toBe(Date.UTC(2026, 10, 23, 17, 0)); // 18:00 Berlin today
    expect(parseWhen('09:00', T0, 'UTC')).toBe(Date.UTC(2026, 10, 24, 9, 0)); // already past: tomorrow
    expect(parseWhen('2026-11-24T08:00', T0, 'America/New_York')).toBe(Date.UTC(2026, 10, 24, 13, 0));
    expect(parseWhen('2026-11-24T08:00Z', T0, 'America/New_York')).toBe(Date.UTC(2026, 10, 24, 8, 0));
    expect(parseWhen('tomorrowish', T0, 'UTC')).toBeNull();
  });

  it('stores an override from a Slack command, pages go to the override, and it is audited', async () => {
    const d = createSlaTestDesk();
    expect((await d.service.oncall.schedule()).now?.staff?.id).toBe('bob');
    const denied = await d.service.oncall.setOverride({
      actor: { platform: 'slack', userId: 'U_CUST' },
      person: { platform: 'slack', userId: 'U_ALICE' },
      from: 'now',
      to: '+2h',
    });
    expect(denied.kind).toBe('forbidden');
    expect(
      (
        await d.service.oncall.setOverride({
          actor: { platform: 'slack', userId: 'U_MARIA' },
          person: { platform: 'slack', userId: 'U_ALICE' },
          from: '+2h',
          to: 'now',
        })
      ).kind,
    ).toBe('invalid');
    expect((await d.service.oncall.setOverride({ actor: 'maria', person: 'ghost', from: 'now', to: '+1h' })).kind).toBe(
      'invalid',
    );
    const set = await d.service.oncall.setOverride({
      actor: { platform: 'slack', userId: 'U_MARIA' },
      person: { platform: 'slack', userId: 'U_ALICE' },
      from: 'now',
      to: '+1h',
      reason: 'Bob at the dentist',
    });
    expect(set).toMatchObject({
      kind: 'set',
      staff: { id: 'alice' },
      now: { staff: { id: 'alice' }, endsAt: T0 + 3600_000 },
      next: { staff: { id: 'bob' } },
    });
    // A critical ticket right now pages the override, not the schedule.
    await d.say({ text: 'everything is down' });
    await d.service.sweep();
    expect((await d.outbox()).filter((o) => o.key.startsWith('page:')).map((o) => o.to)).toEqual(['dm:U_ALICE']);
    d.clock.set(T0 + 3600_000);
    expect((await d.service.oncall.schedule()).now?.staff?.id).toBe('bob');
    if (set.kind !== 'set') throw new Error('not set');
    expect(await d.service.oncall.cancelOverride(set.override.id, 'maria')).toBe(true);
    expect(await d.service.oncall.listOverrides(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });
});
