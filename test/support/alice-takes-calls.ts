import type { SupportConfigInput } from '../../core/config/support-config.js';

/**
 * The video-call part of a test config: Alice (alice@desk.test) takes calls Monday to Friday, 10:00-16:00 in Berlin,
 * and meetings are Jitsi rooms on a test host. Spread it over the config whose staff it is given.
 */
export function aliceTakesCalls(staff: SupportConfigInput['staff']): Pick<SupportConfigInput, 'staff' | 'calls'> {
  return {
    staff: staff?.map((s) =>
      s.id === 'alice'
        ? {
            ...s,
            email: 'alice@desk.test',
            timezone: 'Europe/Berlin',
            calls: { hours: { days: [1, 2, 3, 4, 5], start: '10:00', end: '16:00' } },
          }
        : s,
    ),
    calls: { jitsi: { baseUrl: 'https://meet.example.test' } },
  };
}
