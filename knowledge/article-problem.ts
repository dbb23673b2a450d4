/** One thing wrong with an article file, reported as `file:line: message`. */
export interface ArticleProblem {
  file: string;
  /** 1-based line in the file: the offending front-matter key or link when known, else 1. */
  line: number;
  message: string;
}

export function formatProblem(problem: ArticleProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Problems in a stable order: by file, then line, then message. */
export function sortProblems(problems: readonly ArticleProblem[]): ArticleProblem[] {
  return [...problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.message.localeCompare(b.message),
  );
}
