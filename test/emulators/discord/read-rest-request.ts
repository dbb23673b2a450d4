import type { IncomingMessage } from 'node:http';
import { parseMultipart } from './parse-multipart.js';
import type { UploadedFile } from './parse-multipart.js';
import type { Reply } from './rest-reply.js';
import { error } from './rest-reply.js';

export interface RestRequest {
  /** The JSON body, or `payload_json` of a multipart body; null when there is none (or it is not JSON). */
  body: Record<string, unknown> | null;
  /** The `files[n]` parts of a multipart body, in order; undefined for any other body. */
  files: UploadedFile[] | undefined;
  /** Set when the body is a multipart body Discord would refuse. */
  refused?: Reply;
}

/**
 * Read a REST request's body as bytes and decode it by its Content-Type: `multipart/form-data` (how discord.js
 * sends a message with files) through `parseMultipart`, anything else as JSON.
 */
export async function readRestRequest(req: IncomingMessage): Promise<RestRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = req.headers['content-type'] ?? '';
  if (/^multipart\/form-data\b/i.test(contentType)) {
    const parsed = await parseMultipart(raw, contentType);
    if (!parsed.ok) return { body: null, files: [], refused: error(400, parsed.code, parsed.message) };
    return { body: parsed.body, files: parsed.files };
  }
  let body: Record<string, unknown> | null = null;
  try {
    body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  return { body, files: undefined };
}
