import { htmlToText } from 'html-to-text';

/** html-to-text stops descending past this depth (mailparser uses the same bound against nesting bombs). */
const MAX_DEPTH = 1_000;

/**
 * A mail's HTML body as readable plain text, for mail that has no text part: paragraphs and line breaks kept, no
 * hard wrapping (a paragraph stays one line), data tables laid out as columns, links as `text [url]` (the URL
 * alone when it is the text), images dropped, quoted history (`<blockquote>`) prefixed with `> ` so the reply
 * stripper sees it as quoted.
 */
export function emailHtmlToText(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    limits: { maxDepth: MAX_DEPTH },
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 60 } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  })
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}
