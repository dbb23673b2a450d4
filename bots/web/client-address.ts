import { isIPv6 } from 'node:net';

/** The parts of a request the client address is read from (an IncomingMessage satisfies it). */
export interface AddressedRequest {
  socket: { remoteAddress?: string | undefined };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The address a request came from. With `trustedProxies` = 0 (the default) it is the TCP peer and X-Forwarded-For
 * is ignored, since any client can send that header. Behind n reverse proxies that each append the address they saw,
 * it is the X-Forwarded-For entry n places from the right (the rightmost entry the client could not have written),
 * or the leftmost entry when the header is shorter.
 */
export function clientAddress(req: AddressedRequest, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (hops.length === 0) return peer;
  return (hops[Math.max(0, hops.length - trustedProxies)] as string).slice(0, 64);
}

/**
 * The key failures are counted under: IPv4 as is (also when written IPv4-mapped, `::ffff:a.b.c.d`), IPv6 by its /64
 * prefix, since one host is usually given a whole /64 and could otherwise rotate through addresses for free.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1] as string;
  const bare = address.split('%')[0] as string;
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string) =>
    (part === '' ? [] : part.split(':')).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
