import { classifyText } from '../../core/index.js';
import type {
  Classification,
  Clock,
  CorrectionStore,
  Directory,
  IntentModel,
  Logger,
  SupportConfig,
  TicketActions,
  TicketStore,
  TriageEngine,
} from '../../core/index.js';
import type { OrgLookup } from './create-org-lookup.js';
import type { GitHubUser } from './github-payload-types.js';
import { isMaintainer } from './is-maintainer.js';
import type { IssueTypeGuess } from './triage-labels.js';

/** What the GitHub event handlers need; all of it core ports and values, wired in runtime/platforms/github.ts. */
export interface GitHubBotDeps {
  engine: Pick<TriageEngine, 'handle'>;
  actions: Pick<TicketActions, 'act'>;
  store: Pick<TicketStore, 'commit' | 'hasEvent' | 'findTicketForConversation'>;
  corrections: CorrectionStore;
  directory: Directory;
  /** The same classifier the engine uses, for what it predicted of an issue a maintainer relabels (a correction). */
  model: IntentModel;
  /**
   * The issue-type model (trained with issueText + ISSUE_TRAIN_OPTIONS on the repository's labeled issues, or
   * desk-wide): which type label a new issue gets. Without it, the support classifier's category decides.
   */
  issueType?: ((repoFullName: string, title: string, body: string) => IssueTypeGuess | null) | undefined;
  config: Pick<SupportConfig, 'github' | 'classifier'>;
  orgs: OrgLookup;
  clock: Clock;
  log: Logger;
  /** The installation of a delivery, so later writes to that repository use its token (App mode). */
  rememberInstallation?: ((repoFullName: string, installationId: number) => void) | undefined;
  /** The desk's own login in token mode: its comments and label changes are its own, not a person's. */
  selfLogin?: (() => string | undefined) | undefined;
}

/** The support classifier's verdict on a text, exactly as the engine reaches it. */
export function classify(deps: Pick<GitHubBotDeps, 'model' | 'config'>, text: string): Classification {
  return classifyText(deps.model, text, deps.config.classifier).classification;
}

export function isSelf(deps: Pick<GitHubBotDeps, 'selfLogin'>, user: GitHubUser | null | undefined): boolean {
  const self = deps.selfLogin?.();
  return !!self && !!user && self.toLowerCase() === user.login.toLowerCase();
}

/** The person's organisations and whether they count as a maintainer (see is-maintainer.ts). */
export async function identify(
  deps: GitHubBotDeps,
  user: GitHubUser,
  repoFullName: string,
  authorAssociation: string | undefined,
): Promise<{ orgs: string[]; maintainer: boolean }> {
  const orgs = await deps.orgs(user.login, repoFullName);
  const isCustomer = deps.directory.requester('github', { id: user.login, orgs }).customer !== null;
  const isConfiguredStaff = deps.directory.staffByIdentity('github', user.login) !== undefined;
  return { orgs, maintainer: isMaintainer({ isConfiguredStaff, isCustomer, authorAssociation }) };
}
