/** Discord's limit for a component's custom_id. */
export const CUSTOM_ID_LIMIT = 100;

/** `kb.helpful:getting-started`, `rate.csat:SUP-1:4`: the action id, a colon, then the action's value. */
export function customIdFor(actionId: string, value: string): string | null {
  const id = `${actionId}:${value}`;
  return id.length <= CUSTOM_ID_LIMIT ? id : null;
}

export function parseCustomId(customId: string): { actionId: string; value: string } {
  const at = customId.indexOf(':');
  return at < 0
    ? { actionId: customId, value: '' }
    : { actionId: customId.slice(0, at), value: customId.slice(at + 1) };
}
