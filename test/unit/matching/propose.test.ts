import {
  type MatchingInput,
  MatchingInputError,
  type Participant,
  type Proposal,
  proposeMatches,
} from '../../../src/domain/matching';
import { cohort, mentee, mentor, random, randomCohort } from './support';

function reasonsAddUp(proposal: Proposal): void {
  for (const pair of proposal.pairs) {
    expect(pair.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(pair.score);
    expect(pair.reasons.length).toBeGreaterThan(0);
  }
}

describe('proposeMatches: hard constraints', () => {
  const one = (e: Participant, r: Participant, overrides: Partial<MatchingInput> = {}) =>
    proposeMatches(cohort([e, r], overrides));

  test('when nothing stands in the way, then the pair is proposed with reasons that add up to its score', () => {
    const proposal = one(mentee('ada'), mentor('grace', { name: 'Grace' }));
    expect(proposal.pairs).toHaveLength(1);
    expect(proposal.pairs[0]?.reasons.map((r) => r.text)).toContain(
      'Grace offers System design and Hiring, both on your list (+38)',
    );
    expect(proposal.pairs[0]?.reasons.map((r) => r.text)).toContain(
      'different departments: Engineering and Sales (+12)',
    );
    reasonsAddUp(proposal);
    expect(proposal.stats.certified).toBe(true);
  });

  test.each<[string, Participant, Participant, Partial<MatchingInput>]>([
    ['same_person', mentee('kim'), mentor('kim'), {}],
    ['reporting_line', mentee('ada', { managerId: 'grace' }), mentor('grace'), {}],
    [
      'reporting_line',
      mentee('ada', { managerId: 'lead' }),
      mentor('grace'),
      { orgChart: [{ id: 'lead', managerId: 'grace' }] },
    ],
    ['reporting_line', mentee('ada', { managerId: 'boss' }), mentor('grace', { managerId: 'boss' }), {}],
    [
      'reporting_line',
      mentee('ada', { level: 5 }),
      mentor('grace', { level: 2, managerId: 'ada' }),
      { rules: { track: 'reverse', referenceDate: '2026-06-15' } },
    ],
    [
      'previously_paired',
      mentee('ada'),
      mentor('grace'),
      { previous: [{ mentorId: 'grace', menteeId: 'ada' }] },
    ],
    [
      'previously_paired',
      mentee('grace', { level: 5 }),
      mentor('ada', { level: 2, skillsOffered: ['AI tools'] }),
      {
        rules: { track: 'reverse', referenceDate: '2026-06-15' },
        previous: [{ mentorId: 'grace', menteeId: 'ada' }],
      },
    ],
    ['forbidden', mentee('ada'), mentor('grace'), { forbidden: [{ mentorId: 'grace', menteeId: 'ada' }] }],
    [
      'language',
      mentee('ada', { languages: ['German'] }),
      mentor('grace', { languages: ['English', 'French'] }),
      {},
    ],
    [
      'time_zone',
      mentee('ada', { timezone: 'Asia/Tokyo' }),
      mentor('grace', { timezone: 'America/Los_Angeles' }),
      {},
    ],
    ['seniority', mentee('ada', { level: 4 }), mentor('grace', { level: 4 }), {}],
    [
      'seniority',
      mentee('ada', { level: 3 }),
      mentor('grace', { level: 5 }),
      { rules: { track: 'reverse', referenceDate: '2026-06-15' } },
    ],
    [
      'reverse_skills',
      mentee('ada', { level: 5, skillsWanted: ['AI tools'] }),
      mentor('grace', { level: 2, skillsOffered: ['Hiring'] }),
      { rules: { track: 'reverse', referenceDate: '2026-06-15', reverseSkills: ['AI tools'] } },
    ],
    [
      'exclude_same',
      mentee('ada', { answers: { team: ['Platform'] } }),
      mentor('grace', { answers: { team: ['Platform', 'Data'] } }),
      {
        rules: {
          track: 'high-potential',
          referenceDate: '2026-06-15',
          questions: [{ id: 'team', label: 'Team', use: 'exclude_same', weight: 'low', sensitive: false }],
        },
      },
    ],
  ])(
    'when the only pair breaks %p, then it is not proposed and the mentee is told why',
    (code, e, r, overrides) => {
      const proposal = one(e, r, overrides);
      expect(proposal.pairs).toEqual([]);
      expect(proposal.unmatched).toEqual([expect.objectContaining({ menteeId: e.id, code })]);
      expect(proposal.idleMentorIds).toEqual([r.id]);
    },
  );

  test('when last cohort’s mentee is now a reverse mentor, then only their earlier mentor is ruled out', () => {
    const proposal = proposeMatches(
      cohort(
        [
          mentee('grace', { level: 5 }),
          mentee('linus', { level: 5 }),
          mentor('ada', { level: 2, skillsOffered: ['AI tools'], capacity: 2 }),
        ],
        {
          rules: { track: 'reverse', referenceDate: '2026-06-15' },
          previous: [{ mentorId: 'grace', menteeId: 'ada' }],
        },
      ),
    );
    expect(proposal.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['ada', 'linus']]);
    expect(proposal.unmatched).toEqual([
      expect.objectContaining({ menteeId: 'grace', code: 'previously_paired' }),
    ]);
  });

  test('when the reverse track pairs a junior who offers a listed skill with a senior, then the pair stands', () => {
    const proposal = one(
      mentee('ada', { level: 5, skillsWanted: ['AI tools', 'Hiring'] }),
      mentor('sam', { name: 'Sam', level: 2, skillsOffered: ['AI tools'] }),
      { rules: { track: 'reverse', referenceDate: '2026-06-15', reverseSkills: ['AI tools'] } },
    );
    expect(proposal.pairs).toHaveLength(1);
    const texts = proposal.pairs[0]?.reasons.map((r) => r.text).join(' | ');
    expect(texts).toMatch(/Sam offers AI tools, on your list/);
    expect(texts).toMatch(/Sam is 3 levels below you/);
  });
});

