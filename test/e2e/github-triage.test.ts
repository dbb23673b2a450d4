import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_UP_LINE } from '../../bots/github/render-github-message.js';
import { issueComment, issueLabelChange, issueOpened, issueStateChange } from '../emulators/github/github-payloads.js';
import { DESK_LOGIN, PAT, START, startGitHubDesk } from '../emulators/github/start-github-desk.js';
import type { GitHubDesk } from '../emulators/github/start-github-desk.js';
import { execDesk } from '../support/query-desk.js';

const LABELS_ROUTE = 'POST /repos/:owner/:repo/issues/:number/labels';
const COMMENTS_ROUTE = 'POST /repos/:owner/:repo/issues/:number/comments';

let gh: GitHubDesk;
const commentsOn = (issue: number, repo = 'acme/widgets') =>
  gh.github.comments.filter((c) => c.repo === repo && c.issue === issue);
const ticketOf = (issue: number, repo = 'acme/widgets') =>
  gh.server.desk.store.findTicketForConversation({ platform: 'github', channelId: repo, threadId: String(issue) });
const eventCount = async (deliveryId: string) =>
  (await gh.rows('SELECT 1 FROM inbound_events WHERE platform = ? AND event_id = ?', 'github', deliveryId)).length;

beforeAll(async () => {
  gh = await startGitHubDesk({ emulator: { orgs: { hans: ['globex'] } } });
  // A paid ticket is announced to staff like on every platform; Slack is off here, so the announcement waits queued.
  gh.server.desk.addStaffAnnouncements({ platform: 'slack', channelId: 'C_STAFF' });
  gh.github.seedLabels('acme/widgets', [{ name: 'bug', color: 'd73a4a', description: "Something isn't working" }]);
});
afterAll(async () => gh?.dispose());

describe('GitHub issues.opened (token auth)', () => {
  it('labels a confident question, creating missing labels, and posts ONE comment linking the best articles', async () => {
    const r = await gh.deliver(
      'issues',
      issueOpened({
        number: 1,
        title: 'How do I install the support desk with npm?',
        body: 'Which Node version do I need to install it?',
      }),
    );
    expect(r).toMatchObject({ status: 200, body: 'ok\n' });
    expect(gh.github.issueLabelsOf('acme/widgets', 1)).toEqual(['question', 'P3-low', 'needs-triage']);
    const created = gh.github
      .callsTo('POST /repos/:owner/:repo/labels')
      .map((c) => c.body as { name: string; color: string; description: string });
    expect(created.map((l) => l.name)).toEqual(['question', 'P3-low', 'needs-triage']);
    expect(gh.github.labelsOf('acme/widgets').find((l) => l.name === 'P3-low')).toMatchObject({
      color: '0e8a16',
      description: 'Low priority',
    });
    const comments = commentsOn(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/\[Installing the support desk\]\(https?:\/\/\S+installing\.md\)/);
    expect(comments[0]?.body).toContain(FOLLOW_UP_LINE);
    expect(comments[0]?.authorization).toBe(`token ${PAT}`);
    expect(await ticketOf(1)).toBeNull();
  });

  it('does not comment when the classifier is unsure, and labels priority and needs-triage only', async () => {
    await gh.deliver(
      'issues',
      issueOpened({
        number: 2,
        title: 'Colours look odd on my monitor',
        body: 'The palette seems different from last week.',
      }),
    );
    expect(commentsOn(2)).toHaveLength(0);
    expect(gh.github.issueLabelsOf('acme/widgets', 2)).toEqual(['P3-low', 'needs-triage']);
  });

  it("turns a paying customer's issue into a ticket with the tier's SLA, announced to staff, without posting the SLA publicly", async () => {
    const r = await gh.deliver(
      'issues',
      issueOpened({
        number: 3,
        login: 'acme-dev',
        title: 'Dashboard crashes with an error after upgrade',
        body: 'Stack trace attached.',
      }),
    );
    const ticket = await ticketOf(3);
    expect(ticket).toMatchObject({
      tier: 'enterprise',
      customerId: 'acme',
      category: 'bug',
      priority: 'high',
      requesterId: 'acme-dev',
      status: 'open',
    });
    expect(ticket?.firstResponseDueAt).toBe(START + 4 * 3600_000); // enterprise, high: 4 h around the clock
    expect(gh.github.issueLabelsOf('acme/widgets', 3)).toEqual(['bug', 'P1-high', 'needs-triage']);
    expect(commentsOn(3).every((c) => !/SUP-|due|enterprise/i.test(c.body))).toBe(true);
    const announced = await gh.rows<{ dedupe_key: string; sent_at: number | null }>(
      "SELECT dedupe_key, sent_at FROM outbox WHERE platform = 'slack'",
    );
    expect(announced).toEqual([{ dedupe_key: `announce:${ticket?.key}:slack:C_STAFF:`, sent_at: null }]);
    expect(await eventCount(r.deliveryId)).toBe(1);
  });

  it('maps an author to a customer by public organisation membership', async () => {
    await gh.deliver(
      'issues',
      issueOpened({ number: 4, login: 'hans', title: 'Export fails with an error for large projects' }),
    );
    expect(await ticketOf(4)).toMatchObject({ tier: 'professional', customerId: 'globex' });
    expect(gh.github.callsTo('GET /users/:login/orgs').map((c) => c.path)).toContain('/users/hans/orgs');
  });
});

