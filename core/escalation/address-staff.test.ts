import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../config/support-config.js';
import type { SupportConfigInput } from '../config/support-config.js';
import { addressStaff } from './address-staff.js';

const configWith = (over: Partial<SupportConfigInput>) => {
  const r = parseSupportConfig({
    staff: [
      { id: 'a', name: 'A', slack: 'U_A' },
      { id: 'd', name: 'D', discord: '123' },
      { id: 'n', name: 'N' },
    ],
    ...over,
  });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
};

describe('where a page goes', () => {
  it('is a DM on the first paging platform where the person has an identity', () => {
    const config = configWith({ slack: { staffChannel: 'C_STAFF' } });
    expect(addressStaff(config.staff[0]!, config)).toEqual({
      conversation: { platform: 'slack', channelId: 'dm:U_A' },
      viaStaffChannel: false,
    });
    expect(addressStaff(config.staff[1]!, config)).toEqual({
      conversation: { platform: 'discord', channelId: 'dm:123' },
      viaStaffChannel: false,
    });
  });

  it('falls back to the Slack staff channel, else the Discord one (where staff roles are pinged), else nowhere', () => {
    expect(
      addressStaff(
        configWith({ slack: { staffChannel: 'C_STAFF' }, discord: { staffChannel: 'D_STAFF' } }).staff[2]!,
        configWith({ slack: { staffChannel: 'C_STAFF' } }),
      ),
    ).toMatchObject({ conversation: { platform: 'slack', channelId: 'C_STAFF' }, viaStaffChannel: true });
    const discordOnly = configWith({ discord: { staffChannel: 'D_STAFF' } });
    expect(addressStaff(discordOnly.staff[2]!, discordOnly)).toEqual({
      conversation: { platform: 'discord', channelId: 'D_STAFF' },
      viaStaffChannel: true,
    });
    const none = configWith({});
    expect(addressStaff(none.staff[2]!, none)).toBeNull();
  });
});
