import type { Rating } from '../model/ticket.js';
import type { Millis, Platform, Tier } from '../model/types.js';
import type { ArticleStats } from './knowledge-base.js';

export interface NewSearchLog {
  query: string;
  platform: Platform;
  tier: Tier;
  customerId: string | null;
  resultCount: number;
  topArticleId: string | null;
  topScore: number | null;
  /** The classifier's intent for the text, when known. */
  intent: string | null;
  at: Millis;
}

export interface NewVote {
  articleId: string;
  voterId: string;
  helpful: boolean;
  platform: Platform;
  ticketId: number | null;
  /** Where the suggestion was shown (message id), so one person votes once per suggestion. */
  context: string;
  at: Millis;
}

export type VoteResult = { kind: 'recorded' } | { kind: 'changed' } | { kind: 'unchanged' };

/** Knowledge-base feedback and satisfaction ratings. */
export interface FeedbackStore {
  recordSearch(entry: NewSearchLog): Promise<void>;
  recordVote(vote: NewVote): Promise<VoteResult>;
  /** Helpful / not helpful votes and views per article id. */
  articleStats(): Promise<Map<string, ArticleStats>>;
  /** One rating per ticket and kind; a later rating replaces the earlier one. */
  recordRating(rating: Rating): Promise<void>;
  listRatings(ticketId: number): Promise<Rating[]>;
}
