import { CONTRASTS, DEFAULT_LEXICON, INTENSIFIERS, NEGATIONS, NEGATION_HEDGES } from './sentiment-lexicon.js';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentResult {
  /** Sum of the word scores after negation, intensity and contrast, divided by sqrt(hits + 1): about -5..5. */
  score: number;
  label: SentimentLabel;
  /** How many lexicon words were found. */
  hits: number;
}

export interface SentimentOptions {
  lexicon?: Readonly<Record<string, number>>;
  /** |score| below this is neutral. */
  neutralBand?: number;
}

const TOKEN = /[a-z]+(?:['’][a-z]+)?|[.!?;:,]/g;
const CLAUSE_END = new Set(['.', '!', '?', ';', ':', ',']);
/** How many words a negation reaches (clause punctuation or a contrast word ends it sooner). */
const NEGATION_SCOPE = 3;
const FAILURE_SCORE = -1;
const REQUEST_WORDS = new Set(['would', "i'd", "we'd", "you'd", "they'd", 'should']);

function lookup(lexicon: Readonly<Record<string, number>>, word: string): number | undefined {
  const direct = lexicon[word];
  if (direct !== undefined) return direct;
  for (const [suffix, repl] of [
    ['ing', ''],
    ['ed', ''],
    ['ed', 'e'],
    ['s', ''],
    ['ly', ''],
  ] as const) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const v = lexicon[word.slice(0, -suffix.length) + repl];
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/**
 * Lexicon sentiment with scoped negation: a negation ("not", "n't", "never", "no"…) flips the polarity of the
 * sentiment words in the next three words of its clause ("not bad" is positive, "doesn't work" negative), an
 * negation that meets no sentiment word reports a failure and counts -1 ("the bot doesn't post"), an
 * intensifier scales the next sentiment word, and after "but"/"however" the clause counts double, since that is
 * usually what the writer means. An exclamation mark strengthens the sentence it ends.
 */
export function scoreSentiment(text: string, options: SentimentOptions = {}): SentimentResult {
  const lexicon = options.lexicon ?? DEFAULT_LEXICON;
  const band = options.neutralBand ?? 0.5;
  const tokens = text.toLowerCase().replace(/’/g, "'").match(TOKEN) ?? [];
  let total = 0;
  let hits = 0;
  let negateLeft = 0;
  let intensity = 1;
  let weight = 1;
  let sentence = 0;
  // A negation that meets no sentiment word in its scope reports a failure ("the bot doesn't post", "didn't get").
  let unresolvedNegation = false;
  const settleNegation = () => {
    if (unresolvedNegation) {
      sentence += FAILURE_SCORE * weight;
      hits++;
    }
    unresolvedNegation = false;
  };
  const flush = (exclaim: boolean) => {
    settleNegation();
    total += sentence * (exclaim ? 1.3 : 1);
    sentence = 0;
  };
  let prev = '';
  for (const tok of tokens) {
    const before = prev;
    prev = tok;
    if (CLAUSE_END.has(tok)) {
      settleNegation();
      negateLeft = 0;
      intensity = 1;
      if (tok !== ',') flush(tok === '!');
      continue;
    }
    if (CONTRASTS.has(tok)) {
      settleNegation();
      total += sentence * 0.5;
      sentence = 0;
      weight = 2;
      negateLeft = 0;
      continue;
    }
    if (NEGATIONS.has(tok)) {
      settleNegation();
      negateLeft = NEGATION_SCOPE;
      unresolvedNegation = true;
      continue;
    }
    if (negateLeft === NEGATION_SCOPE && NEGATION_HEDGES.has(tok)) {
      // "not sure", "not only": not a failure report.
      unresolvedNegation = false;
      negateLeft = 0;
      continue;
    }
    const boost = INTENSIFIERS[tok];
    if (boost !== undefined) {
      intensity *= boost;
      continue;
    }
    // "would like", "I'd like" is a request, not a feeling.
    const value = tok === 'like' && REQUEST_WORDS.has(before) ? undefined : lookup(lexicon, tok);
    if (value !== undefined && value !== 0) {
      // A negated word flips and weakens ("not great" is mildly negative, "not bad" mildly positive).
      const v = negateLeft > 0 ? -value * 0.75 : value;
      if (negateLeft > 0) unresolvedNegation = false;
      sentence += v * intensity * weight;
      hits++;
      intensity = 1;
    }
    if (negateLeft > 0 && --negateLeft === 0) settleNegation();
  }
  flush(false);
  const score = total / Math.sqrt(hits + 1);
  const label: SentimentLabel = score >= band ? 'positive' : score <= -band ? 'negative' : 'neutral';
  return { score, label, hits };
}

export interface SentimentSummary {
  /** Messages scored (a sample of the newest in the period). */
  sampled: number;
  /** Mean score. */
  avg: number | null;
  positive: number;
  neutral: number;
  negative: number;
}

export function summariseSentiment(texts: readonly string[], options?: SentimentOptions): SentimentSummary {
  const s: SentimentSummary = { sampled: texts.length, avg: null, positive: 0, neutral: 0, negative: 0 };
  let sum = 0;
  for (const t of texts) {
    const r = scoreSentiment(t, options);
    sum += r.score;
    s[r.label]++;
  }
  if (texts.length) s.avg = sum / texts.length;
  return s;
}
