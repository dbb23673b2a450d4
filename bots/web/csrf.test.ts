import { describe, expect, it } from 'vitest';
import { csrfToken, validCsrf } from './csrf.js';

describe('csrf tokens', () => {
  const cookie = 'a'.repeat(43);
  it('accepts the token of the same session only', () => {
    expect(validCsrf(cookie, csrfToken(cookie))).toBe(true);
    expect(validCsrf('b'.repeat(43), csrfToken(cookie))).toBe(false);
  });
  it('refuses a missing, truncated or altered token', () => {
    const t = csrfToken(cookie);
    expect(validCsrf(cookie, null)).toBe(false);
    expect(validCsrf(cookie, '')).toBe(false);
    expect(validCsrf(cookie, t.slice(1))).toBe(false);
    expect(validCsrf(cookie, `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });
});
