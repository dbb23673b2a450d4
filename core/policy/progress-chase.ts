/** Asking how the existing problem is going, rather than reporting a new one. */
const PROGRESS_QUESTION =
  /\b(any|an|some)\s+(update|updates|news|progress|eta)\b|\beta\b|\bstatus\s+update\b|\bwhen\s+(will|can)\s+(this|it|that)\s+be\b|\bstill\s+waiting\b/i;
/** Referring back to the problem already reported ("still fails", "still broken"). */
const STILL_FAILING =
  /\bstill\s+(fail\w*|broken|not\s+work\w*|(does|do)\s+not\s+work|(doesn|don)'?t\s+work|happen\w*|seeing|getting|an?\s+(issue|problem)|the\s+same)\b/i;
/** The same problem back ("it is happening again", "broken again since this morning"). */
const AGAIN = /\b(happen\w*|fail\w*|broken|back|same\s+(issue|problem|error))\s+again\b/i;
/** Words of a fresh outage, security issue or data loss: these always count. */
const INCIDENT_WORDS =
  /\b(down|outage|offline|unreachable|unavailable|5\d\d|5xx|breach\w*|leak\w*|exposed|vulnerab\w*|data\s+loss|lost\s+(all\s+)?(data|records|files)|deleted|wiped|corrupt\w*)\b/i;

/**
 * Whether a follow-up only chases the ticket's progress ("Any update on this? It still fails."). The classifier reads
 * "fails" in such a chase as an outage often enough (0.83 on that sentence with the shipped model) that raising the
 * ticket to critical on it would page on-call and executives for a status question. A chase that names an incident
 * ("still down", "the API returns 503 again") is not a chase: it may raise the ticket.
 */
export function isProgressChase(text: string): boolean {
  if (INCIDENT_WORDS.test(text)) return false;
  return PROGRESS_QUESTION.test(text) || STILL_FAILING.test(text) || AGAIN.test(text);
}
