import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkArticles, type ArticleSet } from './check-articles.js';

export interface LoadArticlesOptions {
  /** Base of `Article.url` (`${baseUrl}/${file name}`); without it, urls are undefined. */
  baseUrl?: string | undefined;
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

/**
 * Read every `.md` file under `dir` (recursively) and validate it with `checkArticles`. Problems name files as
 * `join(dir, relative path)`, so a relative `dir` gives paths relative to the working directory.
 */
export function loadArticles(dir: string, options: LoadArticlesOptions = {}): ArticleSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { articles: [], problems: [{ file: dir, line: 1, message: 'articles folder not found' }] };
  }
  const sources = markdownFiles(dir).map((file) => ({
    file,
    path: relative(dir, file).split(sep).join('/'),
    text: readFileSync(file, 'utf8'),
  }));
  return checkArticles(sources, {
    baseUrl: options.baseUrl,
    exists: (path) => existsSync(join(dir, path)),
  });
}
