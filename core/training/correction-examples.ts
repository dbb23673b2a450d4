import type { LabeledText } from '../classifier/intent-model.js';
import type { StoredCorrection } from '../ports/correction-store.js';

/**
 * Per conversation, the type-label correction still in force: the latest type label added and not removed
 * afterwards. Priority corrections are kept for the record, not as training examples.
 */
export function currentTypeCorrections(corrections: readonly StoredCorrection[]): StoredCorrection[] {
  const current = new Map<string, Map<string, StoredCorrection>>();
  for (const c of [...corrections].sort((a, b) => a.at - b.at || a.id - b.id)) {
    if (c.kind !== 'type') continue;
    const labels = current.get(c.conversationKey) ?? new Map<string, StoredCorrection>();
    current.set(c.conversationKey, labels);
    const name = c.label.toLowerCase();
    labels.delete(name);
    if (c.action === 'added') labels.set(name, c);
  }
  const out: StoredCorrection[] = [];
  for (const labels of current.values()) {
    const latest = [...labels.values()].at(-1);
    if (latest) out.push(latest);
  }
  return out;
}

/** Training examples for the support-message classifier: the category each type correction stands for. */
export function correctionExamples(corrections: readonly StoredCorrection[]): LabeledText[] {
  return currentTypeCorrections(corrections).flatMap((c) => (c.category ? [{ text: c.text, label: c.category }] : []));
}
