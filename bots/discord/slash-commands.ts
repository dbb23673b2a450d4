import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from 'discord.js';

const ticketKey = {
  type: ApplicationCommandOptionType.String,
  name: 'ticket',
  description: 'Ticket key, e.g. SUP-42 (default: this thread’s ticket)',
  required: false,
  max_length: 20,
} as const;

const callKey = {
  type: ApplicationCommandOptionType.String,
  name: 'call',
  description: 'The call, e.g. CALL-7 (it is in the booking message)',
  required: true,
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
  {
    type: ApplicationCommandType.ChatInput,
    name: 'call',
    description: 'Video calls with the support team',
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'book',
        description: 'Book a video call (paid plans): the times are offered in a ticket thread',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'topic',
            description: 'What should the call be about?',
            required: false,
            max_length: 200,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reschedule',
        description: 'New times for a booked call',
        options: [callKey],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'cancel',
        description: 'Cancel a booked call',
        options: [callKey],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'done',
        description: 'Record a call that happened (staff only)',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'summary',
            description: 'What was said; each " - item" becomes a follow-up task',
            required: true,
            max_length: 2000,
          },
          ticketKey,
        ],
      },
    ],
  },
] satisfies RESTPutAPIApplicationCommandsJSONBody;
