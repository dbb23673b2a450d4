import type { IncomingMessage, ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** The slice of the desk's HTTP server the web adapter needs (`runtime/http-server.ts` satisfies it). */
export interface RouteTarget {
  add(route: { method: string; path: string; handler: Handler; maxBodyBytes?: number }): void;
}

export function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

export const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

/** An HTML page: no outside resources, forms post only here, never framed. */
export const html = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  send(res, status, 'text/html; charset=utf-8', body, {
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'",
    ...headers,
  });

/** 303 See Other: after a form post, the browser GETs the page (a reload does not post again). */
export const redirect = (res: ServerResponse, location: string, headers: Record<string, string> = {}) =>
  send(res, 303, 'text/plain; charset=utf-8', `See ${location}`, { location, ...headers });

/** The body as text, refusing more than `max` bytes (the server's route limit usually refused it already). */
export function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(Object.assign(new Error('body too large'), { code: 'body.too-large' }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export const query = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').searchParams;

/** A form post another site started (browsers send Sec-Fetch-Site); the SameSite=Strict cookie is the main guard. */
export const crossSite = (req: IncomingMessage) =>
  ['cross-site', 'same-site'].includes(String(req.headers['sec-fetch-site'] ?? ''));
