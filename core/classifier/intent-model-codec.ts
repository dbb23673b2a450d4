import type { SerializedIntentModel } from './intent-model.js';
import { encodeFloat32 } from './float-array-codec.js';
import type { LinearIntentModel } from './linear-intent-model.js';
import type { FeaturizerConfig } from './text-featurizer.js';

export const INTENT_MODEL_FORMAT = 'support-desk/linear-intent-model';
export const INTENT_MODEL_VERSION = 1;

/** The JSON shape of one ensemble member (typed arrays as base64 little-endian float32). */
export interface SerializedMember {
  featurizer: { config: FeaturizerConfig; terms: string[]; idf: string };
  model: { classes: number; dimension: number; weights: string; bias: string };
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
    members: model.members.map(({ featurizer, model: linear }) => {
      const state = featurizer.state();
      return {
        featurizer: { config: { ...state.config }, terms: [...state.terms], idf: encodeFloat32(state.idf) },
        model: {
          classes: linear.classes,
          dimension: linear.dimension,
          weights: encodeFloat32(linear.weights),
          bias: encodeFloat32(linear.bias),
        },
      };
    }),
  };
}
