import { runIntentsEval } from './intents-eval.js';
import { runIssuesEval } from './issues-eval.js';
import { runKbEval } from './kb-eval.js';

const USAGE = `usage:
  eval intents --train <csv> --test <csv> [--val <csv> | --val-fraction <f>] [--text <column>] [--label <column>]
               [--oos-label <label>] [--oos-as-class] [--min-oos-recall <r>] [--threshold <p>]
               [--train-options <json>] [--seed <n>]
  eval issues  --train <csv> (--test <csv> | --folds <k>) [--by repo] [--train-options <json>] [--seed <n>]
  eval kb      --faqs <jsonl> --queries <jsonl>`;

/** Dispatches `eval <command> ...flags` and resolves to the JSON object to print. */
export async function runEval(argv: readonly string[]): Promise<Record<string, unknown>> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'intents':
      return runIntentsEval(rest);
    case 'issues':
      return runIssuesEval(rest);
    case 'kb':
      return runKbEval([...rest]);
    default:
      throw new Error(`${command === undefined ? 'missing command' : `unknown command "${command}"`}\n${USAGE}`);
  }
}
