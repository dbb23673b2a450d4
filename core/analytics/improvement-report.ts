import type { ArticleUpdateTask, KnowledgeGap } from './knowledge-gaps.js';
import type { RisingTopic } from './rising-topics.js';

/** Continuous improvement: what rises, what the knowledge base is missing, which articles need work. */
export interface ImprovementReport {
  risingTopics: RisingTopic[];
  knowledgeGaps: KnowledgeGap[];
  articleUpdates: ArticleUpdateTask[];
}
