import lunr from 'lunr';
import type { FaqEntry } from './read-faq-dataset.js';

/**
 * The retrieval reference: lunr 2 with its defaults (English stemmer and stop words, BM25, no field boosts) over
 * the same entries (question and answer fields). The query is tokenised with lunr's own tokenizer and each token
 * added as an optional term, which is what `index.search` does for plain words, without lunr's query syntax
 * (`:`, `~`, `^`, `+`, `-`), so a user's punctuation cannot throw a parse error.
 */
export function createLunrReferenceIndex(faqs: readonly FaqEntry[]): {
  search(query: string, limit: number): string[];
} {
  const index = lunr(function build() {
    this.ref('id');
    this.field('question');
    this.field('answer');
    for (const faq of faqs) this.add({ id: faq.faq_id, question: faq.questions.join('\n'), answer: faq.answer });
  });
  return {
    search(query, limit) {
      const tokens = lunr.tokenizer(query);
      return index
        .query((q) => {
          for (const token of tokens) q.term(token.toString(), {});
        })
        .slice(0, limit)
        .map((r) => r.ref);
    },
  };
}
