/** 95 min -> "1h 35m"; null -> "–". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min}m`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h}h ${min % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export const formatPct = (v: number | null, digits = 1): string => (v === null ? '–' : `${(v * 100).toFixed(digits)}%`);
export const formatNum = (v: number | null, digits = 2): string => (v === null ? '–' : v.toFixed(digits));
