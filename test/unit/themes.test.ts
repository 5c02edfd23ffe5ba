import fc from 'fast-check';
import { extractThemes, MIN_THEME_ANSWERS, type Theme } from '../../src/domain/themes';

/** `text` written by `n` different answers. */
const times = (n: number, text: string): string[] => Array.from({ length: n }, () => text);

const STOP_SAMPLE = [
  'i',
  'the',
  'and',
  'to',
  'my',
  'want',
  'would',
  'like',
  'get',
  'help',
  'more',
  'better',
  'program',
  'mentor',
  'mentoring',
  "i'm",
  "don't",
];
const THEME_SAMPLE = ['public', 'speaking', 'career', 'growth', 'delegation', 'feedback', 'skills', 'skill'];

/** Answers built from a small pool, so some themes pass the threshold and shuffles are meaningful. */
const answersArb = fc.array(
  fc.array(fc.constantFrom(...STOP_SAMPLE, ...THEME_SAMPLE), { minLength: 0, maxLength: 8 }).chain((words) =>
    fc
      .array(fc.constantFrom(' ', ' ', ' ', ', ', '. '), {
        minLength: words.length,
        maxLength: words.length,
      })
      .map((gaps) => words.map((w, i) => `${w}${gaps[i] ?? ' '}`).join('')),
  ),
  { maxLength: 80 },
);

