import { describe, expect, it } from 'vitest';
import { emailMessageId } from './email-message-id.js';

describe('emailMessageId', () => {
  it('is stable for one seed (a retried outbox item), distinct across seeds, at the desk domain', () => {
    const id = emailMessageId('outbox:email:ack:42', 'Desk.example');
    expect(id).toMatch(/^[0-9a-f]{32}@desk\.example$/);
    expect(emailMessageId('outbox:email:ack:42', 'desk.example')).toBe(id);
    expect(emailMessageId('outbox:email:ack:43', 'desk.example')).not.toBe(id);
  });

  it('refuses an empty seed or something that is not a domain', () => {
    expect(() => emailMessageId('', 'desk.example')).toThrow(/seed/);
    expect(() => emailMessageId('k', 'support@desk.example')).toThrow(/domain/);
    expect(() => emailMessageId('k', 'localhost')).toThrow(/domain/);
  });
});
