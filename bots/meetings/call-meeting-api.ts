import { SupportError } from '../../core/index.js';

export interface MeetingApiRequest {
  /** Who is called, for the error text: `zoom`, `google-meet`. */
  provider: string;
  /** What the desk was doing, for the error text: `create meeting`, `get token`. */
  action: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string> | undefined;
  /** A JSON body (sent as application/json) or a form (URLSearchParams). */
  body?: unknown;
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface MeetingApiResponse {
  status: number;
  /** The parsed JSON answer, the text when it is not JSON, null when empty. */
  body: unknown;
}

function describe(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timed out';
  // fetch says only `fetch failed`; undici's cause says why (`connect ECONNREFUSED 127.0.0.1:443`, `other side closed`).
  const cause = err instanceof Error ? (err.cause as { message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.message === 'string' && cause.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * One HTTP call to a meeting provider's API with Node's fetch, aborted after `timeoutMs` (the body included: undici
 * waits 300 s by default). Any status comes back as a value, so the caller decides what a 401 or a 404 means; a network
 * error or a timeout is a `meeting.unavailable` SupportError whose text names the provider and the action, never the
 * request's headers or body (where the credentials are).
 */
export async function callMeetingApi(request: MeetingApiRequest): Promise<MeetingApiResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.body instanceof URLSearchParams) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = request.body.toString();
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  try {
    const response = await request.fetch(request.url, {
      method: request.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text === '' ? null : text;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON (a proxy's HTML error page): keep the text for the error message.
      }
    }
    return { status: response.status, body: parsed };
  } catch (err) {
    throw new SupportError(
      'meeting.unavailable',
      `${request.provider}: could not ${request.action}: ${describe(err)}`,
      // The cause keeps the stack for the logs; undici's errors carry no request headers.
      { cause: err },
    );
  }
}
