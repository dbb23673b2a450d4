/** What a customer's short reply asks of the desk, when it is only that. */
export type MailCommand = { kind: 'solved' } | { kind: 'rating'; csat: number; nps: number | null };

const SOLVED =
  /^(?:(?:it'?s|it is|this is|that)\s+)?(?:solved|resolved|fixed|works now|working now|that (?:fixed|solved) it)[.!]*(?:,?\s*(?:thanks?|thank you)[.!]*)?$/i;
const RATING =
  /^(?:csat\s*[:=]?\s*)?([1-5])(?:\s*(?:\/\s*5)?\s*(?:,|and|&|\s)\s*(?:nps\s*[:=]?\s*)?(10|[0-9])(?:\s*\/\s*10)?)?[.!]*$/i;

/**
 * A reply that is only "solved" (the customer closes the ticket the acknowledgement answered), or only a rating
 * answering the survey mail ("5", "4 and 9", "CSAT 4, NPS 8"): anything longer is an ordinary message.
 */
export function parseMailCommand(newText: string): MailCommand | null {
  const line = newText.trim().replace(/\s+/g, ' ');
  if (line.length > 60) return null;
  if (SOLVED.test(line)) return { kind: 'solved' };
  const m = RATING.exec(line);
  if (m) return { kind: 'rating', csat: Number(m[1]), nps: m[2] === undefined ? null : Number(m[2]) };
  return null;
}
