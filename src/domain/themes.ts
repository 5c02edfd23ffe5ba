/**
 * Themes in free-text answers (pulse comments, objectives): what participants ask for, counted as
 * distinct authors who mention it. Pure, no I/O.
 *
 * Each answer is NFC-normalised and lowercased; Slack markup (anything in `<…>`: mentions, channels,
 * links with their labels), bare links, e-mail addresses and Slack's `&amp;`-style escapes are
 * removed, and a word that looks like a Slack id ("u0abc123") is dropped. The text is split into
 * words of any script (letters, marks, digits; inner apostrophes and hyphens kept: "one-on-one",
 * "team's"). Stop words, filler of this
 * domain ("want", "mentor", …), words of one or two characters and words without a letter are
 * dropped. A small suffix rule groups plurals and possessives under one key ("strategies" and
 * "strategy", "team's" and "teams" and "team"; "business", "process", "analysis" untouched), and
 * each theme is shown in the written form most authors used. Two adjacent kept words, with no
 * punctuation or dropped word between them, also count as a phrase. A theme counts at most once per
 * author, however many answers they wrote (a plain string answer is its own author). A word is left
 * out when a shown phrase containing it is mentioned by at least 80% of the word's authors: the
 * phrase says more.
 *
 * Privacy: a theme mentioned by fewer than MIN_THEME_ANSWERS authors is never returned, whatever
 * `minAnswers` asks for, since a rare word can identify a person or quote them. When answers come
 * from several groups (cohorts) whose own reports are also published, a theme is returned only if
 * no difference between this report and a group's can single out fewer people (see isPublishable);
 * this is decided before the limit and before phrases cover words.
 */

export interface Theme {
  readonly phrase: string;
  /** How many distinct authors (people) mention it; the name is kept for callers. */
  readonly answers: number;
}

export interface ThemeAnswer {
  readonly text: string;
  /** Who wrote it; answers with the same author count once per theme. */
  readonly author: string;
  /** The scope it belongs to (a cohort), for reports that are also published per scope. */
  readonly group?: string;
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
  /** Distinct authors mentioning it. */
  authors: number;
  lastAuthor: number;
  /** Distinct authors mentioning it, by group. */
  readonly groups: Map<string | undefined, { authors: number; lastAuthor: number }>;
  /** For a phrase, the keys of its two words. */
  readonly words: readonly string[];
  /** Written forms, each counted once per author. */
  readonly forms: Map<string, { count: number; lastAuthor: number }>;
}

/** An answer with a numeric author id; answers are visited sorted by it, so "once per author" is a
 * comparison with the last author seen. */
interface Entry {
  readonly text: string;
  readonly author: number;
  readonly group: string | undefined;
}

function count(tallies: Map<string, Tally>, key: string, form: string, entry: Entry, words: string[] = []) {
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = { authors: 0, lastAuthor: -1, groups: new Map(), words, forms: new Map() };
    tallies.set(key, tally);
  }
  if (tally.lastAuthor !== entry.author) {
    tally.authors += 1;
    tally.lastAuthor = entry.author;
  }
  const group = tally.groups.get(entry.group);
  if (group === undefined) tally.groups.set(entry.group, { authors: 1, lastAuthor: entry.author });
  else if (group.lastAuthor !== entry.author) {
    group.authors += 1;
    group.lastAuthor = entry.author;
  }
  const seen = tally.forms.get(form);
  if (seen === undefined) tally.forms.set(form, { count: 1, lastAuthor: entry.author });
  else if (seen.lastAuthor !== entry.author) {
    seen.count += 1;
    seen.lastAuthor = entry.author;
  }
}

/** Slack markup (`<@U…>`, `<#C…|name>`, `<!here>`, `<https://…|label>`, label included), bare links,
 * e-mail addresses and Slack's HTML escapes: removed before tokenising. Each is replaced by a
 * separator, so the words around it do not become a phrase. */