describe('GitHub comments, close and reopen', () => {
  it('extends the transcript with the customer comment and records a maintainer (configured staff) comment as the first response', async () => {
    await gh.deliver(
      'issue_comment',
      issueComment({
        number: 3,
        commenter: 'acme-dev',
        text: 'Still crashing on 2.1, @acme/oncall please look',
        commentId: 301,
      }),
    );
    await gh.deliver(
      'issue_comment',
      issueComment({
        number: 3,
        commenter: 'alice',
        commenterAssociation: 'NONE',
        text: 'Looking into it now.',
        commentId: 302,
      }),
    );
    const ticket = await ticketOf(3);
    expect(ticket?.firstResponseAt).toBe(START);
    const messages = await gh.server.desk.store.listMessages(ticket?.id ?? 0);
    expect(messages.map((m) => [m.role, m.authorId, m.messageId])).toEqual([
      ['customer', 'acme-dev', 'issue-5003'],
      ['customer', 'acme-dev', '301'],
      ['staff', 'alice', '302'],
    ]);
    expect(commentsOn(3)).toHaveLength(0);
  });

  it('counts an OWNER/MEMBER/COLLABORATOR comment as a maintainer first response', async () => {
    await gh.deliver(
      'issue_comment',
      issueComment({
        number: 4,
        commenter: 'Codertocat',
        commenterAssociation: 'OWNER',
        text: 'Thanks, reproduced.',
        commentId: 401,
      }),
    );
    expect((await ticketOf(4))?.firstResponseAt).toBe(START);
  });

  it('resolves the ticket when the issue is closed and reopens it when the issue is reopened, without posting a survey', async () => {
    await gh.deliver('issues', issueStateChange('closed', { number: 3, sender: 'alice' }));
    expect(await ticketOf(3)).toMatchObject({ status: 'resolved', resolvedAt: START });
    await gh.deliver('issues', issueStateChange('reopened', { number: 3, sender: 'acme-dev' }));
    expect(await ticketOf(3)).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null });
    expect(commentsOn(3)).toHaveLength(0);
  });
});

describe('GitHub label corrections', () => {
  it("stores a maintainer's type and priority label changes as corrections, mapped back to categories", async () => {
    await gh.deliver(
      'issues',
      issueLabelChange('unlabeled', {
        number: 2,
        sender: 'alice',
        label: 'question',
        title: 'Colours look odd on my monitor',
      }),
    );
    await gh.deliver(
      'issues',
      issueLabelChange('labeled', {
        number: 2,
        sender: 'alice',
        label: 'bug',
        title: 'Colours look odd on my monitor',
      }),
    );
    await gh.deliver(
      'issues',
      issueLabelChange('labeled', {
        number: 2,
        sender: 'Codertocat',
        label: 'P1-high',
        title: 'Colours look odd on my monitor',
      }),
    );
    const rows = await gh.rows<{
      kind: string;
      action: string;
      label: string;
      category: string | null;
      priority: string | null;
      actor_id: string;
      text: string;
    }>('SELECT kind, action, label, category, priority, actor_id, text FROM training_corrections ORDER BY id');
    expect(rows).toEqual([
      {
        kind: 'type',
        action: 'removed',
        label: 'question',
        category: 'general-question',
        priority: null,
        actor_id: 'alice',
        text: "Colours look odd on my monitor\n\nIt looks like you accidently spelled 'commit' with two 't's.",
      },
      {
        kind: 'type',
        action: 'added',
        label: 'bug',
        category: 'bug',
        priority: null,
        actor_id: 'alice',
        text: expect.any(String),
      },
      {
        kind: 'priority',
        action: 'added',
        label: 'P1-high',
        category: null,
        priority: 'high',
        actor_id: 'Codertocat',
        text: expect.any(String),
      },
    ]);
  });

  it("ignores the desk's own label writes, template labels by the issue's author, and labels outside the triage set", async () => {
    const before = (await gh.rows('SELECT id FROM training_corrections')).length;
    await gh.deliver('issues', issueLabelChange('labeled', { number: 2, sender: DESK_LOGIN, label: 'question' }));
    await gh.deliver(
      'issues',
      issueLabelChange('labeled', { number: 5, login: 'octo-user', sender: 'octo-user', label: 'bug' }),
    );
    await gh.deliver('issues', issueLabelChange('labeled', { number: 2, sender: 'alice', label: 'good first issue' }));
    expect(await gh.rows('SELECT id FROM training_corrections')).toHaveLength(before);
  });
});

