/** `npm run kb:check [dir]`: validate every knowledge-base article; prints `file:line: problem` lines. */
import { formatArticleReport } from '../knowledge/check-articles.js';
import { loadArticles } from '../knowledge/load-articles.js';

const dir = process.argv[2] ?? 'knowledge/articles';
const { articles, problems } = loadArticles(dir);
if (problems.length > 0) {
  for (const line of formatArticleReport(problems)) console.error(line);
  console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}`);
  process.exit(1);
}
console.log(`${articles.length} articles OK in ${dir}`);
