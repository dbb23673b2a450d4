import type { ChatInputCommandInteraction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import type { OnCallSlot } from '../../core/index.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { replyText } from './interaction-context.js';

const stamp = (ms: number, style: 't' | 'f' = 'f') => `<t:${Math.floor(ms / 1000)}:${style}>`;

/** "emea shift", or "emea shift, override" when an override puts someone else on call for the slot. */
function slotLabel(slot: OnCallSlot): string {
  if (slot.overrideId === undefined) return `${slot.shift} shift`;
  return slot.shift === 'override' ? 'override' : `${slot.shift} shift, override`;
}

export function onCallText(slots: { now: OnCallSlot | null; next: OnCallSlot | null }): string {
  const who = (slot: OnCallSlot) => slot.staff?.name ?? 'nobody (the shift has no members)';
  const now = slots.now
    ? `On call now: **${who(slots.now)}** (${slotLabel(slots.now)}, until ${stamp(slots.now.endsAt)}).`
    : 'Nobody is on call right now.';
  const next = slots.next
    ? `Next: **${who(slots.next)}** (${slotLabel(slots.next)}, from ${stamp(slots.next.startsAt)}).`
    : 'No later shift is scheduled.';
  return `${now}\n${next}`;
}

/**
 * `/oncall`: who is on call now and who is next, from the desk's schedule with the overrides stored in the
 * database (the same answer pages use). One local query, so it answers at once, ephemerally.
 */
export function createOnCallCommandAnswerer(deps: Pick<DiscordBotDeps, 'sla'>) {
  return async function answerOnCallCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const slots = await deps.sla.oncall.schedule();
    await interaction.reply({ ...replyText(onCallText(slots), { escape: false }), flags: MessageFlags.Ephemeral });
  };
}
