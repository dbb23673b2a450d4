import type { InboundMessage } from '../model/inbound-message.js';
import type { Millis } from '../model/types.js';
import type { Requester } from '../directory/create-directory.js';
import type { NewSearchLog } from '../ports/feedback-store.js';
import type { ArticleHit } from '../ports/knowledge-base.js';

/** The log row of one knowledge-base search (an engine's own search for a message, or a person's `/kb`). */
export function searchLog(
  query: string,
  platform: InboundMessage['platform'],
  requester: Pick<Requester, 'tier'> & { customerId: string | null },
  hits: readonly ArticleHit[],
  intent: string | null,
  at: Millis,
): NewSearchLog {
  return {
    query: query.slice(0, 500),
    platform,
    tier: requester.tier,
    customerId: requester.customerId,
    resultCount: hits.length,
    topArticleId: hits[0]?.article.id ?? null,
    topScore: hits[0]?.score ?? null,
    intent,
    at,
  };
}
