import type { DurationRow, TicketGroupRow } from '../ports/analytics-store.js';
import { ratio } from './rates.js';
import { median } from './response-stats.js';

export interface AgentProductivity {
  agent: string;
  name: string | null;
  /** Tickets assigned to the agent among those opened in the period. */
  handled: number;
  resolved: number;
  /** Still open or pending. */
  active: number;
  /** Median of resolved_at - created_at over the agent's resolved tickets. */
  medianHandlingMs: number | null;
  /** Utilisation: the agent's share of the team's assigned tickets (0-1). */
  share: number | null;
  /** Load against the team average (1 = average; 1.5 = half again as many tickets as the average agent). */
  loadVsAverage: number | null;
}

/**
 * Tickets handled, resolved and median handling time per assignee, busiest first. `samples`, when the caller has
 * already split the durations by agent, saves another pass over them (its resolutions are the handling times).
 */
export function agentProductivity(
  groups: readonly TicketGroupRow[],
  durations: readonly DurationRow[],
  names: ReadonlyMap<string, string> = new Map(),
  samples?: ReadonlyMap<string | null, { resolutions: readonly number[] }>,
): { agents: AgentProductivity[]; unassigned: number } {
  const by = new Map<string, { handled: number; resolved: number; active: number; handling: number[] }>();
  let unassigned = 0;
  const get = (id: string) => by.get(id) ?? by.set(id, { handled: 0, resolved: 0, active: 0, handling: [] }).get(id)!;
  for (const g of groups) {
    if (g.agent === null) {
      unassigned += g.tickets;
      continue;
    }
    const a = get(g.agent);
    a.handled += g.tickets;
    a.resolved += g.resolved;
    a.active += g.active;
  }
  if (samples) {
    for (const [agent, s] of samples) {
      if (agent === null || s.resolutions.length === 0) continue;
      const a = get(agent);
      a.handling = a.handling.concat(s.resolutions);
    }
  } else {
    for (const d of durations)
      if (d.agent !== null && d.resolutionMs !== null) get(d.agent).handling.push(d.resolutionMs);
  }
  const total = [...by.values()].reduce((n, a) => n + a.handled, 0);
  const mean = by.size ? total / by.size : 0;
  const agents = [...by.entries()].map(([agent, a]) => ({
    agent,
    name: names.get(agent) ?? null,
    handled: a.handled,
    resolved: a.resolved,
    active: a.active,
    medianHandlingMs: median(a.handling),
    share: ratio(a.handled, total),
    loadVsAverage: ratio(a.handled, mean),
  }));
  agents.sort((a, b) => b.handled - a.handled || a.agent.localeCompare(b.agent));
  return { agents, unassigned };
}
