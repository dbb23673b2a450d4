import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/**
 * A deep copy of one of GitHub's recorded payloads (`@octokit/webhooks-examples`, api.github.com), by event and
 * action; `index` picks among several examples of the same action.
 */
export function webhookExample<T>(event: string, action: string, index = 0): T {
  const definition = definitions.find((d) => d.name === event);
  const examples = (definition?.examples ?? []).filter((e) => (e as { action?: string }).action === action);
  const example = examples[index];
  if (!example) throw new Error(`no ${event}.${action} example #${index} in @octokit/webhooks-examples`);
  return structuredClone(example) as T;
}
