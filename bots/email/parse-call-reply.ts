/** What a customer's short reply in a ticket's thread asks of the video-call scheduler, when it is only that. */
export type CallReply =
  | { kind: 'call' }
  | { kind: 'pick'; number: number }
  /** Move or cancel a booked call: the one named (CALL-12), or else the ticket's next one. */
  | { kind: 'reschedule'; call: number | null }
  | { kind: 'cancel'; call: number | null };

const POLITE = String.raw`(?:[,\s]+(?:please|pls|thanks?|thank you)[.!]*)?`;
/** "call", "Call!", "yes, call", "call please", "yes please, a call", "yes, a video call please". */
const CALL = new RegExp(
  String.raw`^(?:yes[,.!]?\s+(?:please[,.!]?\s+)?)?(?:a\s+)?(?:video\s+)?call[.!]*${POLITE}$`,
  'i',
);
/** "2", "2.", "#2", "option 2", "number 2", "2 please": a number from 1 to 99, nothing else ("no 2" is not a pick). */
const PICK = new RegExp(String.raw`^(?:(?:option|number|slot)\s*)?#?\s*([1-9][0-9]?)[.)!]*${POLITE}$`, 'i');
/**
 * "cancel", "please cancel the call", "cancel CALL-12", "reschedule", "reschedule the video call please",
 * "move CALL-3", "move the call": the verb, then nothing, "the (video) call", "my call" or a call's key.
 */
const CHANGE = new RegExp(
  String.raw`^(?:please[,\s]+)?(cancel|reschedule|re-schedule|move)(?:\s+(?:(?:the|my|our)\s+)?(?:video\s+)?call(?:\s+(CALL-\d{1,9}))?|\s+(CALL-\d{1,9}))?[.!]*${POLITE}$`,
  'i',
);

/**
 * The answers the desk's mails about video calls ask for: "call" after "Would you like to book a video call? Reply
 * "call"…", the number of one of the offered times, and "reschedule" or "cancel" after a booking. Strict: the whole
 * new text of the reply (quoted history and signature already cut) must be one of these forms, so "call me
 * tomorrow", "I can't make a call", "2 users are affected", "version 2" or "cancel my subscription" stay ordinary
 * messages. Whether a number is a pick (the ticket has an offer) or a change applies (the ticket has an upcoming
 * call) is decided when it is taken; the number's range (1 to the number of times offered) too.
 */
export function parseCallReply(newText: string): CallReply | null {
  const line = newText.trim().replace(/\s+/g, ' ');
  if (line.length > 40) return null;
  if (CALL.test(line)) return { kind: 'call' };
  const change = CHANGE.exec(line);
  if (change) {
    const verb = (change[1] as string).toLowerCase();
    const key = change[2] ?? change[3];
    const call = key ? Number(key.slice('CALL-'.length)) : null;
    return verb === 'cancel' ? { kind: 'cancel', call } : { kind: 'reschedule', call };
  }
  const m = PICK.exec(line);
  return m ? { kind: 'pick', number: Number(m[1]) } : null;
}
