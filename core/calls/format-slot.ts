import { DateTime } from 'luxon';
import type { Millis } from '../model/types.js';
import { cachedZone } from '../time/cached-zone.js';
import type { CachedZone } from '../time/cached-zone.js';
import type { CallSlot } from './call-booking.js';

/**
 * The zone's abbreviation at `at` (luxon `ZZZZ`): the American names (EST, PDT) from en-US, the European ones (CET,
 * BST) from en-GB, otherwise the offset as Intl writes it ("GMT+9", "GMT+5:30").
 */
function zoneAbbreviation(zone: CachedZone, at: Millis): string {
  const us = zone.offsetName(at, { format: 'short', locale: 'en-US' }) ?? '';
  if (!/^GMT[+-]/.test(us)) return us;
  const gb = zone.offsetName(at, { format: 'short', locale: 'en-GB' }) ?? '';
  return /^[A-Z]{2,5}$/.test(gb) ? gb : us;
}

/**
 * "Tue 3 Mar, 15:00–15:30 CET": a slot in the customer's zone, in English. A slot that ends on another day names
 * both days ("Tue 3 Mar, 23:45 – Wed 4 Mar, 00:15 CET"); one that crosses a clock change names both zones
 * ("Sun 1 Nov, 01:45 EDT–01:15 EST").
 */
export function formatSlot(slot: Pick<CallSlot, 'startsAt' | 'endsAt'>, timezone: string): string {
  const zone = cachedZone(timezone);
  const start = DateTime.fromMillis(slot.startsAt, { zone }).setLocale('en-US');
  const end = DateTime.fromMillis(slot.endsAt, { zone }).setLocale('en-US');
  const startZone = zoneAbbreviation(zone, slot.startsAt);
  const endZone = zoneAbbreviation(zone, slot.endsAt);
  const day = start.toFormat('ccc d LLL');
  const from = `${start.toFormat('HH:mm')}${startZone === endZone ? '' : ` ${startZone}`}`;
  if (end.toISODate() !== start.toISODate()) return `${day}, ${from} – ${end.toFormat('ccc d LLL, HH:mm')} ${endZone}`;
  return `${day}, ${from}–${end.toFormat('HH:mm')} ${endZone}`;
}
