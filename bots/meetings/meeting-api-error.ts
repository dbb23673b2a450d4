import { SupportError } from '../../core/index.js';
import type { MeetingApiResponse } from './call-meeting-api.js';

const MAX_MESSAGE = 300;

/** Google answers a quota or rate limit as a 403 with one of these reasons: a later retry helps. */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

type ErrorBody = {
  /** Zoom's API: `{code, message}`; Zoom's OAuth: `{reason, error}`. */
  code?: unknown;
  message?: unknown;
  reason?: unknown;
  /** Google's API: `{error: {code, message, status, errors: [{reason}]}}`; OAuth: `{error, error_description}`. */
  error?: unknown;
  error_description?: unknown;
};

/** The provider's own words for a failed call, in one short line. */
export function providerMessage(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!body || typeof body !== 'object') return '';
  const b = body as ErrorBody;
  const parts: string[] = [];
  if (b.error && typeof b.error === 'object') {
    const e = b.error as { message?: unknown; status?: unknown };
    if (typeof e.message === 'string') parts.push(e.message);
    if (typeof e.status === 'string') parts.push(`(${e.status})`);
  } else {
    if (typeof b.error === 'string') parts.push(b.error);
    if (typeof b.error_description === 'string') parts.push(b.error_description);
    if (typeof b.reason === 'string') parts.push(b.reason);
    if (typeof b.message === 'string') parts.push(b.message);
    if (typeof b.code === 'number' || typeof b.code === 'string') parts.push(`(code ${b.code})`);
  }
  return parts.join(' ');
}

function rateLimited(body: unknown): boolean {
  const errors = (body as { error?: { errors?: { reason?: unknown }[] } } | null)?.error?.errors;
  return Array.isArray(errors) && errors.some((e) => typeof e?.reason === 'string' && RATE_LIMIT_REASONS.has(e.reason));
}

/**
 * A provider's failed answer as a SupportError: `meeting.unavailable` for what a later retry may fix (5xx, 408, 429,
 * Google's rate-limit 403s), `meeting.refused` for the rest of the 4xx (credentials, a bad request, a missing host).
 * The text carries the provider's message, with every secret in `secrets` masked in case a provider echoes one.
 */
export function meetingApiError(
  provider: string,
  action: string,
  response: MeetingApiResponse,
  secrets: readonly string[] = [],
): SupportError {
  const { status, body } = response;
  const transient = status >= 500 || status === 408 || status === 429 || (status === 403 && rateLimited(body));
  let said = providerMessage(body)
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
  for (const secret of secrets) if (secret.length >= 4) said = said.split(secret).join('[redacted]');
  if (said.length > MAX_MESSAGE) said = `${said.slice(0, MAX_MESSAGE)}…`;
  return new SupportError(
    transient ? 'meeting.unavailable' : 'meeting.refused',
    `${provider}: could not ${action}: HTTP ${status}${said ? ` ${said}` : ''}`,
  );
}