describe('GitHub deliveries left alone or refused', () => {
  const nothingStored = async (send: () => Promise<{ status: number; deliveryId: string }>, status = 200) => {
    const calls = gh.github.calls.length;
    const outbox = (await gh.rows('SELECT id FROM outbox')).length;
    const r = await send();
    expect(r.status).toBe(status);
    expect(await eventCount(r.deliveryId)).toBe(0);
    expect(await gh.rows('SELECT id FROM outbox')).toHaveLength(outbox);
    expect(gh.github.calls.length).toBe(calls);
  };

  it('ignores comments on pull requests, bot authors and repositories not in the config', async () => {
    await nothingStored(() =>
      gh.deliver(
        'issue_comment',
        issueComment({ number: 3, commenter: 'acme-dev', text: 'PR crash error', pullRequest: true }),
      ),
    );
    await nothingStored(() =>
      gh.deliver(
        'issue_comment',
        issueComment({ number: 3, commenter: 'dependabot[bot]', text: 'Bumps a dependency', commenterType: 'Bot' }),
      ),
    );
    await nothingStored(() =>
      gh.deliver(
        'issues',
        issueOpened({ number: 6, login: 'renovate', userType: 'Bot', title: 'Update dependency crash-reporter' }),
      ),
    );
    await nothingStored(() =>
      gh.deliver('issues', issueOpened({ repo: 'someone/else', number: 1, title: 'How do I install it?' })),
    );
    expect(await ticketOf(3)).toMatchObject({ status: 'open' });
    expect((await gh.server.desk.store.listMessages((await ticketOf(3))?.id ?? 0)).length).toBe(3);
  });

  it('answers 400 to a forged signature and stores nothing', async () => {
    await nothingStored(
      () =>
        gh.deliver('issues', issueOpened({ number: 7, login: 'acme-dev', title: 'Service is down' }), {
          signature: `sha256=${'0'.repeat(64)}`,
        }),
      400,
    );
    expect(await ticketOf(7)).toBeNull();
  });

  it('changes nothing twice on a redelivery (same x-github-delivery)', async () => {
    const payload = issueOpened({ number: 8, title: 'How do I install the support desk with npm?' });
    const first = await gh.deliver('issues', payload);
    const again = await gh.deliver('issues', payload, { deliveryId: first.deliveryId });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await eventCount(first.deliveryId)).toBe(1);
    expect(commentsOn(8)).toHaveLength(1);
    expect(gh.github.callsTo(LABELS_ROUTE).filter((c) => c.path.endsWith('/issues/8/labels'))).toHaveLength(1);
    expect(await gh.rows('SELECT id FROM outbox WHERE dedupe_key LIKE ?', `%${first.deliveryId}`)).toHaveLength(2);
  });
});

