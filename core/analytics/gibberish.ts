/** Keyboard rows: four neighbouring keys typed in a row ("asdf", "qwer", "hjkl", "vbnm") is someone testing the bot. */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const RUNS = ROWS.flatMap((row) => [row, [...row].reverse().join('')]);

function hasKeyboardRun(word: string): boolean {
  for (let i = 0; i + 4 <= word.length; i++) {
    const four = word.slice(i, i + 4);
    if (RUNS.some((run) => run.includes(four))) return true;
  }
  return false;
}

/** "sdfsdf", "aaaaaaa", "asdasd": one to four letters over and over. */
const REPEATED = /^(\p{L}{1,4})\1+$/u;

/** A word nobody would look up: a keyboard run or a repeated fragment. */
export function isNonsenseWord(word: string): boolean {
  const w = word.toLowerCase();
  return (w.length >= 4 && hasKeyboardRun(w)) || (w.length >= 4 && REPEATED.test(w));
}

/**
 * Text that is no question at all: fewer than three letters ("??", "123"), or only nonsense words ("asdf qwer",
 * "sdfsdf"). Deliberately narrow: one real word keeps the text ("asdf export fails" is a question with a typo in it),
 * and short product words without vowels (npm, ssh, html) are not judged.
 */
export function looksLikeGibberish(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  const letters = words.reduce((n, w) => n + w.length, 0);
  if (letters < 3) return true;
  return words.every(isNonsenseWord);
}
