import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The largest request body a route reads unless it says otherwise (Slack events, forms, the JSON API). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface Route {
  method: string;
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  handler: RouteHandler;
  /** Requests with a larger body are refused with 413 before the handler runs (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answer and close the connection without reading the body. */
function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.once('finish', () => req.socket.destroy());
  sendJson(res, status, body, { connection: 'close' });
}

/**
 * The body limit is enforced before any route code runs, so an unauthenticated request cannot make the desk buffer
 * more than the route's limit: a declared `Content-Length` over it is refused at once (413, connection closed,
 * nothing read), and a body without a length (chunked) is refused with 411 (Slack, GitHub and browsers always send
 * one). Below the limit, Node's parser never delivers more than the declared length.
 */
function bodyRefusal(req: IncomingMessage, limit: number): { status: 411 | 413; body: unknown } | null {
  const length = req.headers['content-length'];
  if (length === undefined) {
    return req.headers['transfer-encoding'] !== undefined
      ? { status: 411, body: { error: 'a request body needs a Content-Length header' } }
      : null;
  }
  const bytes = Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    return { status: 411, body: { error: 'the Content-Length header is not a number' } };
  return bytes > limit
    ? { status: 413, body: { error: `the request body is larger than this route accepts (${limit} bytes)`, limit } }
    : null;
}

/** One HTTP server for everything (health, platform webhooks, dashboard); routes can be added after start. */
export function createHttpServer(onError: (err: unknown, req: IncomingMessage) => void) {
  const routes: Route[] = [];
  const match = (route: Route, method: string, path: string) =>
    (route.method === '*' || route.method === method) &&
    (route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : path === route.path);

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes.find((r) => match(r, req.method ?? 'GET', path));
    if (!route) {
      const known = routes.some((r) => match({ ...r, method: '*' }, 'GET', path));
      const status = known ? 405 : 404;
      const error = { error: known ? 'method not allowed' : 'not found' };
      // No route reads the body: if one was sent, close rather than drain it.
      if (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0)
        refuseBody(req, res, status, error);
      else sendJson(res, status, error);
      return;
    }
    const refusal = bodyRefusal(req, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    if (refusal) {
      refuseBody(req, res, refusal.status, refusal.body);
      return;
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((err: unknown) => {
        onError(err, req);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
  });

  // A client gets 20 s to send its headers and 30 s for the whole request (Node's defaults are 60 s and 300 s).
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;

  return {
    server,
    add(route: Route) {
      routes.push(route);
    },
    listen(port: number, host: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type HttpServer = ReturnType<typeof createHttpServer>;
