import { describe, expect, it } from 'vitest';
import { loadIntentModel } from './load-intent-model.js';
import { trainIntentModel } from './train-intent-model.js';

describe('loadIntentModel', () => {
  const json = trainIntentModel([
    { text: 'hello there', label: 'greeting' },
    { text: 'thanks a lot', label: 'thanks' },
  ]).toJSON();

  it('names the problem with a wrong format or version', () => {
    expect(() => loadIntentModel({ ...json, format: 'something-else' })).toThrow(/format is "something-else"/);
    expect(() => loadIntentModel({ ...json, version: 99 })).toThrow(/version 99 is not supported/);
  });

  it('names the field of a malformed body', () => {
    expect(() => loadIntentModel({ ...json, temperature: -1 })).toThrow(/temperature/);
    expect(() => loadIntentModel({ ...json, labels: ['only-one'] })).toThrow(/classes for 1 labels/);
  });

  it('carries the classifier.invalid-model code', () => {
    expect(() => loadIntentModel({ format: 'x', version: 1 })).toThrow(
      expect.objectContaining({ code: 'classifier.invalid-model' }),
    );
  });
});
