import { ACK_ACTION, formatInZone } from '../../core/index.js';
import { annotatePage } from './annotate-page.js';
import type { SlackClient } from './create-slack-chat-platform.js';
import { escapeSlackText } from './escape-slack-text.js';
import type { PrivateReply } from './private-reply.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackButtonClick } from './slack-payloads.js';

/** The page a button was clicked on, as the click payload carries it. */
export interface ClickedMessage {
  text?: string | undefined;
  blocks?: readonly unknown[] | undefined;
}

/**
 * The Acknowledge button of a page (`escalation.ack`, value = run id). The core decides (staff only, the run stops,
 * a repeated click is `already`); the clicker is answered privately and, when the run stopped now, the page is
 * rewritten (chat.update) without its Acknowledge button and with who acknowledged it.
 */
export function createPageAckHandler(deps: Pick<SlackBotDeps, 'sla' | 'directory' | 'clock' | 'log'>) {
  return async function handlePageAck(
    click: SlackButtonClick,
    page: ClickedMessage,
    client: SlackClient,
    reply: PrivateReply,
  ): Promise<void> {
    const log = deps.log.child({ action: ACK_ACTION, run: click.value, user: click.userId });
    const staff = deps.directory.staffByIdentity('slack', click.userId);
    const result = await deps.sla.acknowledge(click.value, {
      platform: 'slack',
      userId: click.userId,
      isStaff: staff !== undefined,
    });
    const zone = staff?.timezone ?? 'UTC';
    switch (result.kind) {
      case 'forbidden':
        log.info({ result: result.kind }, 'acknowledge refused');
        return reply(escapeSlackText(result.reason));
      case 'not-found':
        return reply('This page belongs to no escalation the desk knows about.');
      case 'already': {
        const { run } = result;
        if (run.state === 'acknowledged') {
          const by = run.ackedBy ? (deps.directory.staffById(run.ackedBy)?.name ?? run.ackedBy) : 'someone';
          return reply(
            `Already acknowledged by ${escapeSlackText(by)}${run.ackedAt !== null ? ` at ${formatInZone(run.ackedAt, zone)}` : ''}; the escalation is stopped.`,
          );
        }
        return reply(`This escalation has already ended (${escapeSlackText(run.state)}); nothing to acknowledge.`);
      }
      case 'acknowledged': {
        const at = result.run.ackedAt ?? deps.clock.now();
        log.info({ ticket: result.run.ticketId }, 'page acknowledged');
        await reply(
          `Acknowledged at ${formatInZone(at, zone)}. The escalation has stopped; nobody else will be paged for it.`,
        );
        if (!click.channelId || !click.messageTs || !page.blocks?.length) return;
        const blocks = annotatePage(page.blocks, {
          line: `Acknowledged by <@${click.userId}> at ${formatInZone(at, 'UTC')}`,
          drop: [ACK_ACTION],
        });
        try {
          await client.chat.update({
            channel: click.channelId,
            ts: click.messageTs,
            text: page.text ?? 'Page acknowledged',
            blocks,
          });
        } catch (err) {
          log.warn({ err: String(err) }, 'could not update the acknowledged page'); // the acknowledgement itself is stored
        }
        return;
      }
    }
  };
}