describe('GitHub API failures', () => {
  it('keeps a label write rate-limited with 403 + retry-after queued and writes it after the wait', async () => {
    gh.github.failNext(LABELS_ROUTE, { status: 403, retryAfter: 120, times: 1 });
    await gh.deliver('issues', issueOpened({ number: 9, title: 'Colours look odd again' }));
    const rejected = gh.github.callsTo(LABELS_ROUTE).filter((c) => c.path.endsWith('/issues/9/labels'));
    expect(rejected.map((c) => c.status)).toEqual([403]);
    expect(gh.github.issueLabelsOf('acme/widgets', 9)).toEqual([]);
    const [pending] = await gh.rows<{ next_attempt_at: number; last_error: string; attempts: number }>(
      "SELECT next_attempt_at, last_error, attempts FROM outbox WHERE platform = 'github' AND sent_at IS NULL AND dead_at IS NULL",
    );
    expect(pending).toMatchObject({ next_attempt_at: START + 120_000, attempts: 1 });
    expect(pending?.last_error).toMatch(/403/);

    await gh.server.desk.outbox.flush(); // not due yet: nothing is sent
    expect(gh.github.callsTo(LABELS_ROUTE).filter((c) => c.path.endsWith('/issues/9/labels'))).toHaveLength(1);
    gh.clock.advance(120_000);
    await gh.server.desk.outbox.flush();
    expect(gh.github.issueLabelsOf('acme/widgets', 9)).toEqual(['P3-low', 'needs-triage']);
    expect(
      await gh.rows("SELECT id FROM outbox WHERE platform = 'github' AND (sent_at IS NULL OR dead_at IS NOT NULL)"),
    ).toEqual([]);
  });

  it('retries a comment that failed with 500 and posts it once', async () => {
    gh.github.failNext(COMMENTS_ROUTE, { status: 500, times: 1 });
    await gh.deliver('issues', issueOpened({ number: 10, title: 'How do I install the support desk with npm?' }));
    expect(commentsOn(10)).toHaveLength(0);
    gh.clock.advance(60_000);
    await gh.server.desk.outbox.flush();
    expect(commentsOn(10)).toHaveLength(1);
    expect(gh.github.issueLabelsOf('acme/widgets', 10)).toEqual(['question', 'P3-low', 'needs-triage']);
  });

  it('a comment GitHub posted but whose answer was lost is found by its marker on the retry, not posted twice', async () => {
    gh.github.failNext(COMMENTS_ROUTE, { status: 502, times: 1, landed: true });
    await gh.deliver('issues', issueOpened({ number: 13, title: 'How do I install the support desk with npm?' }));
    expect(commentsOn(13)).toHaveLength(1); // on GitHub, though the desk saw a 502
    expect(commentsOn(13)[0]!.body).toMatch(/\n\n<!-- support-desk:outbox [A-Za-z0-9_-]{22} -->$/);
    gh.clock.advance(60_000);
    await gh.server.desk.outbox.flush();
    expect(commentsOn(13)).toHaveLength(1);
    const lookups = gh.github
      .callsTo('GET /repos/:owner/:repo/issues/:number/comments')
      .filter((c) => c.path.includes('/issues/13/'));
    expect(lookups.map((c) => c.status)).toEqual([200]);
    const [row] = await gh.rows<{ sent_message_id: string }>(
      "SELECT sent_message_id FROM outbox WHERE platform = 'github' AND dedupe_key NOT LIKE 'github-labels:%' AND conversation LIKE '%\"13\"%'",
    );
    expect(row?.sent_message_id).toBe(String(commentsOn(13)[0]!.id));
  });
});

describe('GitHub issues.opened atomicity', () => {
  it('stores an issue and queues its labels in one transaction: when queuing fails, nothing is stored, GitHub gets a 500 and the redelivery triages it', async () => {
    await execDesk(gh.server.desk.stores, {
      sqlite:
        "CREATE TRIGGER e2e_fail_labels BEFORE INSERT ON outbox WHEN NEW.dedupe_key LIKE 'github-labels:%' BEGIN SELECT RAISE(ABORT, 'e2e: outbox unavailable'); END",
      postgres: `CREATE FUNCTION e2e_fail_labels() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.dedupe_key LIKE 'github-labels:%' THEN RAISE EXCEPTION 'e2e: outbox unavailable'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER e2e_fail_labels BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION e2e_fail_labels();`,
    });
    const payload = issueOpened({ number: 11, title: 'The export crashes with an error', body: 'Every time.' });
    const failed = await gh.deliver('issues', payload, { deliveryId: 'atomic-1' });
    expect(failed.status).toBe(500);
    expect(await eventCount('atomic-1')).toBe(0); // not half-stored: no event without its labels
    expect(await gh.rows("SELECT 1 FROM ticket_messages WHERE event_id = 'atomic-1'")).toEqual([]);

    await execDesk(gh.server.desk.stores, {
      sqlite: 'DROP TRIGGER e2e_fail_labels',
      postgres: 'DROP TRIGGER e2e_fail_labels ON outbox; DROP FUNCTION e2e_fail_labels();',
    });
    const redelivered = await gh.deliver('issues', payload, { deliveryId: 'atomic-1' });
    expect(redelivered.status).toBe(200);
    expect(await eventCount('atomic-1')).toBe(1);
    expect(gh.github.issueLabelsOf('acme/widgets', 11)).toContain('needs-triage');
  });

  it("labels a maintainer's own new issue in the same transaction that records it, without a ticket or a comment", async () => {
    const r = await gh.deliver(
      'issues',
      issueOpened({
        number: 12,
        login: 'alice',
        association: 'MEMBER',
        title: 'Add an option to export tickets as CSV',
        body: 'It would be nice to have a new export flag.',
      }),
      { deliveryId: 'maintainer-12' },
    );
    expect(r.status).toBe(200);
    expect(await gh.rows("SELECT outcome FROM inbound_events WHERE event_id = 'maintainer-12'")).toEqual([
      { outcome: 'ignored:staff-no-ticket' },
    ]);
    expect(await gh.rows("SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE '%maintainer-12'")).toEqual([
      { dedupe_key: 'github-labels:maintainer-12' },
    ]);
    expect(gh.github.issueLabelsOf('acme/widgets', 12)).toContain('needs-triage');
    expect(commentsOn(12)).toEqual([]);
    expect(await ticketOf(12)).toBeNull();
  });
});
