import type { LabeledText } from '../classifier/intent-model.js';
import type { StoredCorrection } from '../ports/correction-store.js';

/**
 * Training examples from maintainers' type-label corrections: per conversation, the category of the latest type
 * label added and not removed afterwards. Priority corrections are kept for the record, not as intent examples.
 */
export function correctionExamples(corrections: readonly StoredCorrection[]): LabeledText[] {
  const current = new Map<string, Map<string, StoredCorrection>>();
  for (const c of [...corrections].sort((a, b) => a.at - b.at || a.id - b.id)) {
    if (c.kind !== 'type') continue;
    const labels = current.get(c.conversationKey) ?? new Map<string, StoredCorrection>();
    current.set(c.conversationKey, labels);
    const name = c.label.toLowerCase();
    labels.delete(name);
    if (c.action === 'added' && c.category) labels.set(name, c);
  }
  const out: LabeledText[] = [];
  for (const labels of current.values()) {
    const latest = [...labels.values()].at(-1);
    if (latest?.category) out.push({ text: latest.text, label: latest.category });
  }
  return out;
}