describe('proposeMatches: unknown languages', () => {
  test.each<[string, string[], string[]]>([
    ['the mentee', [], ['German']],
    ['the mentor', ['Portuguese'], []],
    ['either side', [], []],
    ['the mentee (blank entries only)', [' '], ['German']],
  ])('when %p lists no working language, then the pair is not blocked on language', (_, mine, theirs) => {
    const proposal = proposeMatches(
      cohort([mentee('ada', { languages: mine }), mentor('grace', { languages: theirs })]),
    );
    expect(proposal.pairs.map((p) => p.mentorId)).toEqual(['grace']);
    expect(proposal.unmatched).toEqual([]);
  });

  test('when a mentee lists languages nobody shares, then only mentors without a list can take them', () => {
    const proposal = proposeMatches(
      cohort([
        mentee('ada', { languages: ['Portuguese'] }),
        mentor('grace', { languages: ['English'] }),
        mentor('linus', { languages: [], skillsOffered: [] }),
      ]),
    );
    expect(proposal.pairs.map((p) => p.mentorId)).toEqual(['linus']);
  });
});

describe('proposeMatches: time zones', () => {
  const newYorkBerlin = (referenceDate: string) =>
    proposeMatches(
      cohort(
        [mentee('ada', { timezone: 'America/New_York' }), mentor('grace', { timezone: 'Europe/Berlin' })],
        { rules: { track: 'high-potential', referenceDate, minOverlapHours: 3 } },
      ),
    );

  test('when the US has moved its clocks and Europe has not (mid-March), then New York and Berlin share 3 hours', () => {
    const proposal = newYorkBerlin('2026-03-16');
    expect(proposal.pairs).toHaveLength(1);
    expect(proposal.pairs[0]?.reasons.map((r) => r.code)).not.toContain('time_zone');
  });

  test.each(['2026-01-15', '2026-04-15'])(
    'when both zones are on the same kind of time (%p), then they share only 2 hours and the pair fails a 3-hour minimum',
    (date) => {
      const proposal = newYorkBerlin(date);
      expect(proposal.pairs).toEqual([]);
      expect(proposal.unmatched[0]).toMatchObject({ code: 'time_zone' });
      expect(proposal.suggestions).toEqual([
        expect.objectContaining({
          kind: 'relax_overlap',
          mentorId: 'grace',
          text: expect.stringMatching(/2 h/),
        }),
      ]);
    },
  );
});

