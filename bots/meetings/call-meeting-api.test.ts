import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMeetingApi } from './call-meeting-api.js';

let url = '';
const seen: { method: string | undefined; type: string | undefined; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c.toString();
  });
  req.on('end', () => {
    seen.push({ method: req.method, type: req.headers['content-type'], body });
    if (req.url === '/json') res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}');
    else if (req.url === '/html') res.writeHead(502).end('<html>Bad gateway</html>');
    else if (req.url === '/empty') res.writeHead(204).end();
    // /hang: never answers
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const base = { provider: 'zoom', action: 'do it', timeoutMs: 2000, fetch };

describe('callMeetingApi', () => {
  it('sends JSON or a form and answers any status as a value', async () => {
    expect(await callMeetingApi({ ...base, method: 'POST', url: `${url}/json`, body: { a: 1 } })).toEqual({
      status: 201,
      body: { id: 1 },
    });
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/json', body: '{"a":1}' });
    await callMeetingApi({ ...base, method: 'POST', url: `${url}/json`, body: new URLSearchParams({ a: 'b c' }) });
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/x-www-form-urlencoded', body: 'a=b+c' });
    expect(await callMeetingApi({ ...base, method: 'GET', url: `${url}/html` })).toEqual({
      status: 502,
      body: '<html>Bad gateway</html>',
    });
    expect(await callMeetingApi({ ...base, method: 'DELETE', url: `${url}/empty` })).toEqual({
      status: 204,
      body: null,
    });
  });

  it('turns a timeout into meeting.unavailable, without the headers in the text', async () => {
    const err = await callMeetingApi({
      ...base,
      timeoutMs: 100,
      method: 'GET',
      url: `${url}/hang`,
      headers: { authorization: 'Bearer top-secret' },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'meeting.unavailable', message: 'zoom: could not do it: timed out' });
  });
});
