/**
 * The narrowest shapes of GitHub webhook payloads the adapter reads. Recorded payloads
 * (`@octokit/webhooks-examples`) and @octokit/webhooks' typed payloads are assignable to them.
 */
export interface GitHubUser {
  login: string;
  /** `User`, `Bot` or `Organization`. */
  type?: string | undefined;
}

export interface GitHubLabel {
  name: string;
}

export interface GitHubIssue {
  id: number;
  number: number;
  title: string;
  body?: string | null | undefined;
  user: GitHubUser | null;
  /** OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, MANNEQUIN, NONE. */
  author_association?: string | undefined;
  labels?: readonly GitHubLabel[] | undefined;
  /** Present when the "issue" is a pull request. */
  pull_request?: unknown;
}

export interface GitHubRepository {
  full_name: string;
}

export interface GitHubInstallationRef {
  id: number;
}

interface IssueEventBase {
  issue: GitHubIssue;
  repository: GitHubRepository;
  sender: GitHubUser;
  installation?: GitHubInstallationRef | undefined;
}

/** `issues` events: opened, closed, reopened, labeled, unlabeled… */
export interface IssuesPayload extends IssueEventBase {
  action: string;
  /** The label added or removed, on `labeled` / `unlabeled`. */
  label?: GitHubLabel | undefined;
}

export interface GitHubComment {
  id: number;
  body: string;
  user: GitHubUser | null;
  author_association?: string | undefined;
}

/** `issue_comment` events (on issues and on pull requests). */
export interface IssueCommentPayload extends IssueEventBase {
  action: string;
  comment: GitHubComment;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Runtime check for payloads that arrive as unknown JSON (the `receive` CLI, malformed deliveries). */
export function isIssueEventPayload(payload: unknown): payload is IssuesPayload {
  if (!isObject(payload) || typeof payload.action !== 'string') return false;
  const { issue, repository, sender } = payload;
  return (
    isObject(issue) &&
    typeof issue.number === 'number' &&
    typeof issue.title === 'string' &&
    isObject(repository) &&
    typeof repository.full_name === 'string' &&
    isObject(sender) &&
    typeof sender.login === 'string'
  );
}

export function isIssueCommentPayload(payload: unknown): payload is IssueCommentPayload {
  return (
    isIssueEventPayload(payload) &&
    isObject((payload as { comment?: unknown }).comment) &&
    typeof (payload as unknown as IssueCommentPayload).comment.body === 'string'
  );
}
