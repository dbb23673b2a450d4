import type { types } from '@slack/bolt';
import type { ConversationRef, MessageAction, OutboundMessage } from '../../core/index.js';
import { escapeSlackText, slackLink } from './escape-slack-text.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export interface RenderSlackOptions {
  /** Where the message goes; a ticket summary shown in another conversation (the staff channel) is an announcement. */
  conversation: ConversationRef;
  /** The staff channel: the only place `notifyStaff` becomes an `@here`. */
  staffChannel?: string | undefined;
  /** Link to the ticket's thread (announcements). */
  threadLink?: string | undefined;
  /** Bot-written mrkdwn lines recording who did what (announcement updates). */
  history?: readonly string[] | undefined;
}

export interface SlackRendered {
  /** Notification / fallback text (escaped). */
  text: string;
  blocks: KnownBlock[];
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });
const MAX_SECTION = 2900;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Buttons grouped by action id (one row for CSAT, one for NPS, one for the staff actions). Slack requires
 * action_ids to be unique within a block, so repeated ids get a `#n` suffix that the router strips.
 */
function actionRows(actions: readonly MessageAction[]): KnownBlock[] {
  const rows = new Map<string, MessageAction[]>();
  for (const a of actions) {
    const group =
      a.id.startsWith('ticket.') && a.id !== 'ticket.open'
        ? 'ticket'
        : a.id.startsWith('kb.') || a.id === 'ticket.open'
          ? 'kb'
          : a.id;
    rows.set(group, [...(rows.get(group) ?? []), a]);
  }
  return [...rows.entries()].map(([group, list]) => {
    const counts = new Map<string, number>();
    const elements: Button[] = list.slice(0, 25).map((a) => {
      const n = counts.get(a.id) ?? 0;
      counts.set(a.id, n + 1);
      const duplicate = list.filter((b) => b.id === a.id).length > 1;
      return {
        type: 'button',
        action_id: duplicate ? `${a.id}#${n}` : a.id,
        text: { type: 'plain_text', text: clip(a.label, 75) },
        value: a.value,
        ...(a.style ? { style: a.style } : {}),
      };
    });
    return { type: 'actions', block_id: `actions-${group}`, elements };
  });
}

/** Render a platform-neutral message as Block Kit. Every piece of text is escaped; only links and @here are ours. */
export function renderSlackMessage(message: OutboundMessage, options: RenderSlackOptions): SlackRendered {
  const staffPing =
    message.notifyStaff === true &&
    options.staffChannel !== undefined &&
    options.conversation.channelId === options.staffChannel;
  const text = `${staffPing ? '<!here> ' : ''}${escapeSlackText(message.text)}`;
  const blocks: KnownBlock[] = [{ type: 'section', block_id: 'text', text: mrkdwn(clip(text, MAX_SECTION)) }];

  const ticket = message.ticket;
  const elsewhere =
    ticket &&
    (ticket.conversation.channelId !== options.conversation.channelId ||
      ticket.conversation.threadId !== options.conversation.threadId);
  if (ticket && elsewhere) {
    const fields = [
      `*Ticket*\n${escapeSlackText(ticket.key)} (${escapeSlackText(ticket.status)})`,
      `*Customer*\n${escapeSlackText(ticket.customerName ?? 'unknown')}`,
      `*Tier*\n${escapeSlackText(ticket.tier)}`,
      `*Priority*\n${escapeSlackText(ticket.priority)}`,
      `*Due*\n${escapeSlackText(ticket.dueText ?? 'best effort')}`,
      `*Category*\n${escapeSlackText(ticket.category)}`,
    ];
    blocks.push({ type: 'section', block_id: 'ticket', fields: fields.map(mrkdwn) });
    const subject = `> ${escapeSlackText(ticket.subject)}`;
    const link = options.threadLink ? `\n${slackLink(options.threadLink, 'Open the thread')}` : '';
    blocks.push({ type: 'section', block_id: 'ticket-subject', text: mrkdwn(clip(subject, MAX_SECTION - 300) + link) });
  }

  (message.articles ?? []).slice(0, 5).forEach((a, i) => {
    const title = a.url ? slackLink(a.url, a.title) : escapeSlackText(a.title);
    blocks.push({
      type: 'section',
      block_id: `article-${i}`,
      text: mrkdwn(clip(`*${title}*\n${escapeSlackText(a.excerpt)}`, MAX_SECTION)),
    });
  });

  if (message.actions?.length) blocks.push(...actionRows(message.actions));
  if (options.history?.length) {
    blocks.push({
      type: 'context',
      block_id: 'history',
      elements: options.history.slice(-10).map((line) => mrkdwn(clip(line, 2900))),
    });
  }
  return { text: clip(text, 3000), blocks };
}

/** The action id a button was rendered from (`rate.csat#3` → `rate.csat`). */
export function baseActionId(actionId: string): string {
  const hash = actionId.indexOf('#');
  return hash === -1 ? actionId : actionId.slice(0, hash);
}
