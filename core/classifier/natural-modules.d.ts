/**
 * Deep imports of the parts of `natural` the classifier uses. Importing `natural`'s index loads every module,
 * including its storage back-ends, which call `dotenv.config()` (reading `.env` into `process.env` and printing to
 * stdout) and take about a second; the stemmer alone loads in milliseconds and has no side effects.
 * (Typed here rather than via `natural`'s index.d.ts, which drags in a .ts source that fails under verbatimModuleSyntax.)
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porterStemmer: { stem(token: string): string };
  export default porterStemmer;
}