describe('extractThemes', () => {
  test('when the answers are a known fixture, then the themes are exactly what participants asked for', () => {
    const answers = [
      'I would like to get better at public speaking.',
      'Public speaking and delegation.',
      'More confidence when public speaking, please!',
      'Career growth: how do I get promoted?',
      'My career growth and delegation',
      'Delegation, feedback and career growth',
      'Career growth — and public speaking',
      'Delegation. Public speaking. Feedback.',
      'Public speaking at conferences',
      'Career growth in a big company',
      'Delegation and feedback',
      'Career in tech; growth mindset',
    ];
    expect(extractThemes(answers)).toEqual<Theme[]>([
      { phrase: 'public speaking', answers: 6 },
      { phrase: 'career growth', answers: 5 },
      { phrase: 'delegation', answers: 5 },
    ]);
  });

  test('when there are no answers, then there are no themes', () => {
    expect(extractThemes([])).toEqual([]);
  });

  test.each([
    ['whitespace-only', ['', ' ', '\n\t  ', '\u00a0']],
    ['emoji-only', ['😀', '🎤🎤🎤', '👩🏽‍💻 🚀', '❤️']],
    [
      'stop-words-only',
      ['I would like to get more help from my mentor in the program', "I'm not sure, don't know"],
    ],
  ])('when every answer is %s, then there are no themes and nothing throws', (_, answers) => {
    expect(extractThemes(answers.flatMap((a) => times(10, a)))).toEqual([]);
  });

  describe('privacy threshold', () => {
    test('when 4 answers mention a word, then it is not shown; when 5 do, then it is', () => {
      const four = [...times(4, 'Negotiation'), 'nothing else', 'really'];
      expect(extractThemes(four)).toEqual([]);
      expect(extractThemes([...four, 'negotiation with vendors'])).toEqual([
        { phrase: 'negotiation', answers: 5 },
      ]);
      expect(MIN_THEME_ANSWERS).toBe(5);
    });

    test('when the caller asks for a lower minimum, then the floor of 5 answers still applies', () => {
      expect(extractThemes(times(4, 'negotiation'), { minAnswers: 1 })).toEqual([]);
      expect(extractThemes(times(4, 'negotiation'), { minAnswers: 0 })).toEqual([]);
    });

    test('when the caller asks for a higher minimum, then themes below it are hidden', () => {
      const answers = [...times(6, 'negotiation'), ...times(5, 'feedback')];
      expect(extractThemes(answers, { minAnswers: 6 })).toEqual([{ phrase: 'negotiation', answers: 6 }]);
    });
  });

  test('when one answer repeats a word, then it counts once for that answer', () => {
    const answers = ['leadership leadership leadership', 'Leadership', 'leadership!', 'my leadership'];
    expect(extractThemes(answers)).toEqual([]);
    expect(extractThemes([...answers, 'leadership'])).toEqual([{ phrase: 'leadership', answers: 5 }]);
  });

  test('when plurals and singulars are mixed, then they group under the most frequent written form', () => {
    const answers = [
      'Strategies and skills',
      'strategy; skills',
      'strategy, Skills',
      'Strategy / skill',
      'strategies + skill',
    ];
    expect(extractThemes(answers)).toEqual([
      { phrase: 'skills', answers: 5 },
      { phrase: 'strategy', answers: 5 },
    ]);
  });

  test('when words end in -ss, -is or -es, then "business", "process" and "analysis" keep their s', () => {
    const answers = [
      ...times(3, 'Business, process, analysis'),
      ...times(2, 'businesses; processes; analysis'),
    ];
    expect(extractThemes(answers)).toEqual([
      { phrase: 'analysis', answers: 5 },
      { phrase: 'business', answers: 5 },
      { phrase: 'process', answers: 5 },
    ]);
  });

  test('when two written forms are equally frequent, then the alphabetically first is shown', () => {
    const answers = ['Teams', 'teams', 'team', 'Team', 'team’s'];
    expect(extractThemes(answers)).toEqual([{ phrase: 'team', answers: 5 }]);
  });

  describe('phrases', () => {
    test('when a phrase covers at least 80% of a word, then the word is dropped for the phrase', () => {
      const answers = [...times(8, 'public speaking'), ...times(2, 'speaking')];
      expect(extractThemes(answers)).toEqual([{ phrase: 'public speaking', answers: 8 }]);
    });

    test('when a phrase covers less than 80% of a word, then both are shown', () => {
      const answers = [...times(7, 'public speaking'), ...times(3, 'speaking')];
      expect(extractThemes(answers)).toEqual([
        { phrase: 'speaking', answers: 10 },
        { phrase: 'public speaking', answers: 7 },
      ]);
    });

    test('when words are split by punctuation or a stop word, then they do not form a phrase', () => {
      expect(extractThemes([...times(3, 'career, growth'), ...times(2, 'career and growth')])).toEqual([
        { phrase: 'career', answers: 5 },
        { phrase: 'growth', answers: 5 },
      ]);
    });

    test('when a phrase is cut by the limit, then the word it would cover is still shown', () => {
      const answers = [...times(8, 'public speaking'), ...times(2, 'speaking'), ...times(9, 'agile')];
      expect(extractThemes(answers, { limit: 2 })).toEqual([
        { phrase: 'speaking', answers: 10 },
        { phrase: 'agile', answers: 9 },
      ]);
      expect(extractThemes(answers, { limit: 3 })).toEqual([
        { phrase: 'agile', answers: 9 },
        { phrase: 'public speaking', answers: 8 },
      ]);
    });
  });

  test('when words have inner hyphens or apostrophes, then they stay whole', () => {
    expect(extractThemes(times(5, 'One-on-one with my team’s lead'))).toEqual([
      { phrase: "team's lead", answers: 5 },
      { phrase: 'one-on-one', answers: 5 },
    ]);
  });

  test('when tokens are short or have no letters, then they are not themes', () => {
    expect(extractThemes(times(5, 'AI, ML, 2024, 2024-25, 1:1, Q3 OKRs'))).toEqual([
      { phrase: 'okrs', answers: 5 },
    ]);
  });

  test('when answers are in other scripts, then their words are counted lowercased', () => {
    const answers = [...times(3, 'FÜHRUNG; лидерство; 領導力'), ...times(2, 'Führung. Лидерство. 領導力')];
    expect(extractThemes(answers)).toEqual([
      { phrase: 'führung', answers: 5 },
      { phrase: 'лидерство', answers: 5 },
      { phrase: '領導力', answers: 5 },
    ]);
  });

  test('when an answer is 2,000 characters long, then it is counted once like any other', () => {
    const long = 'We need public speaking practice. '.repeat(58).padEnd(2000, '.');
    expect(long).toHaveLength(2000);
    expect(extractThemes(times(5, long))).toEqual([
      { phrase: 'public speaking', answers: 5 },
      { phrase: 'speaking practice', answers: 5 },
    ]);
  });

  test('when equal counts mix phrases and words, then phrases come first, then alphabetical order', () => {
    const answers = [
      ...times(5, 'zero trust'),
      ...times(5, 'agile'),
      ...times(5, 'budgeting'),
      ...times(6, 'yoga'),
    ];
    expect(extractThemes(answers)).toEqual([
      { phrase: 'yoga', answers: 6 },
      { phrase: 'zero trust', answers: 5 },
      { phrase: 'agile', answers: 5 },
      { phrase: 'budgeting', answers: 5 },
    ]);
  });

  describe('limit', () => {
    const words = ['agile', 'budgeting', 'coaching', 'delegation', 'ethics', 'feedback'];
    const answers = words.flatMap((w, i) => times(5 + i, w));

    test('when there are more themes than the default limit, then 10 are shown', () => {
      const many = Array.from({ length: 12 }, (_, i) =>
        times(5, `theme${String.fromCharCode(97 + i)}`),
      ).flat();
      expect(extractThemes(many)).toHaveLength(10);
    });

    test('when a limit is given, then only the top themes up to it are shown', () => {
      expect(extractThemes(answers, { limit: 2 })).toEqual([
        { phrase: 'feedback', answers: 10 },
        { phrase: 'ethics', answers: 9 },
      ]);
      expect(extractThemes(answers, { limit: 0 })).toEqual([]);
    });
  });

  describe('properties', () => {
    test('when the answers are shuffled, then the themes are the same', () => {
      fc.assert(
        fc.property(
          answersArb.chain((answers) =>
            fc.tuple(
              fc.constant(answers),
              fc.shuffledSubarray(answers, { minLength: answers.length, maxLength: answers.length }),
            ),
          ),
          ([answers, shuffled]) => {
            expect(extractThemes(shuffled)).toEqual(extractThemes(answers));
          },
        ),
      );
    });

    test('when any answers are given, then stop words never appear and the output is ranked, capped and private', () => {
      fc.assert(
        fc.property(answersArb, fc.integer({ min: 0, max: 12 }), (answers, limit) => {
          const themes = extractThemes(answers, { limit });
          expect(themes.length).toBeLessThanOrEqual(limit);
          for (const theme of themes) {
            for (const word of theme.phrase.split(' ')) expect(STOP_SAMPLE).not.toContain(word);
            expect(theme.answers).toBeGreaterThanOrEqual(5);
            expect(theme.answers).toBeLessThanOrEqual(answers.length);
          }
          const counts = themes.map((t) => t.answers);
          expect(counts).toEqual([...counts].sort((a, b) => b - a));
          expect(new Set(themes.map((t) => t.phrase)).size).toBe(themes.length);
        }),
      );
    });

    test('when answers are arbitrary Unicode, then extraction never throws', () => {
      const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)); // lone surrogates too
      const answer = fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: anyCodeUnit, maxLength: 200 }),
      );
      fc.assert(
        fc.property(fc.array(answer, { maxLength: 10 }), (answers) => {
          expect(Array.isArray(extractThemes(answers))).toBe(true);
        }),
      );
    });
  });
});
