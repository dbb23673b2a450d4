import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IntentModel, LabeledText, SerializedIntentModel } from '../core/classifier/intent-model.js';
import { loadIntentModel } from '../core/classifier/load-intent-model.js';
import { trainIntentModel } from '../core/classifier/train-intent-model.js';
import type { TrainOptions } from '../core/classifier/train-intent-model.js';

export interface PreparedModel {
  model: IntentModel;
  source: 'cache' | 'trained';
  examples: number;
  trainMs: number;
}

/** Cache key: the examples, the options and the trainer's own source version. */
function fingerprint(examples: readonly LabeledText[], options: TrainOptions): string {
  return createHash('sha256')
    .update(JSON.stringify({ examples, options, v: 1 }))
    .digest('hex');
}

/** Load the cached model when the corpus is unchanged, else train (seconds) and cache it atomically. */
export function prepareModel(
  examples: readonly LabeledText[],
  cachePath: string | null,
  options: TrainOptions = {},
): PreparedModel {
  const key = fingerprint(examples, options);
  if (cachePath && existsSync(cachePath)) {
    try {
      const cached = JSON.parse(readFileSync(cachePath, 'utf8')) as { key: string; model: SerializedIntentModel };
      if (cached.key === key)
        return { model: loadIntentModel(cached.model), source: 'cache', examples: examples.length, trainMs: 0 };
    } catch {
      // A corrupt or outdated cache is simply retrained.
    }
  }
  const started = performance.now();
  const model = trainIntentModel(examples, options);
  const trainMs = performance.now() - started;
  if (cachePath) {
    mkdirSync(dirname(cachePath), { recursive: true });
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, model: model.toJSON() }));
    renameSync(tmp, cachePath);
  }
  return { model, source: 'trained', examples: examples.length, trainMs };
}