describe('proposeMatches: overlap over the programme', () => {
  const span = (referenceDate: string, referenceEndDate: string) =>
    cohort(
      [mentee('ada', { timezone: 'America/New_York' }), mentor('grace', { timezone: 'Europe/Berlin' })],
      {
        rules: { track: 'high-potential', referenceDate, referenceEndDate, minOverlapHours: 3 },
      },
    );

  test('when the programme runs past Europe’s clock change, then the pair is judged on its worst weeks and fails', () => {
    const proposal = proposeMatches(span('2026-03-16', '2026-06-30'));
    expect(proposal.pairs).toEqual([]);
    expect(proposal.unmatched[0]).toMatchObject({ code: 'time_zone' });
  });

  test('when the whole programme falls in the weeks the clocks disagree, then the pair keeps its 3 hours', () => {
    expect(proposeMatches(span('2026-03-09', '2026-03-20')).pairs).toHaveLength(1);
  });

  test.each([
    ['2026-02-30', /referenceEndDate must be a date/],
    ['2026-03-01', /on or after rules.referenceDate/],
    ['2029-03-16', /within two years/],
  ])('when the end date is %p, then the input is refused with a clear problem', (end, problem) => {
    expect(() => proposeMatches(span('2026-03-16', end))).toThrow(MatchingInputError);
    try {
      proposeMatches(span('2026-03-16', end));
    } catch (error) {
      expect((error as MatchingInputError).problems.join('\n')).toMatch(problem);
    }
  });
});

describe('proposeMatches: unknown job levels', () => {
  test('when a mentor’s level is unknown, then they can mentor anyone, earn no seniority points and the admin is told', () => {
    const proposal = proposeMatches(
      cohort([mentee('ada', { level: 3 }), mentor('grace', { level: null, name: 'Grace' })]),
    );
    expect(proposal.pairs).toHaveLength(1);
    expect(proposal.pairs[0]?.reasons.map((r) => r.code)).not.toContain('seniority');
    expect(proposal.warnings).toEqual([
      '1 person has no job level, so seniority was neither checked nor scored for them',
    ]);
    reasonsAddUp(proposal);
  });

  test('when the mentee’s level is unknown, then seniority does not count against the mentor’s score', () => {
    const known = proposeMatches(cohort([mentee('ada', { level: 2 }), mentor('grace', { level: 2 })]));
    expect(known.pairs).toEqual([]);
    const unknown = proposeMatches(cohort([mentee('ada', { level: null }), mentor('grace', { level: 2 })]));
    expect(unknown.pairs).toHaveLength(1);
    // The criterion does not apply, so the pair is scored out of what does.
    expect(unknown.pairs[0]?.score).toBeGreaterThan(0);
    reasonsAddUp(unknown);
  });

  test('when nobody has a level, then everyone may pair and one warning says so', () => {
    const proposal = proposeMatches(
      cohort([mentee('ada', { level: null }), mentor('grace', { level: null })], {
        rules: { track: 'reverse', referenceDate: '2026-06-15' },
      }),
    );
    expect(proposal.pairs).toHaveLength(1);
    expect(proposal.warnings).toEqual([
      'Nobody has a job level, so seniority was neither checked nor scored for them',
    ]);
  });

  test('when a level is not a whole number, then the input is refused', () => {
    expect(() => proposeMatches(cohort([mentee('ada', { level: 2.5 }), mentor('grace')]))).toThrow(
      /level must be a whole number or null/,
    );
  });

  test('when a level is beyond any job scale, then the input is refused instead of wrapping around', () => {
    expect(() => proposeMatches(cohort([mentee('ada', { level: 5e9 }), mentor('grace')]))).toThrow(
      /level must be between -1000000 and 1000000 \(got 5000000000\)/,
    );
  });
});

