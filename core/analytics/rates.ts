/** `part / whole`, or null when there is nothing to divide (never NaN, never a fake 0%). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * SLA compliance = clocks hit / (clocks hit + clocks missed). A clock is hit when the first response came at or
 * before its due time, missed when it came later or is still missing after the due time; clocks still running
 * (not yet due, no response) and tickets without a target are not counted.
 */
export function slaCompliance(hit: number, missed: number): number | null {
  return ratio(hit, hit + missed);
}

/** First-contact resolution = resolved tickets with exactly one staff reply / resolved tickets. */
export function fcrRate(resolvedWithOneStaffReply: number, resolved: number): number | null {
  return ratio(resolvedWithOneStaffReply, resolved);
}

/** Escalation rate = escalated tickets / tickets opened in the period. */
export function escalationRate(escalated: number, tickets: number): number | null {
  return ratio(escalated, tickets);
}

/** Reopen rate = tickets reopened at least once / tickets resolved at least once. */
export function reopenRate(reopened: number, everResolved: number): number | null {
  return ratio(reopened, everResolved);
}
