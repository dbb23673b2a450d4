import { DeliveryError } from '../../core/index.js';

interface NodemailerError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** Nodemailer error codes a retry cannot fix (no valid recipient, a message the relay cannot take, bad credentials). */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH']);

/**
 * The one place SMTP send failures become delivery errors: a 5xx reply from the relay (and the errors above) is
 * permanent, and the outbox keeps the mail as dead; a 4xx reply, a refused or dropped connection or a timeout is
 * retried with the outbox's backoff, so a relay that is down gets the mail once it is back.
 */
export function deliveryErrorFromEmail(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as NodemailerError;
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  const code = typeof e.code === 'string' ? e.code : null;
  const detail = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(err);
  const permanent =
    (status !== null && status >= 500) || (status === null && code !== null && PERMANENT_CODES.has(code));
  return new DeliveryError(`smtp ${status ?? code ?? 'error'}: ${detail}`, { permanent, cause: err });
}
