import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat, createLogger } from './logger.js';

const capture = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
};

describe('createLogger', () => {
  it('LOG_FORMAT decides; unset, a terminal gets pretty lines and anything else JSON', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat(undefined, undefined)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });

  it('json: one object a line, epoch time, secrets redacted', () => {
    const out = capture();
    createLogger('info', { format: 'json', destination: out.stream }).info(
      { port: 3000, token: 'xoxb-secret' },
      'listening',
    );
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'listening', port: 3000, token: '[redacted]' });
    expect(typeof line.time).toBe('number');
  });

  it('pretty: readable time and level, the message, fields below, errors and stacks on real lines, secrets redacted, written at once', () => {
    const out = capture();
    const log = createLogger('info', { format: 'pretty', destination: out.stream });
    log.error(
      {
        err: 'connect ECONNREFUSED',
        stack: 'Error: connect ECONNREFUSED\n    at connect (net.js:1:1)',
        secret: 's3cret',
      },
      'request failed',
    );
    const text = out.text(); // sync: already written when the call returns
    expect(text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] ERROR: request failed\n/);
    expect(text).toContain('\n    stack: Error: connect ECONNREFUSED\n');
    expect(text).toMatch(/\n\s+at connect \(net\.js:1:1\)\n/);
    expect(text).not.toContain('\\n');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('\u001b['); // no colours when the destination is not a terminal
    expect(text).not.toMatch(/"level"|"time"/);
  });
});
