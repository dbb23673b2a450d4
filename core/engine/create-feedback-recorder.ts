import type { Platform } from '../model/types.js';
import type { Clock } from '../ports/clock.js';
import type { FeedbackStore, VoteResult } from '../ports/feedback-store.js';
import type { KnowledgeBase } from '../ports/knowledge-base.js';

/** "Was this helpful?" votes: stored, then fed back into the knowledge base's ranking. */
export function createFeedbackRecorder(deps: { store: FeedbackStore; kb: KnowledgeBase; clock: Clock }) {
  const refresh = async () => deps.kb.setStats(await deps.store.articleStats());
  return {
    refresh,
    async vote(input: {
      articleId: string;
      voterId: string;
      helpful: boolean;
      platform: Platform;
      context: string;
      ticketId?: number | null;
    }): Promise<VoteResult | { kind: 'unknown-article' }> {
      if (!deps.kb.get(input.articleId)) return { kind: 'unknown-article' };
      const result = await deps.store.recordVote({ ...input, ticketId: input.ticketId ?? null, at: deps.clock.now() });
      if (result.kind !== 'unchanged') await refresh();
      return result;
    },
  };
}
