import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { summaryLines } from './answer-call-command.js';
import { rowsWithout } from './handle-call-button.js';

describe('summaryLines', () => {
  it('turns " - item" in a one-line option into follow-up lines', () => {
    expect(summaryLines('Walked through the export. - send the runbook - check quotas')).toBe(
      'Walked through the export.\n- send the runbook\n- check quotas',
    );
  });
  it('keeps hyphenated words and text without items as they are', () => {
    expect(summaryLines('Set-up is done; re-run the import')).toBe('Set-up is done; re-run the import');
    expect(summaryLines('- only a follow-up')).toBe('- only a follow-up');
  });
});

describe('rowsWithout', () => {
  const button = (custom_id: string) => ({ type: ComponentType.Button, custom_id, label: custom_id, style: 1 });
  it('drops the buttons of one action and the rows left empty', () => {
    const rows = [
      { type: ComponentType.ActionRow, components: [button('call.pick:1:0'), button('call.pick:1:1')] },
      { type: ComponentType.ActionRow, components: [button('call.pick:1:2'), button('kb.helpful:x')] },
    ];
    expect(rowsWithout(rows, 'call.pick')).toEqual([
      { type: ComponentType.ActionRow, components: [button('kb.helpful:x')] },
    ]);
  });
});
