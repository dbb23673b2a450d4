import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  method: string;
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  handler: RouteHandler;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One HTTP server for everything (health, platform webhooks, dashboard); routes can be added after start. */
export function createHttpServer(onError: (err: unknown, req: IncomingMessage) => void) {
  const routes: Route[] = [];
  const match = (route: Route, method: string, path: string) =>
    (route.method === '*' || route.method === method) && (route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : path === route.path);

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes.find((r) => match(r, req.method ?? 'GET', path));
    if (!route) {
      const known = routes.some((r) => match({ ...r, method: '*' }, 'GET', path));
      sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
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
