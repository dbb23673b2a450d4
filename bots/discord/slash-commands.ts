import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from 'discord.js';

const ticketKey = {
  type: ApplicationCommandOptionType.String,
  name: 'ticket',
  description: 'Ticket key, e.g. SUP-42 (default: this thread’s ticket)',
  required: false,
  max_length: 20,
} as const;

/** The slash commands the bot answers, as registered by `npm run discord:commands`. Guild-only. */
export const SLASH_COMMANDS = [
  {
    type: ApplicationCommandType.ChatInput,
    name: 'ticket',
    description: 'Support tickets',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'open',
        description: 'Open a support ticket (in a help channel)',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'summary',
            description: 'What do you need help with?',
            required: true,
            max_length: 1000,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'status',
        description: 'Your open tickets, or one ticket you can see',
        options: [ticketKey],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'close',
        description: 'Close a ticket (staff, or the person who opened it)',
        options: [ticketKey],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'claim',
        description: 'Take a ticket (staff only)',
        options: [ticketKey],
      },
    ],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'kb',
    description: 'Search the knowledge base',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'What are you looking for?',
        required: true,
        max_length: 200,
      },
    ],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'oncall',
    description: 'Who is on call now, and who is next',
    contexts: [InteractionContextType.Guild],
  },
] satisfies RESTPutAPIApplicationCommandsJSONBody;
