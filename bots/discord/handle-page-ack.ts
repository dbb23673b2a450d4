import type { ButtonInteraction } from 'discord.js';
import { ComponentType, Routes } from 'discord.js';
import { ACK_ACTION } from '../../core/index.js';
import type { EscalationRun } from '../../core/index.js';
import { parseCustomId } from './custom-id.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { escapeDiscordMentions } from './escape-discord-mentions.js';
import { actorOf } from './interaction-context.js';
import { CONTENT_LIMIT, NO_PINGS } from './render-discord-message.js';

/** A component row as the API sends it (what `Message#components[i].toJSON()` or a raw message holds). */
export interface ComponentRowJson {
  type: number;
  components?: Array<{ type: number; custom_id?: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

const stamp = (ms: number) => `<t:${Math.floor(ms / 1000)}:f>`;

/** The page's rows with its Acknowledge button disabled and relabelled; other buttons (Claim) stay usable. */
export function acknowledgedRows(rows: readonly ComponentRowJson[]): ComponentRowJson[] {
  return rows.map((row) =>
    row.type !== ComponentType.ActionRow || !row.components
      ? row
      : {
          ...row,
          components: row.components.map((c) =>
            c.type === ComponentType.Button &&
            typeof c.custom_id === 'string' &&
            parseCustomId(c.custom_id).actionId === ACK_ACTION
              ? { ...c, label: 'Acknowledged', disabled: true }
              : c,
          ),
        },
  );
}

/** discord.js gives a Message (rows with toJSON) when the channel is cached, the raw payload otherwise. */
function rowsOf(message: { components: readonly unknown[] }): ComponentRowJson[] {
  return message.components.map((row) =>
    typeof (row as { toJSON?: unknown }).toJSON === 'function'
      ? (row as { toJSON(): ComponentRowJson }).toJSON()
      : (row as ComponentRowJson),
  );
}

/**
 * The `escalation.ack` button on a page (value = run id), in a DM or a staff channel: acknowledges the run through
 * the SLA engine (staff by directory identity or by a Discord staff role), answers the clicker, and edits the page
 * to say who acknowledged it and when, with the button disabled. The caller has already deferred the reply.
 */
export function createPageAckHandler(deps: Pick<DiscordBotDeps, 'sla' | 'directory' | 'config' | 'log'>) {
  function byWhom(run: EscalationRun): string {
    if (!run.ackedBy) return 'someone';
    const staff = deps.directory.staffById(run.ackedBy);
    if (staff) return `**${escapeDiscordMentions(staff.name)}**`;
    const discordId = /^discord:(\d+)$/.exec(run.ackedBy)?.[1];
    return discordId ? `<@${discordId}>` : escapeDiscordMentions(run.ackedBy);
  }

  async function markPage(interaction: ButtonInteraction, run: EscalationRun): Promise<void> {
    const message = interaction.message;
    if (/\nAcknowledged by /.test(message.content)) return;
    const line = `\nAcknowledged by ${byWhom(run)}${run.ackedAt ? ` ${stamp(run.ackedAt)}` : ''}.`;
    const content = message.content.slice(0, CONTENT_LIMIT - line.length) + line;
    // The page's own message, edited with the bot token (works in a DM, where the channel may not be cached).
    await interaction.client.rest.patch(Routes.channelMessage(interaction.channelId, message.id), {
      body: { content, components: acknowledgedRows(rowsOf(message)), allowed_mentions: { parse: NO_PINGS.parse } },
    });
  }

  async function markQuietly(interaction: ButtonInteraction, run: EscalationRun): Promise<void> {
    await markPage(interaction, run).catch((err: unknown) =>
      deps.log.warn({ runId: run.id, err: String(err) }, 'could not mark the page as acknowledged'),
    );
  }

  return async function handlePageAck(
    interaction: ButtonInteraction,
    runId: string,
  ): Promise<string | { markup: string }> {
    const result = await deps.sla.acknowledge(runId, actorOf(interaction, deps.config.discord.staffRoleIds));
    switch (result.kind) {
      case 'forbidden':
        return result.reason;
      case 'not-found':
        return 'This page is no longer active.';
      case 'acknowledged':
        await markQuietly(interaction, result.run);
        return 'You acknowledged the page; the escalation has stopped.';
      case 'already':
        if (result.run.state !== 'acknowledged')
          return `This escalation already ended (${result.run.state}); nothing more will be paged.`;
        await markQuietly(interaction, result.run);
        return { markup: `Already acknowledged by ${byWhom(result.run)}; the escalation has stopped.` };
    }
  };
}
