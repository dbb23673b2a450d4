/** Settings of `issueText`. */
export interface IssueTextOptions {
  /** How many times the title is repeated before the body: the title is the densest signal of an issue's type. */
  titleRepeat?: number;
  /** Body characters kept after clean-up (long logs add noise and cost). */
  maxBodyChars?: number;
}

const FENCED_CODE = /```[\s\S]*?(?:```|$)/g;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const URL = /\bhttps?:\/\/\S+/g;
const INLINE_CODE = /`[^`\n]*`/g;
const IMAGE = /!\[[^\]]*\]\([^)]*\)/g;

/**
 * The text the classifier sees for a GitHub issue: the title (repeated), then the body with template comments
 * removed and code, links and images replaced by marker words, so "there is a stack trace" is a feature but the
 * trace's identifiers are not. Used by the GitHub adapter and by the issue evaluation alike.
 */
export function issueText(title: string, body: string, options: IssueTextOptions = {}): string {
  const repeat = options.titleRepeat ?? 2;
  const maxBodyChars = options.maxBodyChars ?? 1000;
  const cleaned = body
    .replace(HTML_COMMENT, ' ')
    .replace(FENCED_CODE, ' codeblock ')
    .replace(IMAGE, ' screenshot ')
    .replace(URL, ' link ')
    .replace(INLINE_CODE, ' inlinecode ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxBodyChars);
  return [...Array.from({ length: repeat }, () => title), cleaned].join('\n');
}
