import { IANAZone, Zone } from 'luxon';
import type { ZoneOffsetFormat, ZoneOffsetOptions } from 'luxon';

const MINUTE = 60_000;
const MAX_ENTRIES = 20_000;

/**
 * An IANA time zone for luxon that remembers offsets and offset names by minute. luxon's IANAZone asks
 * `Intl.DateTimeFormat#formatToParts` on every offset lookup and builds a new `Intl.DateTimeFormat` for every offset
 * name ("EST"); business-hours arithmetic does a dozen lookups per ticket, which made luxon the largest single cost
 * of opening a ticket. A minute is cached only when its first and last millisecond have the same offset, so a
 * transition inside a minute (Monrovia 1972) is still computed exactly; each cache is bounded and simply cleared
 * when full.
 */
export class CachedZone extends Zone {
  private readonly offsets = new Map<number, number>();
  private readonly names = new Map<string, string | null>();

  constructor(private readonly inner: IANAZone) {
    super();
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.inner.name;
  }

  get ianaName(): string {
    return this.inner.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): boolean {
    return this.inner.isValid;
  }

  override offset(ts: number): number {
    const minute = Math.floor(ts / MINUTE);
    const cached = this.offsets.get(minute);
    if (cached !== undefined) return cached;
    const first = this.inner.offset(minute * MINUTE);
    if (this.inner.offset(minute * MINUTE + MINUTE - 1) !== first) return this.inner.offset(ts);
    if (this.offsets.size >= MAX_ENTRIES) this.offsets.clear();
    this.offsets.set(minute, first);
    return first;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    const minute = Math.floor(ts / MINUTE);
    const key = `${minute}|${options.format ?? ''}|${options.locale ?? ''}`;
    const cached = this.names.get(key);
    if (cached !== undefined) return cached;
    const first = this.inner.offsetName(minute * MINUTE, options);
    if (this.inner.offsetName(minute * MINUTE + MINUTE - 1, options) !== first)
      return this.inner.offsetName(ts, options);
    if (this.names.size >= MAX_ENTRIES) this.names.clear();
    this.names.set(key, first);
    return first;
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    const minutes = this.offset(ts);
    const sign = minutes >= 0 ? '+' : '-';
    const hours = Math.trunc(Math.abs(minutes) / 60);
    const mins = Math.abs(minutes) % 60;
    const hh = String(hours).padStart(2, '0');
    const mm = String(mins).padStart(2, '0');
    if (format === 'narrow') return `${sign}${hours}${mins > 0 ? `:${mins}` : ''}`;
    if (format === 'techie') return `${sign}${hh}${mm}`;
    return `${sign}${hh}:${mm}`;
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, CachedZone>();

/** The cached zone for an IANA name (one per name, shared); throws RangeError for an unknown zone. */
export function cachedZone(name: string): CachedZone {
  let zone = zones.get(name);
  if (zone === undefined) {
    const inner = IANAZone.create(name);
    if (!inner.isValid) throw new RangeError(`unknown time zone '${name}'`);
    zone = new CachedZone(inner);
    zones.set(name, zone);
  }
  return zone;
}
