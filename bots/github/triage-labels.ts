import { CATEGORY_PRIORITY, CRITICAL_CATEGORIES } from '../../core/index.js';
import type { Category, Classification, Priority } from '../../core/index.js';

export interface LabelSpec {
  name: string;
  /** Hex colour without `#`, as the GitHub API wants it. */
  color: string;
  description: string;
}

export type TypeLabel = 'bug' | 'enhancement' | 'documentation' | 'question';
export type PriorityLabel = 'P0-critical' | 'P1-high' | 'P2-medium' | 'P3-low';
export const NEEDS_TRIAGE = 'needs-triage';

/** Every label the desk writes, created in the repository when missing (GitHub's default colours for the type labels). */
export const TRIAGE_LABELS: readonly LabelSpec[] = [
  { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
  { name: 'enhancement', color: 'a2eeef', description: 'New feature or request' },
  { name: 'documentation', color: '0075ca', description: 'Improvements or additions to documentation' },
  { name: 'question', color: 'd876e3', description: 'Further information is requested' },
  { name: 'P0-critical', color: 'b60205', description: 'Critical: outage, security issue or data loss' },
  { name: 'P1-high', color: 'd93f0b', description: 'High priority' },
  { name: 'P2-medium', color: 'fbca04', description: 'Medium priority' },
  { name: 'P3-low', color: '0e8a16', description: 'Low priority' },
  { name: NEEDS_TRIAGE, color: 'ededed', description: 'Waiting for a maintainer to triage' },
];

/** Category → type label. Outages, security issues, data loss and slowness are defects, so `bug`. */
export const TYPE_LABEL: Record<Category, TypeLabel> = {
  'service-down': 'bug',
  'security-issue': 'bug',
  'data-loss': 'bug',
  'performance-issue': 'bug',
  bug: 'bug',
  'feature-request': 'enhancement',
  documentation: 'documentation',
  'setup-help': 'question',
  'account-billing': 'question',
  'general-question': 'question',
  'call-request': 'question',
  'greeting-thanks': 'question',
};

/** A type label set by a maintainer, back to the category it stands for (when the model's guess is not in that family). */
const CATEGORY_OF_TYPE: Record<TypeLabel, Category> = {
  bug: 'bug',
  enhancement: 'feature-request',
  documentation: 'documentation',
  question: 'general-question',
};

export const PRIORITY_LABEL: Record<Priority, PriorityLabel> = {
  critical: 'P0-critical',
  high: 'P1-high',
  medium: 'P2-medium',
  low: 'P3-low',
};

const lower = (s: string) => s.toLowerCase();

export function typeLabelOf(name: string): TypeLabel | null {
  return (Object.keys(CATEGORY_OF_TYPE) as TypeLabel[]).find((l) => l === lower(name)) ?? null;
}

export function priorityOfLabel(name: string): Priority | null {
  const entry = (Object.entries(PRIORITY_LABEL) as [Priority, PriorityLabel][]).find(
    ([, l]) => lower(l) === lower(name),
  );
  return entry ? entry[0] : null;
}

/**
 * The category a maintainer's type label means. `question` covers several categories and `bug` several defect
 * categories: when the classifier's own guess is in the label's family, that finer category is kept.
 */
export function categoryForTypeLabel(label: TypeLabel, predicted: Category | null): Category {
  if (predicted && TYPE_LABEL[predicted] === label) return predicted;
  return CATEGORY_OF_TYPE[label];
}

/** The issue-type model's answer for one issue (see runtime/platforms/prepare-issue-types.ts). */
export interface IssueTypeGuess {
  label: TypeLabel;
  /** Calibrated probability of `label`. */
  confidence: number;
  /** At or above the configured classifier threshold. */
  confident: boolean;
  /**
   * Which model answered: the repository's own (trained on its labeled issues), pooled with the desk-wide one; or the
   * desk-wide one alone.
   */
  model: 'repository' | 'general';
}

/** An issue's type label alias as written in exports and datasets (`feature` is NLBSE's name for `enhancement`). */
const TYPE_ALIASES: Record<string, TypeLabel> = {
  feature: 'enhancement',
  'feature-request': 'enhancement',
  docs: 'documentation',
  defect: 'bug',
};

/** A type label or one of its common aliases, case-insensitive; null when it is not an issue type. */
export function normalizeTypeLabel(name: string): TypeLabel | null {
  return typeLabelOf(name) ?? TYPE_ALIASES[lower(name.trim())] ?? null;
}

/**
 * The type label of a new issue: `bug` when the support classifier finds it critical (outage, security issue, data
 * loss); else the issue-type model's label when it is sure; without an issue-type model, the label of the support
 * classifier's category when that is sure; else none (a maintainer decides).
 */
export function typeLabelFor(
  classification: Pick<Classification, 'category' | 'confident'>,
  issueType?: IssueTypeGuess | null,
): TypeLabel | null {
  if (CRITICAL_CATEGORIES.has(classification.category)) return TYPE_LABEL[classification.category];
  if (issueType) return issueType.confident ? issueType.label : null;
  return classification.confident ? TYPE_LABEL[classification.category] : null;
}

/**
 * Labels for a new issue: its type (see `typeLabelFor`), the priority (the ticket's when one was opened, else the
 * base priority of the category the type label stands for, so a `bug` is never `P3-low`) and `needs-triage`.
 */
export function triageLabels(
  classification: Pick<Classification, 'category' | 'confident'>,
  ticketPriority: Priority | null,
  issueType?: IssueTypeGuess | null,
): string[] {
  const labels: string[] = [];
  const type = typeLabelFor(classification, issueType);
  if (type) labels.push(type);
  const category = type ? categoryForTypeLabel(type, classification.category) : classification.category;
  labels.push(PRIORITY_LABEL[ticketPriority ?? CATEGORY_PRIORITY[category]]);
  labels.push(NEEDS_TRIAGE);
  return labels;
}
