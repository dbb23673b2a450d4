import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { LabeledText } from '../../core/classifier/intent-model.js';
import { CATEGORIES } from '../../core/model/types.js';

export const TRAINING_CORPUS_PATH = new URL('./intents.yaml', import.meta.url).pathname;
export const HOLDOUT_CORPUS_PATH = new URL('./intents.holdout.yaml', import.meta.url).pathname;

/** Read a corpus file: a YAML map from category to example texts. Unknown categories and blank texts are errors. */
export function loadTrainingCorpus(path = TRAINING_CORPUS_PATH): LabeledText[] {
  const raw = parse(readFileSync(path, 'utf8')) as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${path}: expected a map from category to a list of examples`);
  const out: LabeledText[] = [];
  for (const [label, texts] of Object.entries(raw as Record<string, unknown>)) {
    if (!(CATEGORIES as readonly string[]).includes(label))
      throw new Error(`${path}: unknown category "${label}" (known: ${CATEGORIES.join(', ')})`);
    if (!Array.isArray(texts)) throw new Error(`${path}: ${label} must be a list of strings`);
    texts.forEach((text, i) => {
      if (typeof text !== 'string' || !text.trim())
        throw new Error(`${path}: ${label}[${i}] must be a non-empty string`);
      out.push({ text, label });
    });
  }
  return out;
}
