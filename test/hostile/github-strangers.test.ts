import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueComment, issueOpened, issueStateChange } from '../emulators/github/github-payloads.js';
import { START, startGitHubDesk } from '../emulators/github/start-github-desk.js';
import type { GitHubDesk } from '../emulators/github/start-github-desk.js';

let gh: GitHubDesk;
const ticketOf = (issue: number) =>
  gh.server.desk.store.findTicketForConversation({
    platform: 'github',
    channelId: 'acme/widgets',
    threadId: String(issue),
  });
const outboxRows = async () =>
  await gh.rows<{ platform: string; dedupe_key: string; conversation: string }>(
    'SELECT platform, dedupe_key, conversation FROM outbox ORDER BY id',
  );
const commentsOn = (issue: number) => gh.github.comments.filter((c) => c.repo === 'acme/widgets' && c.issue === issue);

beforeAll(async () => {
  gh = await startGitHubDesk();
});
afterAll(async () => gh?.dispose());

describe("GitHub: a stranger's comment on a paying customer's issue", () => {
  it('joins the transcript but never raises, reopens, re-times, pages or posts anything', async () => {
    await gh.deliver(
      'issues',
      issueOpened({ number: 30, login: 'acme-dev', title: 'The export crashes with an error', body: 'Every time.' }),
    );
    const opened = await ticketOf(30);
    expect(opened).toMatchObject({ tier: 'enterprise', priority: 'high', status: 'open' });
    const before = (await outboxRows()).length;
    const timersBefore = await gh.rows('SELECT kind, state, due_at FROM sla_timers ORDER BY id');

    const outage = await gh.deliver(
      'issue_comment',
      issueComment({
        number: 30,
        commenter: 'random-stranger',
        commenterAssociation: 'NONE',
        text: 'Our production API is down',
        commentId: 3001,
      }),
    );
    expect(outage.status).toBe(200);
    await gh.server.desk.sla.sweep();
    await gh.server.desk.outbox.flush();
    const after = await ticketOf(30);
    expect(after).toMatchObject({ priority: 'high', status: 'open', firstResponseDueAt: opened!.firstResponseDueAt });
    expect(await outboxRows()).toHaveLength(before); // no page, no executive notice, no public notice
    expect(await gh.rows('SELECT kind, state, due_at FROM sla_timers ORDER BY id')).toEqual(timersBefore);
    expect(await gh.rows('SELECT COUNT(*) AS n FROM escalation_runs')).toEqual([{ n: 0 }]);
    expect((await gh.server.desk.store.listMessages(opened!.id)).map((m) => [m.authorId, m.role, m.text])).toEqual([
      ['acme-dev', 'customer', 'The export crashes with an error\n\nEvery time.'],
      ['random-stranger', 'participant', 'Our production API is down'],
    ]);
    expect((await gh.server.desk.store.listAudit(opened!.id)).map((a) => a.action)).not.toContain(
      'ticket.priority-raised',
    );

    // Resolved when a maintainer closes the issue; a stranger's "thanks" leaves it resolved.
    await gh.deliver('issues', issueStateChange('closed', { number: 30, login: 'acme-dev', sender: 'alice' }));
    expect(await ticketOf(30)).toMatchObject({ status: 'resolved' });
    await gh.deliver(
      'issue_comment',
      issueComment({
        number: 30,
        commenter: 'random-stranger',
        commenterAssociation: 'NONE',
        text: 'thanks',
        commentId: 3002,
      }),
    );
    expect(await ticketOf(30)).toMatchObject({ status: 'resolved', reopenCount: 0 });
  });

  it("lets the customer's own people (login or organisation) move the ticket, and keeps critical notices off the public issue", async () => {
    await gh.deliver(
      'issues',
      issueOpened({ number: 31, login: 'acme-dev', title: 'The export crashes with an error', body: 'Again.' }),
    );
    const opened = await ticketOf(31);
    const comments = commentsOn(31).length;
    const raised = await gh.deliver(
      'issue_comment',
      issueComment({
        number: 31,
        commenter: 'acme-dev',
        commenterAssociation: 'NONE',
        text: 'Now our production API is down',
        commentId: 3101,
      }),
    );
    expect(raised.status).toBe(200);
    expect(await ticketOf(31)).toMatchObject({ priority: 'critical' });

    // The "a responder is on it" notice names the ticket and its priority: it goes to Acme's private Slack channel.
    const notices = (await outboxRows()).filter((r) => r.dedupe_key === `critical-notice:${opened!.key}:0`);
    expect(notices.map((r) => [r.platform, JSON.parse(r.conversation).channelId])).toEqual([['slack', 'C_ACME']]);
    // The 15-minute status updates too, never the issue.
    gh.clock.set(START + 16 * 60_000);
    await gh.server.desk.sla.sweep();
    await gh.server.desk.outbox.flush();
    const updates = (await outboxRows()).filter((r) => r.dedupe_key.startsWith(`critical-update:${opened!.key}:`));
    expect(updates.length).toBeGreaterThan(0);
    expect(new Set(updates.map((r) => r.platform))).toEqual(new Set(['slack']));
    // All the desk ever queued for the issues: the bot's one answer, the triage labels, and the survey of the resolved
    // ticket, which the GitHub adapter never posts (surveys are private).
    expect(
      (await outboxRows()).filter(
        (r) => r.platform === 'github' && !/^(github-answer|github-labels|survey):/.test(r.dedupe_key),
      ),
    ).toEqual([]);
    expect(gh.github.comments.filter((c) => /rate|survey|how did we do/i.test(c.body))).toEqual([]);
    const posted = commentsOn(31)
      .slice(comments)
      .map((c) => c.body);
    expect(posted.filter((b) => /SUP-\d|critical|responder|on call/i.test(b))).toEqual([]);
  });
});
