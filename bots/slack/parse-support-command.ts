import { parseOnCallOverride } from './parse-oncall-override.js';
import type { OnCallOverrideArgs } from './parse-oncall-override.js';

/** `/support` sub-commands; anything unknown is `help`. */
export type SupportCommand =
  | { verb: 'status' }
  | { verb: 'kb'; query: string }
  | { verb: 'oncall' }
  | { verb: 'oncall-override'; args: OnCallOverrideArgs }
  | { verb: 'stats'; period: string }
  | { verb: 'new'; text: string }
  /** `call [topic]`: ask for a video call; `call done SUP-42 <summary>`, `call cancel CALL-7`, `call reschedule CALL-7`. */
  | { verb: 'call'; topic: string }
  | { verb: 'call-done'; ticketKey: string; summary: string }
  | { verb: 'call-cancel' | 'call-reschedule'; callKey: string }
  | { verb: 'help'; unknown?: string | undefined };

export function parseSupportCommand(text: string): SupportCommand {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : trimmed.slice(space).trim();
  switch (word) {
    case 'status':
      return { verb: 'status' };
    case 'kb':
    case 'search':
      return { verb: 'kb', query: rest };
    case 'oncall':
    case 'on-call': {
      const sub = rest.split(/\s+/, 1)[0]?.toLowerCase();
      return sub === 'override'
        ? { verb: 'oncall-override', args: parseOnCallOverride(rest.slice('override'.length)) }
        : { verb: 'oncall' };
    }
    case 'stats':
      return { verb: 'stats', period: rest || '30d' };
    case 'new':
    case 'open':
      return { verb: 'new', text: rest };
    case 'call': {
      const [sub = '', target = '', ...more] = rest.split(/[ \t]+/);
      const lower = sub.toLowerCase();
      if (lower === 'done')
        return {
          verb: 'call-done',
          ticketKey: target,
          summary: rest.slice(rest.indexOf(target) + target.length).trim(),
        };
      if ((lower === 'cancel' || lower === 'reschedule') && target && more.length === 0)
        return { verb: lower === 'cancel' ? 'call-cancel' : 'call-reschedule', callKey: target };
      return { verb: 'call', topic: rest };
    }
    case '':
    case 'help':
      return { verb: 'help' };
    default:
      return { verb: 'help', unknown: word };
  }
}
