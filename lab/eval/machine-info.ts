import { cpus, loadavg } from 'node:os';

/** Where the figures were measured: timings are only comparable on the same machine under the same load. */
export function machineInfo(): Record<string, unknown> {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    node: process.version,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
