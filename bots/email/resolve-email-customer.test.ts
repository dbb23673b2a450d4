import { describe, expect, it } from 'vitest';
import { resolveEmailCustomer } from './resolve-email-customer.js';

const customers = [
  { id: 'acme', email: { addresses: [], domains: ['acme.example'] } },
  { id: 'partner', email: { addresses: ['cto@acme.example'], domains: ['partner.example'] } },
];

describe('resolveEmailCustomer', () => {
  it('prefers an exact address over a domain, whatever the case', () => {
    expect(resolveEmailCustomer('CTO@Acme.example', customers)).toBe('partner');
    expect(resolveEmailCustomer('jane@acme.example', customers)).toBe('acme');
    expect(resolveEmailCustomer('bob@partner.example', customers)).toBe('partner');
  });

  it('matches the domain exactly: no subdomains, no look-alikes', () => {
    expect(resolveEmailCustomer('jane@eu.acme.example', customers)).toBeUndefined();
    expect(resolveEmailCustomer('jane@notacme.example', customers)).toBeUndefined();
    expect(resolveEmailCustomer('jane@acme.example.evil.example', customers)).toBeUndefined();
  });

  it('returns undefined (community) for strangers and for things that are not addresses', () => {
    expect(resolveEmailCustomer('someone@gmail.example', customers)).toBeUndefined();
    expect(resolveEmailCustomer('', customers)).toBeUndefined();
    expect(resolveEmailCustomer('acme.example', customers)).toBeUndefined();
    expect(resolveEmailCustomer('@acme.example', customers)).toBeUndefined();
  });
});
