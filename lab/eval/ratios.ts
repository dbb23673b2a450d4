/**
 * ours / reference for every numeric field both objects share (recursively), e.g. accuracy 0.93 vs 0.82 -> 1.13.
 * A ratio with a zero or missing reference is left out.
 */
export function ratios(ours: Record<string, unknown>, reference: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ours)) {
    const ref = reference[key];
    if (typeof value === 'number' && typeof ref === 'number' && ref !== 0 && Number.isFinite(value / ref)) {
      out[key] = Math.round((value / ref) * 1000) / 1000;
    } else if (value && ref && typeof value === 'object' && typeof ref === 'object' && !Array.isArray(value)) {
      const nested = ratios(value as Record<string, unknown>, ref as Record<string, unknown>);
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}
