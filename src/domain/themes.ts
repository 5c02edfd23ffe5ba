/**
 * Themes in free-text answers (pulse comments, objectives): what participants ask for, counted as
 * answers that mention it. Pure, no I/O.
 *
 * Each answer is NFC-normalised, lowercased and split into words of any script (letters, marks,
 * digits; inner apostrophes and hyphens kept: "one-on-one", "team's"). Stop words, filler of this
 * domain ("want", "mentor", …), words of one or two characters and words without a letter are
 * dropped. A small suffix rule groups plurals and possessives under one key ("strategies" and
 * "strategy", "team's" and "teams" and "team"; "business", "process", "analysis" untouched), and
 * each theme is shown in its most frequent written form. Two adjacent kept words, with no
 * punctuation or dropped word between them, also count as a phrase. A theme counts at most once per
 * answer. A word is left out when a shown phrase containing it is mentioned in at least 80% of the
 * word's answers: the phrase says more.
 *
 * Privacy: a theme mentioned in fewer than MIN_THEME_ANSWERS answers is never returned, whatever
 * `minAnswers` asks for, since a rare word can identify a person or quote them.
 */

export interface Theme {
  readonly phrase: string;
  readonly answers: number;
}

export const MIN_THEME_ANSWERS = 5;
const DEFAULT_LIMIT = 10;

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const APOSTROPHES = /[\u2019\u02bc]/gu;
const HYPHENS = /[\u2010\u2011]/gu;
const HAS_LETTER = /\p{L}/u;
const NOT_SPACE = /\S/u;

const STOP_WORDS = new Set(
  `a about above after again against all almost also although always am among an and another any anyone
  anything are around as at be because been before being below between both but by can cannot could did
  do does doing done down during each either else enough etc even ever every few for from further had has
  have having he her here hers herself him himself his how however i if in into is it its itself just
  least less let many may maybe me might mine more most much must my myself need needs neither no none nor
  not now of off often on once one only onto or other others otherwise our ours ourselves out over own
  per perhaps please quite rather really same she should since so some someone something sometimes soon
  still such than that the their theirs them themselves then there these they this those though through
  thus to too toward towards under until up upon us very via was we were what whatever when where whether
  which while who whom whose why will with within without would yes yet you your yours yourself
  able achieve bit become better get gets getting give go going good got great help helping hope
  hoping improve improving interested keen kind know learn like look looking lot lots make making mentee
  mentor mentoring mentorship new objective goal program programme pulse sort stuff sure take thing things
  think try trying use want wanted wanting wants way ways well wish work working`.split(/\s+/),
);

/** Words that end in "s" but are not plurals ("ss", "us", "is" endings are kept by rule). */
const SINGULAR_S = new Set('alias bias canvas chaos ethos lens news series species'.split(' '));

function isStopWord(word: string): boolean {
  if (STOP_WORDS.has(word) || word.endsWith("n't")) return true;
  const apostrophe = word.indexOf("'");
  return apostrophe > 0 && STOP_WORDS.has(word.slice(0, apostrophe)); // i'm, we'd, it's, they're
}

/** The grouping key of a word: possessive and plural endings removed by a few suffix rules. */
function lemma(word: string): string {
  if (word.endsWith("'s")) return lemma(word.slice(0, -2));
  if (word.endsWith("s'")) return lemma(word.slice(0, -1));
  if (word.length < 4 || !word.endsWith('s') || SINGULAR_S.has(word)) return word;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (['sses', 'xes', 'ches', 'shes'].some((ending) => word.endsWith(ending))) return word.slice(0, -2);
  return word.slice(0, -1);
}

function isTooShort(word: string): boolean {
  return word.length < 3 || (word.length < 5 && [...word].length < 3);
}

interface Tally {
  answers: number;
  lastAnswer: number;
  /** For a phrase, the keys of its two words. */
  readonly words: readonly string[];
  readonly forms: Map<string, { count: number; lastAnswer: number }>;
}

function count(tallies: Map<string, Tally>, key: string, form: string, answer: number, words: string[] = []) {
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = { answers: 0, lastAnswer: -1, words, forms: new Map() };
    tallies.set(key, tally);
  }
  if (tally.lastAnswer !== answer) {
    tally.answers += 1;
    tally.lastAnswer = answer;
  }
  const seen = tally.forms.get(form);
  if (seen === undefined) tally.forms.set(form, { count: 1, lastAnswer: answer });
  else if (seen.lastAnswer !== answer) {
    seen.count += 1;
    seen.lastAnswer = answer;
  }
}

function tallyAnswers(answers: readonly string[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  answers.forEach((answer, index) => {
    const text = answer.normalize('NFC').toLowerCase().replace(APOSTROPHES, "'").replace(HYPHENS, '-');
    let previous: { key: string; form: string } | undefined;
    let previousEnd = 0;
    for (const match of text.matchAll(WORD)) {
      const form = match[0];
      const start = match.index;
      const adjacent = previous !== undefined && !NOT_SPACE.test(text.slice(previousEnd, start));
      previousEnd = start + form.length;
      const key = lemma(form);
      if (isTooShort(form) || !HAS_LETTER.test(form) || isStopWord(form) || isStopWord(key)) {
        previous = undefined;
        continue;
      }
      count(tallies, key, form, index);
      if (adjacent && previous !== undefined && previous.key !== key) {
        count(tallies, `${previous.key} ${key}`, `${previous.form} ${form}`, index, [previous.key, key]);
      }
      previous = { key, form };
    }
  });
  return tallies;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The form most answers wrote; ties go to the alphabetically first. */
function mostFrequentForm(tally: Tally): string {
  let best = '';
  let bestCount = 0;
  for (const [form, { count: n }] of tally.forms) {
    if (n > bestCount || (n === bestCount && compareText(form, best) < 0)) [best, bestCount] = [form, n];
  }
  return best;
}

interface Candidate extends Theme {
  readonly key: string;
  readonly isPhrase: boolean;
  /** For a phrase, the keys of the words it makes redundant (mentioned in ≥ 80% of their answers). */
  readonly covers: readonly string[];
}

function byRank(a: Candidate, b: Candidate): number {
  return b.answers - a.answers || Number(b.isPhrase) - Number(a.isPhrase) || compareText(a.phrase, b.phrase);
}

/** Themes across free-text answers: each counted once per answer that mentions it. */
export function extractThemes(
  answers: readonly string[],
  options: { minAnswers?: number; limit?: number } = {},
): Theme[] {
  const minAnswers = Math.max(MIN_THEME_ANSWERS, Math.ceil(options.minAnswers ?? MIN_THEME_ANSWERS));
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const tallies = tallyAnswers(answers);
  const candidates: Candidate[] = [];
  for (const [key, tally] of tallies) {
    if (!(tally.answers >= minAnswers)) continue;
    const covers = tally.words.filter((word) => 5 * tally.answers >= 4 * (tallies.get(word)?.answers ?? 0));
    const phrase = mostFrequentForm(tally);
    candidates.push({ key, phrase, answers: tally.answers, isPhrase: tally.words.length > 0, covers });
  }
  candidates.sort(byRank);
  // Words covered by a shown phrase leave the list, which may let further phrases in: repeat until
  // stable. Phrases are never removed, so every removed word's phrase stays shown.
  const covered = new Set<string>();
  for (;;) {
    const shown = candidates.filter((c) => !covered.has(c.key)).slice(0, limit);
    const before = covered.size;
    for (const c of shown) for (const word of c.covers) covered.add(word);
    if (covered.size === before) return shown.map((c) => ({ phrase: c.phrase, answers: c.answers }));
  }
}
