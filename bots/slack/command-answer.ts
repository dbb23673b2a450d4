import type { types } from '@slack/bolt';

/** A slash command's answer, sent as the ack body: ephemeral (only the caller sees it). */
export interface CommandAnswer {
  response_type: 'ephemeral';
  text: string;
  blocks?: types.KnownBlock[] | undefined;
}

export const ephemeral = (text: string, blocks?: types.KnownBlock[]): CommandAnswer => ({
  response_type: 'ephemeral',
  text,
  ...(blocks ? { blocks } : {}),
});
