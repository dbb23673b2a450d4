/** What a customer's short reply in a ticket's thread asks of the video-call scheduler, when it is only that. */
export type CallReply = { kind: 'call' } | { kind: 'pick'; number: number };

const POLITE = String.raw`(?:[,\s]+(?:please|pls|thanks?|thank you)[.!]*)?`;
/** "call", "Call!", "yes, call", "call please", "yes please, a call", "yes, a video call please". */
const CALL = new RegExp(
  String.raw`^(?:yes[,.!]?\s+(?:please[,.!]?\s+)?)?(?:a\s+)?(?:video\s+)?call[.!]*${POLITE}$`,
  'i',
);
/** "2", "2.", "#2", "option 2", "number 2", "2 please": a number from 1 to 99, nothing else ("no 2" is not a pick). */
const PICK = new RegExp(String.raw`^(?:(?:option|number|slot)\s*)?#?\s*([1-9][0-9]?)[.)!]*${POLITE}$`, 'i');

/**
 * The answers the desk's mails about video calls ask for: "call" after "Would you like to book a video call? Reply
 * "call"…", and the number of one of the offered times. Strict: the whole new text of the reply (quoted history and
 * signature already cut) must be one of these forms, so "call me tomorrow", "I can't make a call", "2 users are
 * affected" or "version 2" stay ordinary messages. Whether a number is a pick (the ticket has an offer) is decided by
 * the scheduler; the number's range (1 to the number of times offered) too.
 */
export function parseCallReply(newText: string): CallReply | null {
  const line = newText.trim().replace(/\s+/g, ' ');
  if (line.length > 40) return null;
  if (CALL.test(line)) return { kind: 'call' };
  const m = PICK.exec(line);
  return m ? { kind: 'pick', number: Number(m[1]) } : null;
}
