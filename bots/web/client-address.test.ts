import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from './client-address.js';

describe('client address', () => {
  const req = (remoteAddress: string, xff?: string | string[]) => ({
    socket: { remoteAddress },
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  });
  it('is the TCP peer unless proxies are trusted: X-Forwarded-For is ignored by default', () => {
    expect(clientAddress(req('127.0.0.1', '198.51.100.1'), 0)).toBe('127.0.0.1');
    expect(clientAddress({ socket: {}, headers: {} }, 0)).toBe('unknown');
  });
  it('behind n trusted proxies, takes the entry n places from the right, which the client cannot forge', () => {
    expect(clientAddress(req('10.0.0.2', '198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(req('10.0.0.2', 'forged, 198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(req('10.0.0.2', ['forged, 198.51.100.1', '10.0.0.1']), 2)).toBe('198.51.100.1');
    expect(clientAddress(req('10.0.0.2', '198.51.100.1'), 3)).toBe('198.51.100.1');
    expect(clientAddress(req('10.0.0.2', ' , '), 1)).toBe('10.0.0.2');
    expect(clientAddress(req('10.0.0.2'), 1)).toBe('10.0.0.2');
  });
  it('counts IPv4 as is and IPv6 by its /64', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
