import type { types } from '@slack/bolt';

/** Answer one person only: an ephemeral message (via response_url when Slack gave one, else chat.postEphemeral). */
export type PrivateReply = (text: string, blocks?: types.KnownBlock[]) => Promise<void>;
