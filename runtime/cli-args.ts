import { parseArgs } from 'node:util';
import type { TrainOptions } from '../core/classifier/train-options.js';

export type Flags = Record<string, string | boolean | undefined>;

/** Parses `--name value` flags; unknown flags are an error that lists the known ones. */
export function parseFlags(
  argv: readonly string[],
  strings: readonly string[],
  booleans: readonly string[] = [],
): Flags {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of strings) options[name] = { type: 'string' };
  for (const name of booleans) options[name] = { type: 'boolean' };
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Flags;
  } catch (error) {
    const known = [...strings, ...booleans].map((n) => `--${n}`).join(' ');
    throw new Error(`${(error as Error).message}\nknown flags: ${known}`);
  }
}

export function requireFlag(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new Error(`missing --${name} <value>`);
  return value;
}

export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const value = flags[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(n))
    throw new Error(`--${name} must be a number, got ${String(value)}`);
  return n;
}

/** `--train-options '{"l2":1e-5}'`: explicit TrainOptions on top of a task's preset. */
export function trainOptionsFlag(flags: Flags): TrainOptions {
  const value = flags['train-options'];
  if (value === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(String(value));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as TrainOptions;
  } catch (error) {
    throw new Error(`--train-options must be a JSON object: ${(error as Error).message}`);
  }
}
