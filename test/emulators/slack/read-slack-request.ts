import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { WebApiArgs } from './answer-web-api-call.js';
import { UPLOAD_PATH } from './slack-files.js';

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** Form fields as the WebClient sends them; JSON-stringified non-scalars (blocks…) are parsed back. */
function parseArgs(raw: string, contentType: string | undefined): WebApiArgs {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as WebApiArgs;
  const form = parseQuery(raw);
  return Object.fromEntries(
    Object.entries(form).map(([k, v]) => {
      const value = Array.isArray(v) ? v[0] : v;
      if (typeof value === 'string' && /^[[{]/.test(value)) {
        try {
          return [k, JSON.parse(value) as unknown];
        } catch {
          return [k, value];
        }
      }
      return [k, value];
    }),
  );
}

/**
 * A request to the emulator, named as calls are recorded: the Web API method of `/api/<method>`, `response_url` for
 * `/response/<id>`, `upload_url` for a file's bytes on `/upload/v1/<file id>` (args: `file_id`, the body's `bytes`
 * and `content_type`), else the path; the raw body is kept for the upload.
 */
export async function readSlackRequest(req: IncomingMessage) {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const raw = await readBody(req);
  const method = path.startsWith('/api/')
    ? path.slice('/api/'.length)
    : path.startsWith('/response/')
      ? 'response_url'
      : path.startsWith(UPLOAD_PATH)
        ? 'upload_url'
        : path;
  const args: WebApiArgs =
    method === 'upload_url'
      ? {
          file_id: path.slice(UPLOAD_PATH.length),
          bytes: raw.length,
          content_type: req.headers['content-type'] ?? null,
        }
      : parseArgs(raw.toString('utf8'), req.headers['content-type']);
  return { path, method, raw, args };
}
