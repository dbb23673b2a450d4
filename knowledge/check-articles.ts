import { posix } from 'node:path';
import type { Article } from '../core/ports/knowledge-base.js';
import { formatProblem, sortProblems, type ArticleProblem } from './article-problem.js';
import { parseArticle, type ParsedArticle } from './parse-article.js';

export interface ArticleSource {
  /** How problems name the file (e.g. `knowledge/articles/install.md`). */
  file: string;
  /** Path relative to the articles folder, with `/` separators (e.g. `install.md`). */
  path: string;
  text: string;
}

export interface CheckArticlesOptions {
  baseUrl?: string | undefined;
  /** Whether a path relative to the articles folder exists outside the article set (images, other files). */
  exists?: ((path: string) => boolean) | undefined;
}

export interface ArticleSet {
  /** Every article whose front matter is valid; for a duplicated id, the first file in path order. */
  articles: Article[];
  problems: ArticleProblem[];
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/iu;
/** A web address of a knowledge-base article file (e.g. a repository's `…/blob/main/knowledge/articles/x.md`). */
const ARTICLE_URL = /\/knowledge\/articles\/[^?#]*\.md(?:[?#]|$)/iu;

/**
 * Whether an external link points at an article by its address: such a link breaks when the articles are published
 * elsewhere, the repository is renamed or forked (answers linked to a `github.com/acme/support-desk` that never
 * existed), where a relative link resolves wherever the articles are.
 */
function linksArticleByUrl(target: string, baseUrl: string | undefined): boolean {
  if (baseUrl !== undefined && target.startsWith(baseUrl.replace(/\/+$/u, ''))) return true;
  return ARTICLE_URL.test(target);
}

function checkLinks(
  source: ArticleSource,
  parsed: ParsedArticle,
  byPath: ReadonlyMap<string, ParsedArticle>,
  options: CheckArticlesOptions,
): ArticleProblem[] {
  const problems: ArticleProblem[] = [];
  for (const { target, line } of parsed.links) {
    const report = (message: string) => problems.push({ file: source.file, line, message });
    if (EXTERNAL.test(target)) {
      if (linksArticleByUrl(target, options.baseUrl))
        report(`link '${target}' points at an article by its address; use a relative link like ./other-article.md`);
      continue;
    }
    if (target.startsWith('/')) {
      report(`link '${target}' is absolute; use a relative link like ./other-article.md`);
      continue;
    }
    const hash = target.indexOf('#');
    const pathPart = hash < 0 ? target : target.slice(0, hash);
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved =
      pathPart === '' ? source.path : posix.normalize(posix.join(posix.dirname(source.path), decodeURI(pathPart)));
    const linked = byPath.get(resolved);
    if (linked === undefined && !(options.exists?.(resolved) ?? false)) {
      report(`broken link '${target}': no file ${resolved}`);
      continue;
    }
    if (anchor !== undefined && anchor !== '' && linked !== undefined && !linked.anchors.has(anchor.toLowerCase())) {
      report(`broken link '${target}': no heading '#${anchor}' in ${resolved}`);
    }
  }
  return problems;
}

/**
 * Validate a set of article files (pure): required and known front matter, unique ids, relative links and
 * `#anchors` that resolve (to an article or, through `exists`, another file), no link to an article by its web
 * address, a non-empty body, title length. Problems come sorted by file and line.
 */
export function checkArticles(sources: readonly ArticleSource[], options: CheckArticlesOptions = {}): ArticleSet {
  const ordered = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parsed = ordered.map((s) => parseArticle(s.file, s.path, s.text, options.baseUrl));
  const byPath = new Map(ordered.map((s, i) => [s.path, parsed[i] as ParsedArticle]));
  const problems: ArticleProblem[] = [];
  const owners = new Map<string, number[]>();
  parsed.forEach((p, i) => {
    problems.push(...p.problems);
    if (p.article) owners.set(p.article.id, [...(owners.get(p.article.id) ?? []), i]);
  });
  for (const [id, indexes] of owners) {
    if (indexes.length < 2) continue;
    for (const i of indexes) {
      const others = indexes.filter((j) => j !== i).map((j) => (ordered[j] as ArticleSource).file);
      problems.push({
        file: (ordered[i] as ArticleSource).file,
        line: (parsed[i] as ParsedArticle).idLine,
        message: `duplicate id '${id}' (also in ${others.join(', ')})`,
      });
    }
  }
  ordered.forEach((s, i) => {
    problems.push(...checkLinks(s, parsed[i] as ParsedArticle, byPath, options));
  });

  const seen = new Set<string>();
  const articles: Article[] = [];
  for (const p of parsed) {
    if (!p.article || seen.has(p.article.id)) continue;
    seen.add(p.article.id);
    articles.push(p.article);
  }
  return { articles, problems: sortProblems(problems) };
}

/** The report the CLI and start-up print: one `file:line: problem` line each. */
export function formatArticleReport(problems: readonly ArticleProblem[]): string[] {
  return problems.map(formatProblem);
}
