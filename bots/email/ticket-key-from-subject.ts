/** `[SUP-42]`: the ticket key as the desk writes it into the subjects of its mail (`prefix`: 2-6 capital letters). */
export function ticketKeyPattern(prefix: string): RegExp {
  if (!/^[A-Z]{2,6}$/.test(prefix)) throw new Error(`ticket prefix must be 2-6 capital letters, got "${prefix}"`);
  return new RegExp(`\\[\\s*(${prefix}-[1-9]\\d{0,9})\\s*\\]`, 'i');
}

/**
 * The ticket key in a mail subject (`Re: [SUP-42] Login fails` → `SUP-42`), upper-cased, or null. Only the bracketed
 * form counts: a bare `SUP-42` in a subject may be the customer's own tracker. `prefix` is the desk's ticket prefix
 * (config `desk.ticketPrefix`).
 */
export function ticketKeyFromSubject(subject: string, prefix = 'SUP'): string | null {
  return subject.match(ticketKeyPattern(prefix))?.[1]?.toUpperCase() ?? null;
}
