import type { Article, SearchFilters } from '../core/ports/knowledge-base.js';

/** What the filters read of an indexed article (its `language` is the primary subtag). */
export interface FilteredArticle {
  article: Pick<Article, 'tiers' | 'platforms'>;
  language: string;
}

/** A language tag's primary subtag, lower case (`en-GB` -> `en`). */
export const primaryLanguage = (code: string) => code.toLowerCase().split('-')[0] ?? '';

/**
 * The filters as one test on an indexed article (computed once per search). An article with no `tiers` (or no
 * `platforms`) is for everyone (everywhere); a filter left undefined does not filter; languages compare on the
 * primary subtag.
 */
export function articleFilter(f: SearchFilters): (entry: FilteredArticle) => boolean {
  const { tier, platform } = f;
  const language = f.language === undefined ? undefined : primaryLanguage(f.language);
  return (entry) => {
    const a = entry.article;
    return (
      (tier === undefined || a.tiers.length === 0 || a.tiers.includes(tier)) &&
      (platform === undefined || a.platforms.length === 0 || a.platforms.includes(platform)) &&
      (language === undefined || entry.language === language)
    );
  };
}
