import fc from 'fast-check';
import { extractThemes, MIN_THEME_ANSWERS, type Theme, type ThemeAnswer } from '../../src/domain/themes';

/** `text` written by `n` different answers. */
const times = (n: number, text: string): string[] => Array.from({ length: n }, () => text);

/** `text` written by `n` different authors named `${prefix}0`, `${prefix}1`, …, in `group`. */
const byAuthors = (n: number, text: string, prefix: string, group?: string): ThemeAnswer[] =>
  Array.from({ length: n }, (_, i) => ({
    text,
    author: `${prefix}${i}`,
    ...(group === undefined ? {} : { group }),
  }));

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

  describe('authors', () => {
    test('when one author writes the same theme in 5 answers, then it is not shown', () => {
      const answers = times(5, 'negotiation').map((text) => ({ text, author: 'U1' }));
      expect(extractThemes(answers)).toEqual([]);
      expect(extractThemes([...answers, ...byAuthors(3, 'negotiation', 'other')])).toEqual([]);
    });

    test('when 5 authors write it, then it is shown counting 5 however many answers each wrote', () => {
      const answers = [...byAuthors(5, 'negotiation', 'p'), ...byAuthors(5, 'Negotiation!', 'p')];
      expect(extractThemes(answers)).toEqual([{ phrase: 'negotiation', answers: 5 }]);
    });

    test('when one author repeats a rare written form, then the form shown is the one most authors used', () => {
      const answers = [
        ...byAuthors(3, 'Teams', 'a'),
        ...times(6, 'team').map((text) => ({ text, author: 'b' })),
        ...byAuthors(1, 'team', 'c'),
      ];
      expect(extractThemes(answers)).toEqual([{ phrase: 'teams', answers: 5 }]);
    });

    test('when plain strings and authored answers are mixed, then each string is its own author', () => {
      const answers = [...times(2, 'negotiation'), ...byAuthors(3, 'negotiation', 'p')];
      expect(extractThemes(answers)).toEqual([{ phrase: 'negotiation', answers: 5 }]);
    });
  });

  describe('Slack markup and links', () => {
    test.each([
      ['a user mention', '<@U0ABC123>'],
      ['a user mention with a name', '<@U0ABC123|jane.doe>'],
      ['a channel mention', '<#C024BE91L|general>'],
      ['a special mention', '<!here>'],
      ['a user group mention', '<!subteam^S0123ABCD|@leadership-team>'],
      ['a labelled link', '<https://x.example/y|the link text>'],
      ['a mailto link', '<mailto:someone@example.com|someone@example.com>'],
      ['a bare link', 'https://example.com/abc'],
      ['a www link', 'www.example.com/courses'],
      ['an e-mail address', 'someone@example.com'],
      ['a bare user id', 'U0ABC123'],
      ['a bare workspace id', 'W012A3CDEFG'],
      ['an escaped ampersand', 'R&amp;D'],
    ])('when answers contain %s, then it produces no theme', (_, markup) => {
      const answers = byAuthors(6, `Negotiation ${markup} practice, ${markup}.`, 'p');
      expect(extractThemes(answers)).toEqual([
        { phrase: 'negotiation', answers: 6 },
        { phrase: 'practice', answers: 6 },
      ]);
    });

    test('when markup sits between two words, then they do not form a phrase', () => {
      expect(extractThemes(byAuthors(6, 'public <@U0ABC123> speaking', 'p'))).toEqual([
        { phrase: 'public', answers: 6 },
        { phrase: 'speaking', answers: 6 },
      ]);
    });

    test('when a word merely has digits, then it is kept unless it looks like a Slack id', () => {
      expect(extractThemes(byAuthors(6, 'web3, python3, b2b, u0abc123, c024be91l', 'p'))).toEqual([
        { phrase: 'b2b', answers: 6 },
        { phrase: 'python3', answers: 6 },
        { phrase: 'web3', answers: 6 },
      ]);
    });
  });

  describe('groups', () => {
    test('when one group has 9 authors and the other 3, then the theme is hidden from the overall report', () => {
      const answers = [...byAuthors(9, 'negotiation', 'a', 'A'), ...byAuthors(3, 'negotiation', 'b', 'B')];
      expect(extractThemes(answers)).toEqual([]);
    });

    test('when one group has 7 authors and the other 5, then the theme is shown with 12', () => {
      const answers = [...byAuthors(7, 'negotiation', 'a', 'A'), ...byAuthors(5, 'negotiation', 'b', 'B')];
      expect(extractThemes(answers)).toEqual([{ phrase: 'negotiation', answers: 12 }]);
    });

    test('when a group has no mention of a theme, then it counts 0 for that theme', () => {
      const answers = [
        ...byAuthors(7, 'negotiation', 'a', 'A'),
        ...byAuthors(5, 'negotiation', 'b', 'B'),
        ...byAuthors(2, 'budgeting', 'c', 'C'),
      ];
      expect(extractThemes(answers)).toEqual([{ phrase: 'negotiation', answers: 12 }]);
    });

    /** 5 authors only in A, 5 only in B and `shared` in both. */
    const overlapping = (shared: number): ThemeAnswer[] => [
      ...byAuthors(5, 'negotiation', 'a', 'A'),
      ...byAuthors(5, 'negotiation', 'b', 'B'),
      ...byAuthors(shared, 'negotiation', 's', 'A'),
      ...byAuthors(shared, 'negotiation', 's', 'B'),
    ];

    test.each([1, 2, 3, 4])(
      'when %i people in both groups mention a theme, then it is hidden from the overall report',
      (shared) => {
        expect(extractThemes(overlapping(shared))).toEqual([]);
      },
    );

    test.each([0, 5, 6])(
      'when %i people in both groups mention a theme, then it is shown counting each person once',
      (shared) => {
        expect(extractThemes(overlapping(shared))).toEqual([{ phrase: 'negotiation', answers: 10 + shared }]);
      },
    );

    test('when the same 5 people mention a theme in both groups, then it is shown with 5', () => {
      const answers = [...byAuthors(5, 'negotiation', 's', 'A'), ...byAuthors(5, 'negotiation', 's', 'B')];
      expect(extractThemes(answers)).toEqual([{ phrase: 'negotiation', answers: 5 }]);
    });

    test('when the overall count minus one group leaves 1 to 4 people, then the theme is hidden even with a large overlap', () => {
      // A: 10 (5 shared), B: 7 (5 shared), overall 12: 12 - 10 = 2 people mention it in B only.
      const answers = [
        ...byAuthors(5, 'negotiation', 'a', 'A'),
        ...byAuthors(2, 'negotiation', 'b', 'B'),
        ...byAuthors(5, 'negotiation', 's', 'A'),
        ...byAuthors(5, 'negotiation', 's', 'B'),
      ];
      expect(extractThemes(answers)).toEqual([]);
    });

    test('when a third group has 1 to 4 authors all also in the other groups, then the theme is hidden', () => {
      // A and B: the same 10 people; C: 3 of them. Overall 10, overall minus any group 0 or 7,
      // overlap 13: only C's own figure (3) is small.
      const answers = [
        ...byAuthors(10, 'negotiation', 's', 'A'),
        ...byAuthors(10, 'negotiation', 's', 'B'),
        ...byAuthors(3, 'negotiation', 's', 'C'),
      ];
      expect(extractThemes(answers)).toEqual([]);
      expect(extractThemes([...answers, ...byAuthors(5, 'negotiation', 's', 'C')])).toEqual([
        { phrase: 'negotiation', answers: 10 },
      ]);
    });

    test('when answers without a group sit beside grouped ones, then they count as a group of their own', () => {
      const grouped = byAuthors(9, 'negotiation', 'a', 'A');
      expect(extractThemes([...grouped, ...times(3, 'negotiation')])).toEqual([]);
      expect(extractThemes([...grouped, ...byAuthors(3, 'negotiation', 'x')])).toEqual([]);
      expect(extractThemes([...grouped, ...times(5, 'negotiation')])).toEqual([
        { phrase: 'negotiation', answers: 14 },
      ]);
    });

    test('when every answer is in the same group, then the result is as with no groups', () => {
      const plain = [
        ...byAuthors(9, 'public speaking', 'a'),
        ...byAuthors(3, 'speaking', 'b'),
        ...byAuthors(6, 'agile', 'c'),
      ];
      const grouped = plain.map((answer) => ({ ...answer, group: 'A' }));
      expect(extractThemes(grouped)).toEqual(extractThemes(plain));
      expect(extractThemes(grouped)).toEqual([
        { phrase: 'speaking', answers: 12 },
        { phrase: 'public speaking', answers: 9 },
        { phrase: 'agile', answers: 6 },
      ]);
    });

    test('when a theme is hidden for its groups, then it neither takes a place in the limit nor hides a word', () => {
      const answers = [
        ...byAuthors(20, 'agile', 'x', 'A'),
        ...byAuthors(1, 'agile', 'y', 'B'),
        ...byAuthors(10, 'public speaking', 'a', 'A'),
        ...byAuthors(2, 'public speaking', 'b', 'B'),
        ...byAuthors(3, 'speaking', 'c', 'B'),
      ];
      // Without groups: agile (21), then public speaking (12) covering speaking (15, 12 ≥ 80%).
      expect(
        extractThemes(
          answers.map(({ text, author }) => ({ text, author })),
          { limit: 1 },
        ),
      ).toEqual([{ phrase: 'agile', answers: 21 }]);
      expect(extractThemes(answers, { limit: 1 })).toEqual([{ phrase: 'speaking', answers: 15 }]);
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

    test('when grouped answers are shuffled, then the themes are the same', () => {
      const answer = fc.record({
        text: fc.constantFrom('negotiation', 'Negotiations', 'career growth', 'growth', 'agile'),
        author: fc.constantFrom(...'abcdefghijklmnop'),
        group: fc.constantFrom('A', 'B'),
      });
      fc.assert(
        fc.property(
          fc
            .array(answer, { maxLength: 60 })
            .chain((answers) =>
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

    test('when grouped answers are published overall and per group, then no difference singles out 1 to 4 people', () => {
      // Each answer is exactly one theme word (no phrases, no plurals), so the people mentioning a
      // theme are counted here by plain equality, independently of the code under test.
      const WORDS = ['agile', 'budgeting', 'coaching'];
      const GROUPS = ['A', 'B', 'C'];
      // Blocks of authors `${pool}0`…, each writing one word in one or more groups: pools shared
      // between blocks make people who appear in several groups or write several answers.
      const block = fc.record({
        word: fc.constantFrom(...WORDS),
        groups: fc.subarray(GROUPS, { minLength: 1 }),
        pool: fc.constantFrom('p', 'q', 'r'),
        from: fc.integer({ min: 0, max: 6 }),
        size: fc.integer({ min: 0, max: 8 }),
      });
      const answersArb = fc
        .array(block, { maxLength: 8 })
        .map((blocks) =>
          blocks.flatMap(({ word, groups, pool, from, size }) =>
            groups.flatMap((group) =>
              Array.from({ length: size }, (_, i) => ({ text: word, author: `${pool}${from + i}`, group })),
            ),
          ),
        );
      const small = (n: number) => n >= 1 && n < MIN_THEME_ANSWERS;
      fc.assert(
        fc.property(answersArb, (answers) => {
          const overall = extractThemes(answers, { limit: 100 });
          const perGroup = new Map(
            GROUPS.map((g) => [
              g,
              extractThemes(
                answers.filter((a) => a.group === g),
                { limit: 100 },
              ),
            ]),
          );
          for (const word of WORDS) {
            const people = (group?: string) =>
              new Set(
                answers.filter((a) => a.text === word && (group ?? a.group) === a.group).map((a) => a.author),
              ).size;
            const total = people();
            const counts = GROUPS.map((g) => people(g));
            const overlap = counts.reduce((sum, n) => sum + n, 0) - total;
            const allowed =
              total >= MIN_THEME_ANSWERS &&
              !small(overlap) &&
              counts.every((n) => !small(n) && !small(total - n));
            const shown = overall.find((t) => t.phrase === word);
            expect(shown).toEqual(allowed ? { phrase: word, answers: total } : undefined);
            if (shown === undefined) continue;
            for (const g of GROUPS) {
              const inGroup = perGroup.get(g)?.find((t) => t.phrase === word)?.answers ?? 0;
              expect(small(shown.answers - inGroup)).toBe(false);
            }
          }
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
