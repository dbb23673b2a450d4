import type { SerializedIntentModel } from './intent-model.js';
import { encodeFloat32, encodeInt8 } from './float-array-codec.js';
import type { LinearIntentModel } from './linear-intent-model.js';
import type { FeaturizerConfig } from './text-featurizer.js';

export const INTENT_MODEL_FORMAT = 'support-desk/linear-intent-model';
export const INTENT_MODEL_VERSION = 2;

/** The JSON shape of one ensemble member (typed arrays as base64 little-endian float32). */
export interface SerializedMember {
  featurizer: { config: FeaturizerConfig; terms: string[]; idf: string };
  /** Weights as int8 `codes` with one float32 scale per feature row (see quantized-weights.ts). */
  model: { classes: number; dimension: number; scales: string; codes: string; bias: string };
}

export interface SerializedLinearIntentModel extends SerializedIntentModel {
  labels: string[];
  temperature: number;
  members: SerializedMember[];
}

export function serializeIntentModel(model: LinearIntentModel): SerializedLinearIntentModel {
  return {
    format: INTENT_MODEL_FORMAT,
    version: INTENT_MODEL_VERSION,
    labels: [...model.labels],
    temperature: model.temperature,
    members: model.members.map(({ featurizer, model: linear, quantized }) => {
      const state = featurizer.state();
      return {
        featurizer: { config: { ...state.config }, terms: [...state.terms], idf: encodeFloat32(state.idf) },
        model: {
          classes: linear.classes,
          dimension: linear.dimension,
          scales: encodeFloat32(quantized.scales),
          codes: encodeInt8(quantized.codes),
          bias: encodeFloat32(linear.bias),
        },
      };
    }),
  };
}
