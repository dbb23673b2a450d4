/** A y-axis: its range and the values that get a grid line and a label (distinct, evenly spaced, round). */
export interface Scale {
  min: number;
  max: number;
  ticks: number[];
  format: (v: number) => string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Steps a duration axis may use: whole minutes, hours or days a person reads at a glance. */
const DURATION_STEPS = [
  MIN,
  2 * MIN,
  5 * MIN,
  10 * MIN,
  15 * MIN,
  30 * MIN,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  28 * DAY,
];

/** The smallest 1, 2, 2.5 or 5 × 10^k step (at least 1 for integer axes) that covers `span` in at most `maxTicks` steps. */
function niceStep(span: number, maxTicks: number, integer: boolean): number {
  const raw = span / maxTicks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw - 1e-12) ?? 10 * mag;
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

const trim = (v: number) => Number(v.toFixed(10));

/**
 * A count or a plain number from 0 (or `min`) up past the largest value, in at most `maxTicks` round steps.
 * `integer` axes (tickets, ratings) step by whole numbers, so a maximum of 1 gives 0 and 1, never "0, 0, 1, 1, 1".
 */
export function numberScale(
  values: readonly number[],
  options: { min?: number; integer?: boolean; maxTicks?: number; format?: (v: number) => string } = {},
): Scale {
  const min = options.min ?? 0;
  const top = Math.max(min, ...values);
  const span = top > min ? top - min : 1;
  const step = niceStep(span, options.maxTicks ?? 4, options.integer ?? false);
  const count = Math.max(1, Math.ceil(trim(span / step)));
  const ticks = Array.from({ length: count + 1 }, (_, i) => trim(min + i * step));
  const decimals = [0, 1, 2, 3, 4].find((d) => Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) < 1e-9) ?? 4;
  return { min, max: ticks[ticks.length - 1] as number, ticks, format: options.format ?? ((v) => v.toFixed(decimals)) };
}

/** A fixed axis (percentages 0-100 %, CSAT 1-5, NPS -100..100) with `count` equal steps. */
export function fixedScale(min: number, max: number, count: number, format: (v: number) => string): Scale {
  return {
    min,
    max,
    ticks: Array.from({ length: count + 1 }, (_, i) => trim(min + ((max - min) * i) / count)),
    format,
  };
}

/** A duration tick (a whole number of its axis's step): "0", "15m", "1h 30m", "6h", "2d", "3d 12h". */
export function formatDurationTick(ms: number): string {
  if (ms === 0) return '0';
  if (ms < HOUR) return `${Math.round(ms / MIN)}m`;
  if (ms < 2 * DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.round((ms - h * HOUR) / MIN);
    return m ? `${h}h ${m}m` : `${h}h`;
  }
  const d = Math.floor(ms / DAY);
  const h = Math.round((ms - d * DAY) / HOUR);
  return h ? `${d}d ${h}h` : `${d}d`;
}

/**
 * A duration axis in milliseconds, in one unit its step is a whole number of: minutes while the values are small
 * ("0, 15m, 30m, 45m"), then hours ("0, 6h, 12h, 18h, 24h"), then days ("0, 2d, 4d").
 */
export function durationScale(values: readonly number[], maxTicks = 4): Scale {
  const top = Math.max(0, ...values);
  const step = DURATION_STEPS.find((s) => top <= s * maxTicks) ?? Math.ceil(top / maxTicks / (28 * DAY)) * 28 * DAY;
  const count = Math.max(1, Math.ceil(top / step));
  const format =
    step >= DAY
      ? (v: number) => (v ? `${trim(v / DAY)}d` : '0')
      : step >= HOUR
        ? (v: number) => (v ? `${trim(v / HOUR)}h` : '0')
        : formatDurationTick;
  return { min: 0, max: count * step, ticks: Array.from({ length: count + 1 }, (_, i) => i * step), format };
}
