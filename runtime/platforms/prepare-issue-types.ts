import { join } from 'node:path';
import type { IntentModel, LabeledText } from '../../core/classifier/intent-model.js';
import { issueTypeTraining, predictIssueType } from '../../core/classifier/train-issue-type-model.js';
import type { LabeledIssue } from '../../core/classifier/train-issue-type-model.js';
import type { Category } from '../../core/model/types.js';
import type { StoredCorrection } from '../../core/ports/correction-store.js';
import { currentTypeCorrections } from '../../core/training/correction-examples.js';
import { issueParts, repoOfIssueConversationKey } from '../../bots/github/issue-conversation.js';
import { normalizeTypeLabel, TYPE_LABEL } from '../../bots/github/triage-labels.js';
import type { IssueTypeGuess } from '../../bots/github/triage-labels.js';
import { prepareModel } from '../prepare-model.js';
import type { TrainingIssue } from './read-training-issues.js';

/** A repository gets a model of its own from this many labeled issues (two types at least); else the desk-wide one. */
export const MIN_REPOSITORY_ISSUES = 30;

export interface IssueTypeModelInfo {
  /** `owner/name`, or `*` for the desk-wide model. */
  repo: string;
  issues: number;
  source: 'cache' | 'trained';
  trainMs: number;
}

export interface IssueTypeClassifier {
  guess(repoFullName: string, title: string, body: string): IssueTypeGuess | null;
  models: IssueTypeModelInfo[];
}

export interface IssueTypeSources {
  /** The support corpus (data/training/intents.yaml): each example as an issue title of its category's type. */
  corpus: readonly LabeledText[];
  /** Labeled issues (`github.trainingIssues`). */
  trainingIssues: readonly TrainingIssue[];
  /** Maintainers' label corrections; GitHub type corrections are labeled issues too. */
  corrections: readonly StoredCorrection[];
  /** Repositories the desk serves (`github.repos`): only these get models of their own. */
  repos: readonly string[];
  /** The folder for cached models, or null for none. */
  cacheDir: string | null;
  /** `classifier.threshold`: a type label is written at or above this confidence. */
  threshold: number;
}

function correctionIssues(corrections: readonly StoredCorrection[]): TrainingIssue[] {
  return currentTypeCorrections(corrections.filter((c) => c.platform === 'github')).flatMap((c) => {
    const repo = repoOfIssueConversationKey(c.conversationKey);
    const label = normalizeTypeLabel(c.label);
    return repo && label ? [{ repo, label, ...issueParts(c.text) }] : [];
  });
}

function corpusIssues(corpus: readonly LabeledText[]): LabeledIssue[] {
  // Greetings and thanks are not issue types.
  return corpus
    .filter((e) => e.label !== 'greeting-thanks')
    .map((e) => ({ title: e.text, body: '', label: TYPE_LABEL[e.label as Category] ?? 'question' }));
}

const slug = (repo: string) => repo.replace(/[^\w.-]+/g, '__');

/**
 * The GitHub adapter's issue-type models, trained and combined as `npm run eval -- issues` measures (issueText +
 * ISSUE_TRAIN_OPTIONS, `predictIssueType`): a desk-wide model (the corpus, every labeled issue, every correction),
 * and one per served repository with enough labeled issues (its `trainingIssues` rows and its maintainers'
 * corrections, the NLBSE setting). A repository with a model of its own is judged by that model pooled with the
 * desk-wide one; the others by the desk-wide one. Cached by content like the support model, so a restart with the
 * same data trains nothing.
 */
export function prepareIssueTypes(sources: IssueTypeSources): IssueTypeClassifier {
  const labeled = [...sources.trainingIssues, ...correctionIssues(sources.corrections)];
  const served = new Set(sources.repos.map((r) => r.toLowerCase()));
  const models = new Map<string, IntentModel>();
  const info: IssueTypeModelInfo[] = [];
  const train = (repo: string, issues: readonly LabeledIssue[]): IntentModel => {
    const { examples, options } = issueTypeTraining(issues);
    const prepared = prepareModel(
      examples,
      sources.cacheDir ? join(sources.cacheDir, `${slug(repo === '*' ? 'desk-wide' : repo)}.json`) : null,
      options,
    );
    info.push({ repo, issues: issues.length, source: prepared.source, trainMs: Math.round(prepared.trainMs) });
    return prepared.model;
  };
  for (const repo of [...served].sort()) {
    const own = labeled.filter((i) => i.repo === repo);
    if (own.length >= MIN_REPOSITORY_ISSUES && new Set(own.map((i) => i.label)).size >= 2)
      models.set(repo, train(repo, own));
  }
  const general = train('*', [...corpusIssues(sources.corpus), ...labeled]);
  return {
    models: info,
    guess(repoFullName, title, body) {
      const own = models.get(repoFullName.toLowerCase()) ?? null;
      const p = predictIssueType({ own, deskWide: general }, title, body);
      const label = normalizeTypeLabel(p.label);
      if (!label) return null;
      return {
        label,
        confidence: p.confidence,
        confident: p.confidence >= sources.threshold,
        model: own ? 'repository' : 'general',
      };
    },
  };
}
