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
 * identity, else the staff channel (Slack's, or Discord's where the staff roles are pinged), else nowhere.
 */
export function addressStaff(
  staff: StaffConfig,
  config: Pick<SupportConfig, 'sla' | 'slack' | 'discord'>,
): StaffAddress | null {
  for (const platform of config.sla.paging.platforms) {
    const id = platform === 'slack' ? staff.slack : staff.discord;
    if (id) return { conversation: personConversation(platform, id), viaStaffChannel: false };
  }
  return staffChannel(config) ? { conversation: staffChannel(config) as ConversationRef, viaStaffChannel: true } : null;
}

/** The staff channel for notices and pages without a personal address: Slack's, else Discord's. */
export function staffChannel(config: Pick<SupportConfig, 'slack' | 'discord'>): ConversationRef | null {
  if (config.slack.staffChannel) return { platform: 'slack', channelId: config.slack.staffChannel };
  if (config.discord.staffChannel) return { platform: 'discord', channelId: config.discord.staffChannel };
  return null;
}
