import { runEval } from '../lab/eval/run-eval.js';

/** `npm run eval -- <intents|issues|kb> ...`: prints one JSON object on stdout; progress goes to stderr. */
try {
  const result = await runEval(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`eval: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
