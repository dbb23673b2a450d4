/**
 * English function words dropped from the index and from queries. Deliberately short: only words that carry no
 * topic (articles, pronouns, auxiliaries, prepositions, conjunctions). Question words ("how", "what", "why") are
 * included because every FAQ question has one; negations ("not", "no", "never") are kept because they change meaning.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her ' +
    'here hers herself him himself his how i if in into is it its itself just me more most my myself of off on ' +
    'once only or other our ours ourselves out over own same she should so some such than that the their theirs ' +
    'them themselves then there these they this those through to too under until up very was we were what when ' +
    'where which while who whom why will with would you your yours yourself yourselves s t d ll m re ve'
  ).split(' '),
);
