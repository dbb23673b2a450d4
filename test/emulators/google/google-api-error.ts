/** An emulator's answer: a status and a JSON body (none for 204). */
export type GoogleReply = { status: number; body?: unknown };

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google's JSON error body: `{error: {code, message, errors: [{message, domain, reason}], status}}`. */
export const googleApiError = (status: number, message: string, reason: string): GoogleReply => ({
  status,
  body: {
    error: {
      code: status,
      message,
      errors: [{ message, domain: 'global', reason }],
      ...(STATUS_NAMES[status] ? { status: STATUS_NAMES[status] } : {}),
    },
  },
});
