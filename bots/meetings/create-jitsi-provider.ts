import { createHmac } from 'node:crypto';
import { SupportError } from '../../core/index.js';
import type { MeetingProvider } from '../../core/index.js';

export interface JitsiProviderOptions {
  /** The Jitsi Meet server, e.g. `https://meet.jit.si` (calls.jitsi.baseUrl). */
  baseUrl: string;
  /** The start of every room name, so the desk's rooms are recognisable. Default `support-call`. */
  roomPrefix?: string | undefined;
  /** Keys the room names: without it no one can guess a booking's room. At least 16 characters. */
  secret: string;
}

const DEFAULT_PREFIX = 'support-call';
/** 24 hex digits: 96 bits of the HMAC. Lower case because Jitsi lower-cases room names. */
const RANDOM_CHARS = 24;

/**
 * Jitsi Meet: no account and no API. The room is `<baseUrl>/<prefix>-<booking id>-<24 hex digits of an HMAC-SHA256 of
 * the booking id under the secret>`: the same booking always gets the same room (a retried booking sends the same
 * link), and no one without the secret can find another booking's room from the id. A room exists while people are in
 * it, so moving a call keeps its link and removing one has nothing to delete.
 */
export function createJitsiProvider(options: JitsiProviderOptions): MeetingProvider {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new SupportError('config.invalid', `jitsi: baseUrl ${JSON.stringify(options.baseUrl)} is not a URL`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new SupportError('config.invalid', `jitsi: baseUrl must be an http(s) URL, not ${base.protocol}`);
  if (options.secret.length < 16)
    throw new SupportError('config.invalid', 'jitsi: the room secret must be at least 16 characters long');
  const root = base.href.replace(/\/+$/, '');
  const prefix =
    (options.roomPrefix ?? DEFAULT_PREFIX)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || DEFAULT_PREFIX;

  const room = (bookingId: number) => {
    const mac = createHmac('sha256', options.secret).update(`jitsi-room:${bookingId}`).digest('hex');
    return `${prefix}-${bookingId}-${mac.slice(0, RANDOM_CHARS)}`;
  };

  return {
    name: 'jitsi',
    async create(request) {
      return { url: `${root}/${room(request.bookingId)}`, meetingId: null };
    },
    async move() {},
    async remove() {},
  };
}
