import type { IntentModel, IntentPrediction, ScoredLabel, SerializedIntentModel } from './intent-model.js';
import { linearScores } from './linear-model.js';
import type { LinearModel } from './linear-model.js';
import type { QuantizedWeights } from './quantized-weights.js';
import { serializeIntentModel } from './intent-model-codec.js';
import { softmaxInPlace } from './softmax.js';
import type { TextFeaturizer } from './text-featurizer.js';

/** One view of the ensemble: a featurizer and the linear model trained on its features. */
export interface ModelMember {
  readonly featurizer: TextFeaturizer;
  readonly model: LinearModel;
  /** The int8 form of `model.weights` (which are exactly its dequantisation), kept for serialisation. */
  readonly quantized: QuantizedWeights;
}

const TOP = 5;

/**
 * The product's intent model: an ensemble of linear models over TF-IDF views whose logits are averaged, then turned
 * into calibrated probabilities by a softmax at the fitted temperature.
 */
export class LinearIntentModel implements IntentModel {
  readonly labels: readonly string[];
  readonly members: readonly ModelMember[];
  readonly temperature: number;

  constructor(labels: readonly string[], members: readonly ModelMember[], temperature: number) {
    this.labels = labels;
    this.members = members;
    this.temperature = temperature;
  }

  /** Averaged logits of every member (length = number of labels). */
  logits(text: string): Float64Array {
    const classes = this.labels.length;
    const total = new Float64Array(classes);
    const scratch = new Float64Array(classes);
    for (const member of this.members) {
      linearScores(member.model, member.featurizer.transform(text), scratch);
      for (let k = 0; k < classes; k++) total[k] = (total[k] as number) + (scratch[k] as number);
    }
    for (let k = 0; k < classes; k++) total[k] = (total[k] as number) / this.members.length;
    return total;
  }

  predict(text: string): IntentPrediction {
    const probabilities = softmaxInPlace(this.logits(text), this.temperature);
    const ranked: ScoredLabel[] = [];
    const taken = new Uint8Array(probabilities.length);
    for (let r = 0; r < Math.min(TOP, probabilities.length); r++) {
      let best = -1;
      for (let k = 0; k < probabilities.length; k++) {
        if (!taken[k] && (best < 0 || (probabilities[k] as number) > (probabilities[best] as number))) best = k;
      }
      taken[best] = 1;
      ranked.push({ label: this.labels[best] as string, score: probabilities[best] as number });
    }
    const top = ranked[0] as ScoredLabel;
    return { label: top.label, confidence: top.score, ranked };
  }

  toJSON(): SerializedIntentModel {
    return serializeIntentModel(this);
  }
}
