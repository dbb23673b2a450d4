/**
 * The adapters' view of core: everything `bots/<platform>/` may use of it, and nothing else. Adapters import core
 * only through this file (dependency-cruiser's `bots-import-core-through-its-index`); runtime/, the composition
 * root, and data/ and knowledge/ may still reach into core's folders. Explicit names only (no `export *`), so a new
 * export of core does not become part of the adapters' surface by accident. Imports nothing outside core.
 */

// The model: messages in and out, tickets, the values they carry.
export { conversationKey } from './model/inbound-message.js';
export type { ConversationRef, InboundMessage } from './model/inbound-message.js';
export type {
  ArticleRef,
  MessageAction,
  NewOutboxItem,
  OutboundMessage,
  TicketSummary,
} from './model/outbound-message.js';
export type { AuditEntry, Rating, RatingKind, Ticket, TicketMessage } from './model/ticket.js';
export { CATEGORIES, PRIORITIES, TICKET_PLATFORMS, TICKET_STATUSES, TIERS } from './model/types.js';
export type { Category, Millis, Platform, Priority, StaffRole, Tier, TicketStatus } from './model/types.js';
export { DeliveryError, isSupportError, SupportError } from './errors.js';

// Ports the adapters implement or are handed.
export { directMessageUserId, personConversation } from './ports/chat-platform.js';
export type { ChatPlatform, DeliveryAttempt, SentMessage } from './ports/chat-platform.js';
export { fixedClock } from './ports/clock.js';
export type { Clock } from './ports/clock.js';
export type { CorrectionStore, TrainingCorrection } from './ports/correction-store.js';
export type { DashboardSession, DashboardSessionStore } from './ports/dashboard-session-store.js';
export type { EmailStore, EmailThread, NewEmailAttachment } from './ports/email-store.js';
export { silentLogger } from './ports/logger.js';
export type { Logger } from './ports/logger.js';
export type { FeedbackStore } from './ports/feedback-store.js';
export type { SignInLinkStore } from './ports/sign-in-link-store.js';
export type { AckResult, EscalationRun, SlaStore, SlaTimer } from './ports/sla-store.js';
export type { SupportStore } from './ports/support-store.js';
export type { SlaFilter, TicketSearch, TicketSearchPage, TicketSearchQuery } from './ports/ticket-search.js';
export type { TicketStore } from './ports/ticket-store.js';

// Configuration and the directory of customers and staff.
export type { EmailConfig, StaffConfig, SupportConfig } from './config/support-config.js';
export type { Directory } from './directory/create-directory.js';

// The engine and the services built on it.
export type { IntentModel } from './classifier/intent-model.js';
export { classifyText } from './engine/analyze-text.js';
export { answerReply, articleRefs, staffAnnouncement, ticketSummary } from './engine/build-replies.js';
export type { Classification } from './engine/classify-category.js';
export type { createFeedbackRecorder } from './engine/create-feedback-recorder.js';
export type {
  ActionResult,
  Actor,
  createTicketActions,
  TicketActions,
  TicketVerb,
} from './engine/create-ticket-actions.js';
export type { TriageEngine } from './engine/create-triage-engine.js';
export type { TriageOutcome } from './engine/triage-outcome.js';
export { ACK_ACTION } from './escalation/sla-messages.js';
export type { OnCall } from './oncall/create-on-call.js';
export type { OnCallSlot } from './oncall/who-is-on-call.js';
export { outboxToken } from './outbox/outbox-token.js';
export { CATEGORY_PRIORITY, CRITICAL_CATEGORIES } from './policy/priority-for.js';
export { allowedActions, DESK_ACTIONS, mayDo, refusalFor, ROLE_ACTIONS } from './policy/staff-permissions.js';
export type { DeskAction } from './policy/staff-permissions.js';
export type { SlaService } from './sla/create-sla-service.js';
export type { CallBooking, CallRequester } from './calls/call-booking.js';
export {
  CALL_CANCEL_ACTION,
  CALL_PICK_ACTION,
  CALL_RESCHEDULE_ACTION,
  callIdFromKey,
  callKey,
} from './calls/call-messages.js';
export type { CallActor, CallScheduler } from './calls/create-call-scheduler.js';
export { CALL_REQUEST_ACTION } from './engine/call-request-reply.js';
export type { Meeting, MeetingProvider, MeetingRequest } from './ports/meeting-provider.js';
export type { InviteInput, RenderInvite } from './ports/calendar-invites.js';
export type { MessageAttachment } from './model/outbound-message.js';

// Analytics, for the dashboard and the stats commands.
export type { DeskMetrics } from './analytics/build-desk-metrics.js';
export type { Analytics, OpenTicketView } from './analytics/create-analytics.js';
export { formatDuration, formatNum, formatPct } from './analytics/format-duration.js';
export { formatStatsText } from './analytics/format-stats-text.js';
export type { CustomerHealth } from './analytics/health-score.js';
export type { ImprovementReport } from './analytics/improvement-report.js';
export { parseUsageCsv, parseUsageObjects } from './analytics/parse-usage.js';
export { PeriodError } from './analytics/period.js';

// Time and formatting.
export { formatInZone } from './format/format-due.js';
export { withinDeadline } from './time/within-deadline.js';
export type { StaffReplies, StaffReplyResult } from './engine/create-staff-replies.js';
