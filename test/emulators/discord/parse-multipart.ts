/** One `files[n]` part of a multipart message body, as Discord received it. */
export interface UploadedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  /** The `n` of `files[n]`: the placeholder id that `payload_json.attachments[].id` refers to. */
  placeholder: string;
  /** The part's `Content-Disposition` filename. */
  filename: string;
  /** The part's `Content-Type` (undici's FormData writes `application/octet-stream` when the Blob has no type). */
  contentType: string;
  bytes: Buffer;
}

export type MultipartResult =
  | { ok: true; body: Record<string, unknown> | null; files: UploadedFile[] }
  | { ok: false; code: number; message: string };

const FILE_FIELD = /^files\[(\d{1,20})\]$/;

/**
 * A `multipart/form-data` request body as Discord's REST API reads it (the "Uploading Files" section of the API
 * docs): the JSON body in a `payload_json` field, each file in a `files[n]` field with a Content-Disposition
 * filename, where `n` is the placeholder id `payload_json.attachments[].id` refers to. Parsing is Node's own WHATWG
 * `Response.formData()` (undici's spec-following multipart parser), so no npm parser is needed.
 *
 * Stricter than lenient servers on purpose, so a bot bug shows: a missing boundary or a malformed body, a
 * `payload_json` that is not a JSON object, a `files[n]` without a filename, two parts with the same name, or any
 * other file field is a 400, as Discord answers them.
 */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<MultipartResult> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { ok: false, code: 0, message: '400: Bad Request (malformed multipart/form-data body)' };
  }
  let body: Record<string, unknown> | null = null;
  const files: UploadedFile[] = [];
  const seen = new Set<string>();
  for (const [name, value] of form.entries()) {
    if (seen.has(name)) return invalid(`${name}: appears more than once`);
    seen.add(name);
    if (name === 'payload_json') {
      if (typeof value !== 'string') return invalid('payload_json: must be a form field, not a file');
      try {
        const parsed: unknown = JSON.parse(value);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          return invalid('payload_json: must be a JSON object');
        body = parsed as Record<string, unknown>;
      } catch {
        return { ok: false, code: 50109, message: 'The request body contains invalid JSON.' };
      }
      continue;
    }
    const placeholder = FILE_FIELD.exec(name)?.[1];
    if (placeholder === undefined) return invalid(`${name}: unknown form field (files go in files[n])`);
    if (typeof value === 'string' || !value.name) return invalid(`${name}: a file part needs a filename`);
    files.push({
      field: name,
      placeholder,
      filename: value.name,
      contentType: value.type || 'application/octet-stream',
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { ok: true, body, files };
}

function invalid(detail: string): MultipartResult {
  return { ok: false, code: 50035, message: `Invalid Form Body: ${detail}` };
}
