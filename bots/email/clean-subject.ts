import { ticketKeyPattern } from './ticket-key-from-subject.js';

/**
 * Reply and forward markers mail clients put in front of a subject, in the languages they ship (`Re:`, `RE :`,
 * `Re[2]:`, `Fwd:`, `FW:`, German `AW:`/`WG:`, Nordic `SV:`/`VS:`, Dutch `Antw:`, Spanish `RV:`, Portuguese `Enc:`,
 * French `TR:`, Chinese `回复:`/`转发:`), with ASCII or full-width colons.
 */
const MARKER =
  /^\s*(?:re|fwd?|fw|aw|wg|sv|vs|antw|odp|rv|enc|tr|回复|回覆|答复|转发|轉寄)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/i;

/**
 * A subject without reply/forward markers and without the desk's ticket key: `RE: Re: [SUP-42] Login fails` →
 * `Login fails`. What a thread and a new ticket are titled.
 */
export function cleanSubject(subject: string, prefix = 'SUP'): string {
  const key = new RegExp(ticketKeyPattern(prefix).source, 'gi');
  let s = subject.replace(/[\r\n\t]+/g, ' ').replace(key, ' ');
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s.replace(MARKER, '');
  }
  return s.replace(/\s{2,}/g, ' ').trim();
}
