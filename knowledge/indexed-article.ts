import type { Article } from '../core/ports/knowledge-base.js';
import { primaryLanguage } from './article-filter.js';
import { markdownHeadings, markdownToText } from './markdown-text.js';
import type { ArticleTerms } from './query-likelihood.js';
import { isStopWord, processTerm, tokenize } from './search-terms.js';
import { termCounts } from './term-counts.js';
import type { TermVocabulary } from './term-vocabulary.js';

/** An article as MiniSearch indexes it: its fields as stemmed terms joined by single spaces. */
export interface IndexedDoc {
  id: string;
  /** The title and the alternative questions. */
  questions: string;
  /** Headings and tags. */
  keywords: string;
  body: string;
}

/** An article as the ranking stage reads it. */
export interface IndexedArticle {
  article: Article;
  /** Primary language subtag, lower case. */
  language: string;
  plain: string;
  terms: ArticleTerms;
}

/** A word of the text as indexed: its term, and whether it is a stop word. */
interface Word {
  term: string;
  stop: boolean;
}

/** The words of a text as indexed; each one's spelling (lower case, unstemmed) is added to `spellings`. */
function words(text: string, spellings: Set<string>): Word[] {
  const out: Word[] = [];
  for (const raw of tokenize(text)) {
    const term = processTerm(raw);
    if (term === null) continue;
    out.push({ term, stop: isStopWord(raw) });
    spellings.add(raw.toLowerCase());
  }
  return out;
}

const allTerms = (ws: readonly Word[]) => ws.map((w) => w.term);
const contentOnly = (ws: readonly Word[]) => ws.filter((w) => !w.stop).map((w) => w.term);

/** The index's tokenizer: documents and queries reach it as stemmed terms joined by single spaces. */
export function splitTerms(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

/**
 * One article, analysed: its MiniSearch document (stop words kept in the title and questions only) and its term
 * counts for the ranking stage. Adds its terms to `vocabulary` and its spellings to `spellings`.
 */
export function indexArticle(
  article: Article,
  vocabulary: TermVocabulary,
  spellings: Set<string>,
): { doc: IndexedDoc; entry: IndexedArticle } {
  const plain = markdownToText(article.body);
  const title = words(article.title, spellings);
  const questions = (article.questions ?? []).map((q) => words(q, spellings));
  const headings = words(markdownHeadings(article.body).join('\n'), spellings);
  const tags = words(article.tags.join(' '), spellings);
  const body = words(plain, spellings);
  const doc: IndexedDoc = {
    id: article.id,
    questions: [title, ...questions].flatMap(allTerms).join(' '),
    keywords: [...contentOnly(headings), ...contentOnly(tags)].join(' '),
    body: contentOnly(body).join(' '),
  };
  vocabulary.addIndexedArticle([doc.questions, doc.keywords, doc.body].flatMap(splitTerms));
  // The whole text once: title, questions, tags and body (whose plain text holds the headings).
  const document = termCounts(vocabulary.addWords([title, ...questions, tags, body].flatMap(allTerms)));
  const phrasings = [title, ...questions]
    .filter((p) => p.length > 0)
    .map((p) => termCounts(p.map((w) => vocabulary.idOf(w.term) as number)));
  return {
    doc,
    entry: { article, language: primaryLanguage(article.language), plain, terms: { phrasings, document } },
  };
}
