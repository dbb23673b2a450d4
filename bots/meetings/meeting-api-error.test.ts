import { describe, expect, it } from 'vitest';
import { meetingApiError, providerMessage } from './meeting-api-error.js';

describe('meetingApiError', () => {
  it('reads Zoom’s, Google’s and the OAuth servers’ error bodies', () => {
    expect(providerMessage({ code: 3001, message: 'Meeting does not exist: 1.' })).toBe(
      'Meeting does not exist: 1. (code 3001)',
    );
    expect(providerMessage({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' })).toBe(
      'invalid_client Invalid client_id or client_secret',
    );
    expect(providerMessage({ error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } })).toBe(
      'Not Found (NOT_FOUND)',
    );
    expect(providerMessage({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' })).toBe(
      'invalid_grant Invalid JWT Signature.',
    );
    expect(providerMessage('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
    expect(providerMessage(null)).toBe('');
  });

  it('says unavailable for what a retry may fix and refused for the rest', () => {
    const code = (status: number, body: unknown = null) => meetingApiError('zoom', 'x', { status, body }).code;
    expect([500, 502, 503, 504, 408, 429].map((s) => code(s))).toEqual(Array(6).fill('meeting.unavailable'));
    expect([400, 401, 403, 404, 409, 410].map((s) => code(s))).toEqual(Array(6).fill('meeting.refused'));
    expect(code(403, { error: { code: 403, errors: [{ reason: 'userRateLimitExceeded' }] } })).toBe(
      'meeting.unavailable',
    );
    expect(code(403, { error: { code: 403, errors: [{ reason: 'forbidden' }] } })).toBe('meeting.refused');
  });

  it('keeps the text to one short line and masks a secret a provider echoes', () => {
    const err = meetingApiError(
      'zoom',
      'get an access token',
      { status: 400, body: { reason: `bad secret hunter22\r\nX-Injected: 1 ${'a'.repeat(400)}` } },
      ['hunter22'],
    );
    expect(err.message).toMatch(
      /^zoom: could not get an access token: HTTP 400 bad secret \[redacted\] X-Injected: 1 a+…$/,
    );
    expect(err.message).not.toContain('hunter22');
    expect(err.message.length).toBeLessThan(400);
  });
});
