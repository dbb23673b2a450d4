import type {
  Analytics,
  CallScheduler,
  Clock,
  createFeedbackRecorder,
  Directory,
  Logger,
  SlaService,
  StaffReplies,
  SupportConfig,
  TicketActions,
  TicketStore,
  TriageEngine,
} from '../../core/index.js';

/** What the Slack listeners need from the desk, injected by the composition root. */
export interface SlackBotDeps {
  engine: TriageEngine;
  actions: TicketActions;
  feedback: Pick<ReturnType<typeof createFeedbackRecorder>, 'vote'>;
  directory: Directory;
  /** Read-only lookups: is this conversation a ticket already, was this event seen, which ticket has this key. */
  store: Pick<TicketStore, 'findTicketForConversation' | 'hasEvent' | 'getTicketByKey'>;
  /** Staff replies in an announcement's thread, relayed to an email ticket's customer; without it they are not relayed. */
  staffReplies?: Pick<StaffReplies, 'reply'> | undefined;
  config: Pick<SupportConfig, 'oncall' | 'slack'>;
  clock: Clock;
  log: Logger;
  /** Acknowledging pages (`escalation.ack`), the on-call schedule with overrides and `/support oncall override`. */
  sla: Pick<SlaService, 'acknowledge' | 'oncall'>;
  /** Desk metrics for `/support stats` (staff only); without it the command says it is unavailable. */
  analytics?: Pick<Analytics, 'metrics'> | undefined;
  /** Video calls (`/support call`, the slot buttons); without it the command says calls are not set up. */
  calls?: Pick<CallScheduler, 'eligibility' | 'request' | 'pick' | 'cancel' | 'offerReschedule' | 'done'> | undefined;
}