const REMOVED = [/<[^<>]*>/gu, /https?:\/\/\S+/gu, /www\.\S+/gu, /\S+@\S+/gu, /&(?:amp|lt|gt|quot|#\d+);/gu];
/** A Slack id left as plain text, lowercased: "u0abc123", "c024be91l", "w012a3cdefg". */
const SLACK_ID = /^[a-z][0-9][a-z0-9]{6,}$/u;

function cleanText(answer: string): string {
  let text = answer.normalize('NFC').toLowerCase();
  for (const pattern of REMOVED) text = text.replace(pattern, ' . ');
  return text.replace(APOSTROPHES, "'").replace(HYPHENS, '-');
}

function tallyAnswers(entries: readonly Entry[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const entry of entries) {
    const text = cleanText(entry.text);
    let previous: { key: string; form: string } | undefined;
    let previousEnd = 0;
    for (const match of text.matchAll(WORD)) {
      const form = match[0];
      const start = match.index;
      const adjacent = previous !== undefined && !NOT_SPACE.test(text.slice(previousEnd, start));
      previousEnd = start + form.length;
      const key = lemma(form);
      if (
        isTooShort(form) ||
        !HAS_LETTER.test(form) ||
        SLACK_ID.test(form) ||
        isStopWord(form) ||
        isStopWord(key)
      ) {
        previous = undefined;
        continue;
      }
      count(tallies, key, form, entry);
      if (adjacent && previous !== undefined && previous.key !== key) {
        count(tallies, `${previous.key} ${key}`, `${previous.form} ${form}`, entry, [previous.key, key]);
      }
      previous = { key, form };
    }
  }
  return tallies;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The form most authors wrote; ties go to the alphabetically first. */
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
  /** For a phrase, the keys of the words it makes redundant (mentioned by ≥ 80% of their authors). */
  readonly covers: readonly string[];
}

function byRank(a: Candidate, b: Candidate): number {
  return b.answers - a.answers || Number(b.isPhrase) - Number(a.isPhrase) || compareText(a.phrase, b.phrase);
}

/** Whether a theme may be shown: by at least `minAnswers` authors and, when answers come from
 * several groups (answers without a group form one more), with each of these 0 or at least
 * `minAnswers`: every group's count, the overall count minus any one group's (those who mention it
 * outside that group) and the sum of the groups' counts minus the overall one (people counted in
 * several groups). With a single group all three are trivially 0 or the overall count. */
function isPublishable(tally: Tally, minAnswers: number): boolean {
  if (!(tally.authors >= minAnswers)) return false;
  const safe = (n: number) => n === 0 || n >= minAnswers;
  let sum = 0;
  for (const { authors } of tally.groups.values()) {
    if (!safe(authors) || !safe(tally.authors - authors)) return false;
    sum += authors;
  }
  return safe(sum - tally.authors);
}

/** Answers with numeric authors, sorted by author (stably); a plain string is its own author. */
function toEntries(answers: readonly (string | ThemeAnswer)[]): Entry[] {
  const authors = new Map<string, number>();
  let next = 0;
  const entries = answers.map((answer): Entry => {
    if (typeof answer === 'string') return { text: answer, author: next++, group: undefined };
    let author = authors.get(answer.author);
    if (author === undefined) {
      author = next++;
      authors.set(answer.author, author);
    }
    return { text: answer.text, author, group: answer.group };
  });
  return entries.sort((a, b) => a.author - b.author);
}

/** Themes across free-text answers: each counted once per author who mentions it. */
export function extractThemes(
  answers: readonly (string | ThemeAnswer)[],
  options: { minAnswers?: number; limit?: number } = {},
): Theme[] {
  const minAnswers = Math.max(MIN_THEME_ANSWERS, Math.ceil(options.minAnswers ?? MIN_THEME_ANSWERS));
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const entries = toEntries(answers);
  const tallies = tallyAnswers(entries);
  const candidates: Candidate[] = [];
  for (const [key, tally] of tallies) {
    if (!isPublishable(tally, minAnswers)) continue;
    const covers = tally.words.filter((word) => 5 * tally.authors >= 4 * (tallies.get(word)?.authors ?? 0));
    const phrase = mostFrequentForm(tally);
    candidates.push({ key, phrase, answers: tally.authors, isPhrase: tally.words.length > 0, covers });
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
