import { describe, expect, it } from 'vitest';
import { filtersQueryString, parseTicketFilters, toSearchQuery } from './parse-ticket-filters.js';

const parse = (qs: string) => parseTicketFilters(new URLSearchParams(qs));

describe('ticket list filters', () => {
  it('shows open and pending tickets by default, everything with status=all', () => {
    expect(parse('').statuses).toEqual(['open', 'pending']);
    expect(parse('status=all').statuses).toEqual([]);
    expect(parse('status=resolved&status=closed').statuses).toEqual(['resolved', 'closed']);
  });

  it('drops unknown values instead of failing', () => {
    const f = parse('status=bogus&tier=gold&tier=enterprise&priority=high,nope&platform=web&sla=whenever&before=-3');
    expect(f).toMatchObject({ statuses: [], tiers: ['enterprise'], priorities: ['high'], platforms: [], sla: '' });
    expect(f.before).toBeNull();
  });

  it('maps assignee me / none / an id to the store query', () => {
    expect(toSearchQuery(parse('assignee=me'), 'alice', 5).assigneeId).toBe('alice');
    expect(toSearchQuery(parse('assignee=none'), 'alice', 5).assigneeId).toBeNull();
    expect(toSearchQuery(parse('assignee=bob'), 'alice', 5).assigneeId).toBe('bob');
    expect('assigneeId' in toSearchQuery(parse(''), 'alice', 5)).toBe(false);
    // A token reader has no identity: "mine" is nobody's.
    expect(toSearchQuery(parse('assignee=me'), null, 5).assigneeId).toBe('\u0000');
  });

  it('carries text, customer, SLA and the page cursor', () => {
    const q = toSearchQuery(parse('q=disk+full&customer=acme&sla=breached&before=120'), null, 99);
    expect(q).toMatchObject({
      text: 'disk full',
      customerId: 'acme',
      sla: 'breached',
      before: 120,
      now: 99,
      limit: 50,
    });
  });

  it('writes the filters back as a query string that parses to the same filters', () => {
    const f = parse('q=boom&status=open&tier=enterprise&priority=critical&assignee=none&sla=due-soon');
    expect(parse(filtersQueryString(f))).toEqual(f);
    expect(filtersQueryString(parse(''))).toBe('');
    expect(filtersQueryString(parse('status=all'))).toBe('status=all');
  });
});
