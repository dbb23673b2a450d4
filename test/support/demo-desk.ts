import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { SupportConfigInput } from '../../core/config/support-config.js';

/** The trained classifier for tests that fill a demo desk, cached across test files and runs (keyed by the corpus, written atomically). */
export const DEMO_MODEL_CACHE = join(tmpdir(), 'support-desk-test-intent-model.json');

/** The shipped example configuration, which `npm run demo` uses on a fresh checkout. */
export const EXAMPLE_CONFIG_PATH = 'support.config.example.yaml';
export const exampleConfigInput = (): SupportConfigInput =>
  parse(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')) as SupportConfigInput;
