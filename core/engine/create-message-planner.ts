import type { IntentPrediction } from '../classifier/intent-model.js';
import type { SupportConfig } from '../config/support-config.js';
import type { Directory } from '../directory/create-directory.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { Clock } from '../ports/clock.js';
import type { TextAnalyzer } from '../ports/text-analyzer.js';
import type { TicketStore } from '../ports/ticket-store.js';
import { classifyCategory } from './classify-category.js';
import type { Classification } from './classify-category.js';
import type { HandleOptions } from './handle-options.js';
import type { MessageContext } from './message-context.js';
import { planCustomerFollowUp } from './plan-customer-follow-up.js';
import { planNewConversation } from './plan-new-conversation.js';
import { planAutomatedWithoutTicket } from './plan-automated-without-ticket.js';
import { planParticipantMessage } from './plan-participant-message.js';
import { planStaffMessage, staffAuthorOf } from './plan-staff-message.js';
import { speaksForTicket } from './speaks-for-ticket.js';
import type { TriagePlan } from './triage-plan.js';

export interface MessagePlannerDeps {
  store: Pick<TicketStore, 'findTicketForConversation'>;
  directory: Directory;
  analyzer: TextAnalyzer;
  config: SupportConfig;
  clock: Clock;
  staffAnnouncements: readonly ConversationRef[];
}

export interface MessagePlanner {
  /** The engine's decision about one message (not yet committed). */
  plan(ctx: MessageContext, options: HandleOptions): Promise<TriagePlan>;
  /** A text's classification alone (no article search), with the configured thresholds. */
  classify(text: string): Promise<Classification>;
}

/** Who wrote and where: staff, a third party on a ticket, the customer's follow-up, or a new conversation. */
export function createMessagePlanner(deps: MessagePlannerDeps): MessagePlanner {
  const { store, directory, analyzer, config } = deps;
  const classificationOf = (prediction: IntentPrediction): Classification =>
    classifyCategory(prediction, config.classifier.threshold, config.classifier.criticalThreshold);
  const classify = async (text: string) =>
    classificationOf((await analyzer.analyze({ text, search: null })).prediction);

  async function plan(ctx: MessageContext, options: HandleOptions): Promise<TriagePlan> {
    const { msg, text } = ctx;
    const staff = staffAuthorOf(directory, msg);
    const existing = await store.findTicketForConversation(msg.conversation);
    const untriaged = async () => (options.alwaysClassify ? classify(text) : null);
    if (msg.automated) return existing ? planParticipantMessage(ctx, existing, null) : planAutomatedWithoutTicket(ctx);
    if (staff) return planStaffMessage(ctx, staff, existing, await untriaged());

    const requester = directory.requester(msg.platform, msg.author, msg.customerId);
    if (existing && !speaksForTicket(existing, msg.author.id, requester.customer?.id ?? null))
      return planParticipantMessage(ctx, existing, await untriaged());
    // Articles are looked for only for a new conversation (a follow-up goes to its ticket).
    const analysis = await analyzer.analyze({
      text,
      search: existing ? null : { tier: requester.tier, platform: msg.platform, language: 'en' },
    });
    const classification = classificationOf(analysis.prediction);
    if (existing) return planCustomerFollowUp(ctx, { existing, classification, requester, config });
    return planNewConversation(ctx, {
      requester,
      classification,
      hits: [...analysis.hits],
      config,
      staffAnnouncements: deps.staffAnnouncements,
      searchedAt: deps.clock.now(),
    });
  }

  return { plan, classify };
}
