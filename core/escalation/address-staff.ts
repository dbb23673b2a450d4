import type { StaffConfig, SupportConfig } from '../config/support-config.js';
import type { ConversationRef } from '../model/inbound-message.js';
import { personConversation } from '../ports/chat-platform.js';

export interface StaffAddress {
  conversation: ConversationRef;
  /** true when the person has no identity on a paging platform and the page goes to the staff channel instead. */
  viaStaffChannel: boolean;
}

/**
 * Where a page for this person goes: a DM on the first platform in `sla.paging.platforms` where they have an
 * identity, else the Slack staff channel (with a staff mention), else nowhere.
 */
export function addressStaff(staff: StaffConfig, config: Pick<SupportConfig, 'sla' | 'slack'>): StaffAddress | null {
  for (const platform of config.sla.paging.platforms) {
    const id = platform === 'slack' ? staff.slack : staff.discord;
    if (id) return { conversation: personConversation(platform, id), viaStaffChannel: false };
  }
  return staffChannel(config) ? { conversation: staffChannel(config) as ConversationRef, viaStaffChannel: true } : null;
}

export function staffChannel(config: Pick<SupportConfig, 'slack'>): ConversationRef | null {
  return config.slack.staffChannel ? { platform: 'slack', channelId: config.slack.staffChannel } : null;
}
