import type { SupportConfig } from '../../core/config/support-config.js';
import type { Directory } from '../../core/directory/create-directory.js';
import type { createFeedbackRecorder } from '../../core/engine/create-feedback-recorder.js';
import type { TicketActions } from '../../core/engine/create-ticket-actions.js';
import type { TriageEngine } from '../../core/engine/create-triage-engine.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { SlaService } from '../../core/sla/create-sla-service.js';
import type { TicketStore } from '../../core/ports/ticket-store.js';

/** What the Discord adapter needs from the desk, injected by the composition root. */
export interface DiscordBotDeps {
  engine: TriageEngine;
  actions: TicketActions;
  feedback: Pick<ReturnType<typeof createFeedbackRecorder>, 'vote'>;
  tickets: Pick<TicketStore, 'getTicketByKey' | 'findTicketForConversation'>;
  directory: Directory;
  config: Pick<SupportConfig, 'discord' | 'oncall' | 'staff'>;
  clock: Clock;
  log: Logger;
  /** Acknowledging pages (`escalation.ack`, value = run id) and `/oncall` (the schedule with overrides). */
  sla: Pick<SlaService, 'acknowledge'> & { oncall: Pick<SlaService['oncall'], 'schedule'> };
  /** Send what is queued now (the close survey goes out before the thread is archived). */
  flushOutbox(): Promise<unknown>;
}
