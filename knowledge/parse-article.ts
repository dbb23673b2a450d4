import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import type { Article } from '../core/ports/knowledge-base.js';
import { FRONT_MATTER_KEYS, articleFrontMatterSchema } from './article-front-matter.js';
import type { ArticleProblem } from './article-problem.js';
import { headingAnchors, markdownLinks, type MarkdownLink } from './markdown-text.js';

export interface ParsedArticle {
  /** Undefined when the front matter is unusable. */
  article: Article | undefined;
  problems: ArticleProblem[];
  /** Links of the body, with lines counted in the whole file. */
  links: MarkdownLink[];
  anchors: Set<string>;
  /** Line of the `id` key, for duplicate-id reports. */
  idLine: number;
}

/** 1-based file line of a front-matter key (or of the index-th item of a block list under it); 1 if not found. */
function keyLine(lines: readonly string[], end: number, path: readonly PropertyKey[]): number {
  const key = path[0];
  if (typeof key !== 'string') return 1;
  const at = lines.findIndex(
    (l, i) => i > 0 && i < end && new RegExp(`^${key.replace(/[-]/gu, '\\-')}\\s*:`, 'u').test(l),
  );
  if (at < 0) return 1;
  const index = path[1];
  if (typeof index === 'number') {
    let item = -1;
    for (let i = at + 1; i < end && /^(\s+|-)/u.test(lines[i] as string); i++) {
      if (/^\s*-\s/u.test(lines[i] as string) && ++item === index) return i + 1;
    }
  }
  return at + 1;
}

/**
 * Parse one article file (pure). `file` is how problems name it; `path` is its path relative to the articles
 * folder (used for `Article.path` and the url).
 */
export function parseArticle(file: string, path: string, text: string, baseUrl?: string): ParsedArticle {
  const problems: ArticleProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });
  const lines = text.split('\n');
  const empty: ParsedArticle = { article: undefined, problems, links: [], anchors: new Set(), idLine: 1 };

  if (!/^---\s*$/u.test(lines[0] ?? '')) {
    report(1, 'missing front matter: the file must start with a --- block');
    return empty;
  }
  const end = lines.findIndex((l, i) => i > 0 && /^---\s*$/u.test(l));
  if (end < 0) {
    report(1, 'front matter is not closed by a --- line');
    return empty;
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter hands the engine the text after the opening ---, so YAML line n is file line n.
    // YAML 1.2 core schema (the `yaml` package): dates stay strings, so `updated` is checked as written
    // (js-yaml would turn 2025-13-45 into a valid date in 2026).
    parsed = matter(text, { engines: { yaml: (s: string) => (parseYaml(s) ?? {}) as object } });
  } catch (error) {
    const pos = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    const reason = ((error as Error).message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/u, '');
    report(typeof pos === 'number' ? pos : 1, `front matter is not valid YAML: ${reason}`);
    return empty;
  }

  const bodyOffset = end + 1;
  const body = parsed.content;
  const links = markdownLinks(body).map((l) => ({ target: l.target, line: l.line + bodyOffset }));
  const anchors = headingAnchors(body);
  const data = (parsed.data ?? {}) as Record<string, unknown>;
  const idLine = keyLine(lines, end, ['id']);
  if (body.trim().length === 0) report(end + 1, 'article body is empty');

  for (const key of FRONT_MATTER_KEYS) {
    if (!(key in data) || data[key] === null) report(1, `missing front-matter key '${key}'`);
  }
  const result = articleFrontMatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) report(keyLine(lines, end, [key]), `unknown front-matter key '${key}'`);
        continue;
      }
      const key = issue.path[0];
      if (typeof key === 'string' && (!(key in data) || data[key] === null)) continue; // reported as missing
      report(keyLine(lines, end, issue.path), issue.message);
    }
    return { article: undefined, problems, links, anchors, idLine };
  }
  const fm = result.data;
  const article: Article = {
    id: fm.id,
    title: fm.title,
    ...(fm.questions !== undefined && fm.questions.length > 0 ? { questions: fm.questions } : {}),
    body: body.trim(),
    tags: fm.tags,
    intents: fm.intents,
    tiers: fm.tiers,
    platforms: fm.platforms,
    language: fm.language,
    updated: fm.updated,
    path,
    url: baseUrl === undefined ? undefined : `${baseUrl.replace(/\/+$/u, '')}/${path}`,
  };
  return { article, problems, links, anchors, idLine };
}
