import { z } from 'zod';
import { SupportError } from '../errors.js';
import type { IntentModel, SerializedIntentModel } from './intent-model.js';
import { INTENT_MODEL_FORMAT, INTENT_MODEL_VERSION } from './intent-model-codec.js';
import { decodeFloat32, decodeInt8 } from './float-array-codec.js';
import { dequantizeRows } from './quantized-weights.js';
import { LinearIntentModel } from './linear-intent-model.js';
import type { ModelMember } from './linear-intent-model.js';
import { TextFeaturizer } from './text-featurizer.js';

const memberSchema = z.object({
  featurizer: z.object({
    config: z.object({
      wordNgramMax: z.number().int().min(1),
      charNgramMin: z.number().int().min(1),
      charNgramMax: z.number().int().min(0),
      minDf: z.number().int().min(1),
      maxDfRatio: z.number().positive().max(1).optional(),
      wordWeight: z.number().min(0),
      charWeight: z.number().min(0),
      titleView: z.boolean().optional(),
      titleWeight: z.number().min(0).optional(),
    }),
    terms: z.array(z.string()),
    idf: z.string(),
  }),
  model: z.object({
    classes: z.number().int().min(1),
    dimension: z.number().int().min(0),
    scales: z.string(),
    codes: z.string(),
    bias: z.string(),
  }),
});

const modelSchema = z.object({
  labels: z.array(z.string()).min(1),
  temperature: z.number().positive(),
  members: z.array(memberSchema).min(1),
});

function invalid(message: string, cause?: unknown): SupportError {
  return new SupportError('classifier.invalid-model', `Cannot load intent model: ${message}`, { cause });
}

/** Rebuilds a model from `model.toJSON()`. Throws a SupportError (`classifier.invalid-model`) on any other shape. */
export function loadIntentModel(json: SerializedIntentModel): IntentModel {
  if (json === null || typeof json !== 'object') throw invalid('expected a JSON object');
  if (json.format !== INTENT_MODEL_FORMAT) {
    throw invalid(`format is ${JSON.stringify(json.format)}, expected "${INTENT_MODEL_FORMAT}"; retrain the model`);
  }
  if (json.version !== INTENT_MODEL_VERSION) {
    throw invalid(
      `version ${String(json.version)} is not supported (this build reads ${INTENT_MODEL_VERSION}); retrain the model`,
    );
  }
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, parsed.error);
  }
  const { labels, temperature, members } = parsed.data;
  const loaded = members.map((member, m): ModelMember => {
    const idf = decodeFloat32(member.featurizer.idf);
    const quantized = { scales: decodeFloat32(member.model.scales), codes: decodeInt8(member.model.codes) };
    const bias = decodeFloat32(member.model.bias);
    const { classes, dimension } = member.model;
    if (classes !== labels.length)
      throw invalid(`members.${m}.model has ${classes} classes for ${labels.length} labels`);
    if (member.featurizer.terms.length !== dimension || idf.length !== dimension) {
      throw invalid(`members.${m}: vocabulary size does not match model dimension ${dimension}`);
    }
    if (
      quantized.codes.length !== dimension * classes ||
      quantized.scales.length !== dimension ||
      bias.length !== classes
    ) {
      throw invalid(`members.${m}.model: weight array sizes do not match ${dimension} x ${classes}`);
    }
    const featurizer = new TextFeaturizer({ config: member.featurizer.config, terms: member.featurizer.terms, idf });
    const weights = dequantizeRows(quantized, classes);
    return { featurizer, model: { classes, dimension, weights, bias }, quantized };
  });
  return new LinearIntentModel(labels, loaded, temperature);
}
