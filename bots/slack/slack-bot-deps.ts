import type { Analytics } from '../../core/analytics/create-analytics.js';
import type { SupportConfig } from '../../core/config/support-config.js';
import type { Directory } from '../../core/directory/create-directory.js';
import type { createFeedbackRecorder } from '../../core/engine/create-feedback-recorder.js';
import type { TicketActions } from '../../core/engine/create-ticket-actions.js';
import type { TriageEngine } from '../../core/engine/create-triage-engine.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { SlaService } from '../../core/sla/create-sla-service.js';
import type { TicketStore } from '../../core/ports/ticket-store.js';

/** What the Slack listeners need from the desk, injected by the composition root. */
export interface SlackBotDeps {
  engine: TriageEngine;
  actions: TicketActions;
  feedback: Pick<ReturnType<typeof createFeedbackRecorder>, 'vote'>;
  directory: Directory;
  /** Read-only lookups: is this conversation a ticket already, was this event seen. */
  store: Pick<TicketStore, 'findTicketForConversation' | 'hasEvent'>;
  config: Pick<SupportConfig, 'oncall' | 'slack'>;
  clock: Clock;
  log: Logger;
  /** Acknowledging pages (`escalation.ack`), the on-call schedule with overrides and `/support oncall override`. */
  sla: Pick<SlaService, 'acknowledge' | 'oncall'>;
  /** Desk metrics for `/support stats` (staff only); without it the command says it is unavailable. */
  analytics?: Pick<Analytics, 'metrics'> | undefined;
}
