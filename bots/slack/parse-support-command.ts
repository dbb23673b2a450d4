/** `/support` sub-commands; anything unknown is `help`. */
export type SupportCommand =
  | { verb: 'status' }
  | { verb: 'kb'; query: string }
  | { verb: 'oncall' }
  | { verb: 'new'; text: string }
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
    case 'on-call':
      return { verb: 'oncall' };
    case 'new':
    case 'open':
      return { verb: 'new', text: rest };
    case '':
    case 'help':
      return { verb: 'help' };
    default:
      return { verb: 'help', unknown: word };
  }
}
