import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CHANNEL_ID } from './discord-fixtures.js';
import { startDiscordEmulator } from './discord-emulator.js';
import type { DiscordEmulator } from './discord-emulator.js';
import { sanitizeFilename } from './message-attachments.js';
import { parseMultipart } from './parse-multipart.js';

/** A multipart body as undici's FormData writes it (what discord.js sends), with its Content-Type. */
async function encode(form: FormData): Promise<{ raw: Buffer; contentType: string }> {
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return {
    raw: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

function rawMultipart(parts: string[], boundary = 'b0undary'): { raw: Buffer; contentType: string } {
  const body = `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
  return { raw: Buffer.from(body, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('parseMultipart (payload_json + files[n], as Discord reads them)', () => {
  it('reads payload_json and each files[n] with its filename, type and exact bytes', async () => {
    const form = new FormData();
    const bytes = Buffer.from([0, 255, 13, 10, 0xe2, 0x80, 0x94]);
    form.append('files[0]', new Blob([bytes], { type: 'text/calendar' }), 'a.ics');
    form.append('payload_json', JSON.stringify({ content: 'hi', attachments: [{ id: '0' }] }));
    const { raw, contentType } = await encode(form);
    const parsed = await parseMultipart(raw, contentType);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.body).toEqual({ content: 'hi', attachments: [{ id: '0' }] });
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]).toMatchObject({ field: 'files[0]', placeholder: '0', filename: 'a.ics' });
    expect(parsed.files[0]!.contentType).toBe('text/calendar');
    expect(parsed.files[0]!.bytes.equals(bytes)).toBe(true);
  });

  it.each([
    ['invalid payload_json', [`Content-Disposition: form-data; name="payload_json"\r\n\r\n{nope`], 50109],
    ['payload_json that is an array', [`Content-Disposition: form-data; name="payload_json"\r\n\r\n[1]`], 50035],
    ['a file part without a filename', [`Content-Disposition: form-data; name="files[0]"\r\n\r\nx`], 50035],
    ['a file in another field', [`Content-Disposition: form-data; name="file"; filename="a.ics"\r\n\r\nx`], 50035],
    [
      'the same files[n] twice',
      [0, 1].map(() => `Content-Disposition: form-data; name="files[0]"; filename="a.ics"\r\n\r\nx`),
      50035,
    ],
  ])('refuses %s', async (_name, parts, code) => {
    const { raw, contentType } = rawMultipart(parts as string[]);
    expect(await parseMultipart(raw, contentType)).toMatchObject({ ok: false, code });
  });

  it('refuses a body that is not multipart at all under a multipart Content-Type', async () => {
    const parsed = await parseMultipart(Buffer.from('{"content":"hi"}'), 'multipart/form-data; boundary=zz');
    expect(parsed).toMatchObject({ ok: false, code: 0 });
  });

  it('sanitizes filenames as Discord does, keeping letters, digits, dot, underscore and dash', () => {
    expect(sanitizeFilename('Call with Acme (SUP-7).ics')).toBe('Call_with_Acme_SUP-7.ics');
    expect(sanitizeFilename('invite.ics')).toBe('invite.ics');
  });
});

describe('the emulator refuses uploads Discord refuses (raw REST, Bot token)', () => {
  let discord: DiscordEmulator;
  beforeAll(async () => {
    discord = await startDiscordEmulator();
  });
  afterAll(async () => {
    await discord?.close();
  });
  const post = (body: FormData | string) =>
    fetch(`${discord.url}/v10/channels/${HELP_CHANNEL_ID}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bot ${discord.token}`,
        ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
      },
      body,
    });
  const form = (payload: unknown, files: number) => {
    const f = new FormData();
    for (let i = 0; i < files; i++) f.append(`files[${i}]`, new Blob(['x']), `f${i}.txt`);
    f.append('payload_json', JSON.stringify(payload));
    return f;
  };

  it('accepts files with no text, and keeps the original name in title when it sanitizes the filename', async () => {
    const f = new FormData();
    f.append('files[0]', new Blob(['BEGIN:VCALENDAR'], { type: 'text/calendar' }), 'My call.ics');
    f.append('payload_json', JSON.stringify({ attachments: [{ id: '0', description: 'invite' }] }));
    const res = await post(f);
    expect(res.status).toBe(200);
    const message = (await res.json()) as { attachments: Array<Record<string, unknown>> };
    expect(message.attachments).toEqual([
      expect.objectContaining({ filename: 'My_call.ics', title: 'My call.ics', description: 'invite', size: 15 }),
    ]);
  });

  it.each([
    ['an empty message', () => JSON.stringify({ content: '' }), 400, 50006],
    ['more than 10 files', () => form({ content: 'x' }, 11), 400, 50035],
    [
      'an attachments entry naming no uploaded file',
      () => form({ content: 'x', attachments: [{ id: '3' }] }, 1),
      400,
      50035,
    ],
  ])('refuses %s', async (_name, body, status, code) => {
    const res = await post(body());
    expect(res.status).toBe(status);
    expect(((await res.json()) as { code: number }).code).toBe(code);
  });

  it('refuses a file over 10 MiB with 413', async () => {
    const f = new FormData();
    f.append('files[0]', new Blob([Buffer.alloc(10 * 1024 * 1024 + 1)]), 'big.bin');
    f.append('payload_json', JSON.stringify({ content: 'x' }));
    const res = await post(f);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: number }).code).toBe(40005);
  });
});
