import EmailReplyParser from 'email-reply-parser';

/** `-----Original Message-----` (Outlook plain text) and its German and French forms. */
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine)\s*-{2,}\s*$/i;
/** The separator Outlook on the web / new Outlook puts above the quoted header block. */
const UNDERSCORES = /^\s*_{20,}\s*$/;
const HEADER_FROM = /^\s*\*?(from|von|de):\*?\s+\S/i;
const HEADER_SENT = /^\s*\*?(sent|date|gesendet|datum|envoyé|envoye):\*?\s+\S/i;
const ON_WROTE = /^\s*On\s.{4,300}\swrote:\s*$/;
const FORWARDED = /forwarded message|weitergeleitete nachricht|message transféré/i;

/** Index of the first line that opens quoted history the parser library does not recognise, or -1. */
function quoteStart(lines: readonly string[]): number {
  return lines.findIndex((line, i) => {
    const next = lines[i + 1] ?? '';
    if (ORIGINAL_MESSAGE.test(line)) return true;
    if (UNDERSCORES.test(line)) return HEADER_FROM.test(next) || HEADER_FROM.test(lines[i + 2] ?? '');
    if (ON_WROTE.test(line)) return true;
    // "On Thu, 3 Dec 2026 at 10:12, A Long Name <a@b.example>\nwrote:" (the client wrapped the attribution).
    if (/^\s*On\s/.test(line) && /^\s*\S.{0,120}\swrote:\s*$|^\s*wrote:\s*$/.test(next) && !/[.?!]\s*$/.test(line))
      return true;
    // An Outlook header block (From:/Sent:) not under a forward marker: a forward's content is the customer's.
    if (HEADER_FROM.test(line) && HEADER_SENT.test(next))
      return !lines.slice(Math.max(0, i - 2), i).some((l) => FORWARDED.test(l));
    return false;
  });
}

/** Per line, not with a `/[ \t]+$/gm` regex: that one is quadratic on a long run of spaces. */
const tidy = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

/**
 * email-reply-parser's regexes are quadratic in line length on some inputs (a 100,000-character line starting with
 * "On " takes seconds), so past these sizes only the linear cut above is applied.
 */
const PARSER_MAX_CHARS = 100_000;
const PARSER_MAX_LINE = 4_000;

/**
 * The new part of a mail reply: quoted history (`> …`, `On … wrote:`, Outlook's `-----Original Message-----` and
 * `From:/Sent:` blocks) and the signature (`-- `, "Sent from my iPhone", "Kind regards…") removed, using
 * email-reply-parser plus the Outlook and wrapped-attribution forms it misses. A forwarded message
 * (`---------- Forwarded message ---------`) is kept. When stripping would leave nothing (a bottom-posted reply the
 * parser cannot split, a mail that is only a signature) the whole text is returned, trimmed. Very long text (over
 * 100,000 characters or a line over 4,000) is only cut at the quote markers, without the library.
 */
export function extractNewText(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\uFEFF/g, '');
  if (!normalized.trim()) return '';
  const lines = normalized.split('\n');
  const cut = quoteStart(lines);
  const head = cut > 0 ? lines.slice(0, cut).join('\n') : '';
  const source = head.trim() ? head : normalized;
  const parsable = source.length <= PARSER_MAX_CHARS && source.split('\n').every((l) => l.length <= PARSER_MAX_LINE);
  const visible = parsable ? tidy(new EmailReplyParser().read(source).getVisibleText()) : '';
  return visible || tidy(head) || normalized.trim();
}
