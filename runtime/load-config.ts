import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { parseSupportConfig } from '../core/config/support-config.js';
import { SupportError } from '../core/errors.js';
import type { SupportConfig } from '../core/config/support-config.js';

export const EXAMPLE_CONFIG = 'support.config.example.yaml';

/** `support.config.yaml` is missing (when named explicitly), not YAML, or invalid. */
export class ConfigError extends SupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config.invalid', message, options);
    this.name = 'ConfigError';
  }
}

/**
 * Load and validate `support.config.yaml`. When the default path does not exist and SUPPORT_CONFIG was not set
 * explicitly, the shipped example is used so a fresh checkout starts. Problems name the key path.
 */
export function loadConfig(
  path: string,
  explicit: boolean,
): { config: SupportConfig; path: string; usedExample: boolean } {
  let file = path;
  let usedExample = false;
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(`SUPPORT_CONFIG points to ${file}, which does not exist.`);
    file = EXAMPLE_CONFIG;
    usedExample = true;
  }
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length) {
    throw new ConfigError(
      `${file} is not valid YAML:\n${doc.errors.map((e) => `  line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`).join('\n')}`,
    );
  }
  const result = parseSupportConfig(doc.toJS());
  if (!result.ok) throw new ConfigError(`${file} is invalid:\n${result.problems.map((p) => `  ${p}`).join('\n')}`);
  return { config: result.config, path: file, usedExample };
}
