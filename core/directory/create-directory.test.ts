import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../config/support-config.js';
import { createDirectory } from './create-directory.js';

describe('createDirectory: email identities', () => {
  const parsed = parseSupportConfig({
    customers: [
      {
        id: 'acme',
        name: 'Acme',
        tier: 'professional',
        timezone: 'Europe/Berlin',
        email: { addresses: ['CTO@Partner.example'], domains: ['acme.example'] },
      },
      { id: 'partner', name: 'Partner', tier: 'enterprise', email: { domains: ['partner.example'] } },
    ],
    staff: [{ id: 'alice', name: 'Alice', email: 'Alice@Desk.example' }],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const directory = createDirectory(parsed.config);
  const requester = (address: string) => directory.requester('email', { id: address });

  it('maps an exact address before its domain, case-insensitively', () => {
    expect(requester('cto@partner.example').customer?.id).toBe('acme');
    expect(requester('ops@partner.example').customer?.id).toBe('partner');
    expect(requester('Jane@ACME.example')).toMatchObject({ tier: 'professional', timezone: 'Europe/Berlin' });
  });

  it('treats subdomains and unknown senders as community', () => {
    expect(requester('bob@eu.acme.example')).toEqual({ customer: null, tier: 'community', timezone: 'UTC' });
    expect(requester('someone@gmail.example').tier).toBe('community');
  });

  it('knows staff by their mail address', () => {
    expect(directory.staffByIdentity('email', 'alice@desk.example')?.id).toBe('alice');
    expect(directory.staffByIdentity('email', 'mallory@desk.example')).toBeUndefined();
  });
});