describe('proposeMatches: sensitive answers', () => {
  const question = {
    id: 'identity',
    label: 'Self-identified community',
    use: 'prefer_similar' as const,
    weight: 'high' as const,
    sensitive: true,
  };
  const run = (optIn: boolean) =>
    proposeMatches(
      cohort(
        [
          mentee('ada', { answers: { identity: ['Quietly Distinctive Group'] }, matchOnSensitive: optIn }),
          mentor('grace', { answers: { identity: ['Quietly Distinctive Group'] } }),
        ],
        { rules: { track: 'high-potential', referenceDate: '2026-06-15', questions: [question] } },
      ),
    );

  test('when the mentee opted in, then the shared answer scores but the reason never names it', () => {
    const proposal = run(true);
    const reasons = proposal.pairs[0]?.reasons ?? [];
    expect(reasons.map((r) => r.code)).toContain('preference');
    const text = JSON.stringify(proposal);
    expect(text).not.toMatch(/Quietly Distinctive|Self-identified|identity/);
    reasonsAddUp(proposal);
  });

  test('when the mentee did not opt in, then the answer does not count at all', () => {
    const withOptIn = run(true).pairs[0];
    const without = run(false).pairs[0];
    expect(without?.reasons.map((r) => r.code)).not.toContain('preference');
    expect(without?.score).toBeLessThanOrEqual(100);
    expect(withOptIn?.reasons.find((r) => r.code === 'preference')?.points).toBeGreaterThan(0);
  });

  test('when random cohorts with sensitive questions are matched, then no reason or explanation mentions them', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const proposal = proposeMatches(randomCohort(seed));
      reasonsAddUp(proposal);
      for (const pair of proposal.pairs) {
        for (const reason of pair.reasons) expect(reason.text).not.toMatch(/Background/);
      }
      expect(JSON.stringify([proposal.unmatched, proposal.suggestions, proposal.warnings])).not.toMatch(
        /Background/,
      );
    }
  });
});

describe('proposeMatches: admin decisions and explanations', () => {
  const scarce = (pinned: MatchingInput['pinned'] = []) =>
    proposeMatches(
      cohort(
        [
          mentee('best', { name: 'Best', skillsWanted: ['System design', 'Hiring'] }),
          mentee('weak', { name: 'Weak', skillsWanted: ['Negotiation'], goals: [] }),
          mentor('grace', { name: 'Grace' }),
        ],
        { pinned },
      ),
    );

  test('when one mentor could take either of two mentees, then the better match wins and the other is told why', () => {
    const proposal = scarce();
    expect(proposal.pairs.map((p) => p.menteeId)).toEqual(['best']);
    expect(proposal.unmatched).toEqual([
      {
        menteeId: 'weak',
        code: 'all_at_capacity',
        reason: 'every compatible mentor is at capacity (1 compatible)',
      },
    ]);
    expect(proposal.suggestions).toEqual([
      expect.objectContaining({
        kind: 'raise_capacity',
        mentorId: 'grace',
        menteeId: 'weak',
        text: expect.stringMatching(/^Grace could take one more mentee \(capacity 1 → 2\) to match Weak/),
      }),
    ]);
  });

  test('when an admin pins the weaker pair, then the pin stands even though it is not optimal', () => {
    const proposal = scarce([{ mentorId: 'grace', menteeId: 'weak' }]);
    expect(proposal.pairs).toEqual([
      expect.objectContaining({ menteeId: 'weak', mentorId: 'grace', pinned: true }),
    ]);
    expect(proposal.pairs[0]?.reasons[0]).toMatchObject({ code: 'pinned', points: 0 });
    expect(proposal.unmatched.map((u) => u.menteeId)).toEqual(['best']);
    reasonsAddUp(proposal);
  });

  test('when a pin crosses a reporting line, then it stands and the admin is warned', () => {
    const proposal = proposeMatches(
      cohort([mentee('ada', { managerId: 'grace' }), mentor('grace', { name: 'Grace' })], {
        pinned: [{ mentorId: 'grace', menteeId: 'ada' }],
      }),
    );
    expect(proposal.pairs).toHaveLength(1);
    expect(proposal.warnings).toEqual(['pinned pair Grace → Mentee ada breaks a rule: reporting line']);
  });

  test('when nobody speaks the mentee’s language, then the admin is told to recruit one', () => {
    const proposal = proposeMatches(cohort([mentee('ada', { languages: ['Portuguese'] }), mentor('grace')]));
    expect(proposal.unmatched[0]?.reason).toBe('no mentor with capacity shares a working language');
    expect(proposal.suggestions[0]).toMatchObject({
      kind: 'recruit_language',
      text: expect.stringMatching(/Portuguese/),
    });
  });

  test('when the input is inconsistent, then every problem is listed', () => {
    const bad = cohort(
      [mentee('ada', { timezone: 'Mars/Olympus' }), mentee('ada'), mentor('grace', { level: 2.5 })],
      {
        pinned: [{ mentorId: 'nobody', menteeId: 'ada' }],
        rules: { track: 'group', referenceDate: '2026-02-30' },
      },
    );
    expect(() => proposeMatches(bad)).toThrow(MatchingInputError);
    try {
      proposeMatches(bad);
    } catch (error) {
      const problems = (error as MatchingInputError).problems.join('\n');
      expect(problems).toMatch(/referenceDate/);
      expect(problems).toMatch(/unknown time zone "Mars\/Olympus"/);
      expect(problems).toMatch(/repeats participants\[0\]/);
      expect(problems).toMatch(/level must be a whole number/);
      expect(problems).toMatch(/no mentor "nobody"/);
    }
  });
});

