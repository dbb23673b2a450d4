import type { IssueCommentPayload, IssuesPayload } from '../../../bots/github/github-payload-types.js';
import { webhookExample } from './webhook-examples.js';

/** GitHub's recorded payloads (`@octokit/webhooks-examples`) with the fields a test cares about changed. */
type Loose = Record<string, unknown>;

interface IssueFields {
  repo?: string;
  number: number;
  /** The issue's author. */
  login?: string;
  title?: string;
  body?: string;
  association?: string;
  userType?: 'User' | 'Bot';
  installation?: number;
}

function retarget<T extends IssuesPayload>(p: T, f: IssueFields): T {
  const repo = f.repo ?? 'acme/widgets';
  const [owner = '', name = ''] = repo.split('/');
  Object.assign(p.repository as unknown as Loose, { full_name: repo, name });
  Object.assign((p.repository as unknown as { owner: Loose }).owner, { login: owner });
  const issue = p.issue as IssuesPayload['issue'] & Loose;
  issue.number = f.number;
  issue.id = 5000 + f.number;
  issue.html_url = `https://github.com/${repo}/issues/${f.number}`;
  if (f.title !== undefined) issue.title = f.title;
  if (f.body !== undefined) issue.body = f.body;
  if (f.association !== undefined) issue.author_association = f.association;
  if (f.login !== undefined && issue.user) Object.assign(issue.user, { login: f.login, type: f.userType ?? 'User' });
  if (f.installation !== undefined)
    p.installation = {
      id: f.installation,
      node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==',
    } as IssuesPayload['installation'];
  return p;
}

export function issueOpened(f: IssueFields): IssuesPayload {
  const p = retarget(webhookExample<IssuesPayload>('issues', 'opened'), {
    login: 'octo-user',
    association: 'NONE',
    body: '',
    ...f,
  });
  Object.assign(p.sender, { login: p.issue.user?.login, type: f.userType ?? 'User' });
  p.issue.labels = [];
  return p;
}

export function issueComment(
  f: IssueFields & {
    commenter: string;
    text: string;
    commenterAssociation?: string;
    commenterType?: 'User' | 'Bot';
    pullRequest?: boolean;
    commentId?: number;
  },
): IssueCommentPayload {
  const p = retarget(webhookExample<IssueCommentPayload>('issue_comment', 'created'), f);
  Object.assign(p.comment, {
    id: f.commentId ?? 9000 + f.number,
    body: f.text,
    author_association: f.commenterAssociation ?? 'NONE',
  });
  Object.assign(p.comment.user ?? {}, { login: f.commenter, type: f.commenterType ?? 'User' });
  Object.assign(p.sender, { login: f.commenter, type: f.commenterType ?? 'User' });
  if (f.pullRequest)
    (p.issue as IssuesPayload['issue'] & Loose).pull_request = {
      url: `https://api.github.com/repos/${f.repo ?? 'acme/widgets'}/pulls/${f.number}`,
    };
  return p;
}

/**
 * `issues.closed` has no recorded example in @octokit/webhooks-examples 7.6.1, so it is the `issues.reopened` one
 * with the action and state GitHub sends on close.
 */
export function issueStateChange(action: 'closed' | 'reopened', f: IssueFields & { sender: string }): IssuesPayload {
  const p = retarget(webhookExample<IssuesPayload>('issues', 'reopened'), f);
  delete p.installation;
  if (f.installation !== undefined) p.installation = { id: f.installation };
  p.action = action;
  Object.assign(
    p.issue as unknown as Loose,
    action === 'closed'
      ? { state: 'closed', state_reason: 'completed', closed_at: '2026-11-23T15:00:00Z' }
      : { state: 'open', state_reason: 'reopened', closed_at: null },
  );
  Object.assign(p.sender, { login: f.sender, type: 'User' });
  return p;
}

export function issueLabelChange(
  action: 'labeled' | 'unlabeled',
  f: IssueFields & { sender: string; label: string; senderType?: 'User' | 'Bot' },
): IssuesPayload {
  const p = retarget(webhookExample<IssuesPayload>('issues', action), { login: 'octo-user', ...f });
  Object.assign(p.label ?? {}, { name: f.label });
  Object.assign(p.sender, { login: f.sender, type: f.senderType ?? 'User' });
  return p;
}
