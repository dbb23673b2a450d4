import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;

const HISTORY = 'history';
const MAX_HISTORY = 10;

/**
 * A page as it should look after someone acted on it: the original blocks (from the click payload), without the
 * buttons named in `drop`, with `line` (bot-written mrkdwn) added to its `history` context block. Rows left empty
 * disappear; everything else (the page text) stays as Slack stored it.
 */
export function annotatePage(
  blocks: readonly unknown[],
  options: { line: string; drop: readonly string[] },
): KnownBlock[] {
  const dropped = (id: unknown) => typeof id === 'string' && options.drop.includes(id.split('#')[0] as string);
  const history: string[] = [];
  const kept: KnownBlock[] = [];
  for (const raw of blocks) {
    const block = raw as { type?: unknown; block_id?: unknown; elements?: { action_id?: unknown; text?: unknown }[] };
    if (block.type === 'context' && block.block_id === HISTORY) {
      history.push(...(block.elements ?? []).map((e) => e.text).filter((t): t is string => typeof t === 'string'));
      continue;
    }
    if (block.type === 'actions') {
      const elements = (block.elements ?? []).filter((e) => !dropped(e.action_id));
      if (elements.length) kept.push({ ...block, elements } as unknown as KnownBlock);
      continue;
    }
    kept.push(block as KnownBlock);
  }
  const lines = [...history, options.line].slice(-MAX_HISTORY);
  kept.push({
    type: 'context',
    block_id: HISTORY,
    elements: lines.map((text) => ({ type: 'mrkdwn', text, verbatim: true })),
  });
  return kept;
}