describe('proposeMatches: determinism', () => {
  function shuffled<T>(list: readonly T[], seed: number): T[] {
    const next = random(seed);
    return list
      .map((item) => ({ item, key: next() }))
      .sort((a, b) => a.key - b.key)
      .map(({ item }) => item);
  }

  test.each([1, 2, 3, 4, 5, 6])(
    'when cohort %p is given in a shuffled order with the same seed, then the proposal is identical',
    (seed) => {
      const input = randomCohort(seed, { mentees: 20, mentors: 12 });
      const first = proposeMatches(input);
      const again = proposeMatches({ ...input, participants: shuffled(input.participants, seed * 31) });
      expect(again).toEqual(first);
      expect(first.seed).toBe(seed);
    },
  );

  test('when the cohort is matched twice, then the result is the same', () => {
    const input = randomCohort(9);
    expect(proposeMatches(input)).toEqual(proposeMatches(input));
  });
});

describe('proposeMatches: groups', () => {
  test.each([11, 12, 13, 14])(
    'when group cohort %p is matched, then groups respect size and coherence only improves within tolerance',
    (seed) => {
      const base = randomCohort(seed, { mentees: 24, mentors: 6 });
      const input: MatchingInput = {
        ...base,
        rules: { ...base.rules, track: 'group', groupSize: 4, minOverlapHours: 0, coherenceTolerance: 0.05 },
      };
      const proposal = proposeMatches(input);
      const report = proposal.stats.coherence;
      expect(report).toBeDefined();
      if (!report) return;
      expect(report.scoreAfter).toBeGreaterThanOrEqual(report.scoreBefore * 0.95 - 1e-9);
      if (report.before !== null && report.after !== null)
        expect(report.after).toBeGreaterThanOrEqual(report.before - 1e-9);
      expect(report.scoreAfter).toBe(proposal.stats.totalScore);
      for (const group of proposal.groups) {
        expect(group.menteeIds.length).toBeLessThanOrEqual(4);
        expect(proposal.pairs.filter((p) => p.mentorId === group.mentorId).map((p) => p.menteeId)).toEqual(
          group.menteeIds,
        );
      }
      reasonsAddUp(proposal);
    },
  );
});
