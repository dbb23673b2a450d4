import type {
  CallScheduler,
  Clock,
  createFeedbackRecorder,
  Directory,
  Logger,
  SlaService,
  SupportConfig,
  TicketActions,
  TicketStore,
  TriageEngine,
} from '../../core/index.js';

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
  /** Video calls (`/call`, the slot, Reschedule and Cancel buttons); without it `/call` says calls are not set up. */
  calls?: Pick<CallScheduler, 'eligibility' | 'request' | 'pick' | 'cancel' | 'offerReschedule' | 'done'> | undefined;
  /** Send what is queued now (the close survey goes out before the thread is archived). */
  flushOutbox(): Promise<unknown>;
}
