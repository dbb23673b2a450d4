import type { OutboundMessage } from '../../core/index.js';

/** The action id that marks an outbox message as "add these labels to the issue" for the GitHub platform. */
export const ADD_LABELS_ACTION = 'github.add-labels';

/**
 * A label write travels through the durable outbox as an OutboundMessage the GitHub ChatPlatform understands, so
 * it shares the outbox's retries, ordering per issue and "never lost" guarantee with comments.
 */
export function labelWriteMessage(labels: readonly string[]): OutboundMessage {
  return {
    text: `Labels: ${labels.join(', ')}`,
    actions: [{ id: ADD_LABELS_ACTION, label: 'Add labels', value: JSON.stringify(labels) }],
  };
}

/** The labels of a label write, or null when the message is something else. */
export function labelsInMessage(message: OutboundMessage): string[] | null {
  const action = message.actions?.find((a) => a.id === ADD_LABELS_ACTION);
  if (!action) return null;
  const parsed: unknown = JSON.parse(action.value);
  return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === 'string') : [];
}
