import type { ChatInputCommandInteraction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { articleRefs } from '../../core/index.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { escapeDiscordMentions } from './escape-discord-mentions.js';
import { renderDiscordMessage } from './render-discord-message.js';

/** `/kb <query>`: the best articles for this member's tier, shown only to them. */
export function createKbCommandAnswerer(deps: Pick<DiscordBotDeps, 'engine' | 'directory' | 'config'>) {
  return async function answerKbCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const query = interaction.options.getString('query', true).slice(0, 500);
    const requester = deps.directory.requester('discord', { id: interaction.user.id });
    const hits = await deps.engine.search(
      query,
      { platform: 'discord', tier: requester.tier, customerId: requester.customer?.id ?? null },
      3,
    );
    const text = hits.length
      ? `Articles for "${query}":`
      : `No article matches "${query}". Ask in a help channel or use /ticket open and the team will help.`;
    const body = renderDiscordMessage(
      { text, articles: articleRefs(hits) },
      { staffRoleIds: deps.config.discord.staffRoleIds },
    );
    await interaction.editReply({ ...body, content: escapeDiscordMentions(body.content) });
  };
}
