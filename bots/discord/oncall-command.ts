import type { ChatInputCommandInteraction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { whoIsOnCall } from '../../core/oncall/who-is-on-call.js';
import type { OnCallSlot } from '../../core/oncall/who-is-on-call.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { replyText } from './interaction-context.js';

const stamp = (ms: number, style: 't' | 'f' = 'f') => `<t:${Math.floor(ms / 1000)}:${style}>`;

export function onCallText(slots: { now: OnCallSlot | null; next: OnCallSlot | null }): string {
  const who = (slot: OnCallSlot) => slot.staff?.name ?? 'nobody (the shift has no members)';
  const now = slots.now ? `On call now: **${who(slots.now)}** (${slots.now.shift} shift, until ${stamp(slots.now.endsAt)}).` : 'Nobody is on call right now.';
  const next = slots.next ? `Next: **${who(slots.next)}** (${slots.next.shift} shift, from ${stamp(slots.next.startsAt)}).` : 'No later shift is scheduled.';
  return `${now}\n${next}`;
}

/** `/oncall`: who is on call now and who is next. Pure computation, so it answers at once. */
export function createOnCallCommand(deps: Pick<DiscordBotDeps, 'config' | 'clock'>) {
  return async function handleOnCallCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const slots = whoIsOnCall(deps.config.oncall.shifts, deps.config.staff, deps.clock.now());
    await interaction.reply({ ...replyText(onCallText(slots), { escape: false }), flags: MessageFlags.Ephemeral });
  };
}
