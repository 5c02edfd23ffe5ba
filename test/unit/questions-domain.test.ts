import {
  type AnswerValue,
  defaultQuestionBank,
  PREFER_NOT_TO_SAY,
  type Question,
  slugify,
  validateAnswers,
} from '../../src/domain/questions';

const bank: Question[] = defaultQuestionBank('high_potential').map((q, i) => ({ ...q, id: i + 1 }));

function check(role: 'mentor' | 'mentee', answers: Record<string, AnswerValue>, userId = 'U1') {
  return validateAnswers({ questions: bank, answers: new Map(Object.entries(answers)), role, userId });
}

const complete = {
  objectives: 'Grow into a people leader',
  department: 'engineering',
  job_level: '3',
  cadence: 'biweekly',
  languages: ['english'],
};

describe('default question bank', () => {
  test('when a cohort starts, then every track gets objectives, skills, manager, cadence and optional self-identification', () => {
    for (const track of ['high_potential', 'reverse', 'group'] as const) {
      const keys = defaultQuestionBank(track).map((q) => q.key);
      expect(keys).toEqual(
        expect.arrayContaining([
          'objectives',
          'skills_offered',
          'skills_wanted',
          'department',
          'job_level',
          'manager',
          'cadence',
          'meeting_format',
          'languages',
        ]),
      );
      const sensitive = defaultQuestionBank(track).filter((q) => q.sensitive);
      expect(sensitive.length).toBeGreaterThan(0);
      for (const q of sensitive) {
        expect(q.required).toBe(false);
        expect(q.matchingUse).toBe('none');
        expect(q.options).toContainEqual(PREFER_NOT_TO_SAY);
        expect(q.helpText).toMatch(/aggregate/);
      }
    }
  });

  test('when options are made from labels, then values are unique and within Slack limits', () => {
    for (const q of defaultQuestionBank('group')) {
      const values = q.options.map((o) => o.value);
      expect(new Set(values).size).toBe(values.length);
      expect(q.options.length).toBeLessThanOrEqual(100);
      for (const o of q.options) expect(o.label.length).toBeLessThanOrEqual(75);
    }
  });
});

describe('validateAnswers', () => {
  test('when a mentee answers everything required, then there are no problems', () => {
    expect(check('mentee', { ...complete, skills_wanted: ['strategy'] })).toEqual([]);
  });

  test('when required answers are missing, then each one is named', () => {
    expect(
      check('mentee', {})
        .map((p) => p.questionKey)
        .sort(),
    ).toEqual(['cadence', 'department', 'job_level', 'languages', 'objectives', 'skills_wanted'].sort());
  });

  test('when a mentor offers no skill, then that is the problem; a mentee is not asked', () => {
    expect(check('mentor', complete)).toEqual([
      { questionKey: 'skills_offered', message: 'Please pick at least one.' },
    ]);
    expect(check('mentee', { ...complete, skills_wanted: ['strategy'], skills_offered: [] })).toEqual([]);
  });

  test('when too many skills, an unknown option, or too much text, then each gets a field message', () => {
    const problems = check('mentee', {
      ...complete,
      objectives: 'x'.repeat(3001),
      skills_wanted: [
        'strategy',
        'negotiation',
        'delegation',
        'communication',
        'time_management',
        'career_growth',
      ],
      department: 'underwater_basket_weaving',
    });
    expect(problems).toEqual([
      { questionKey: 'objectives', message: expect.stringMatching(/under 3000 characters \(now 3001\)/) },
      { questionKey: 'skills_wanted', message: 'Please pick at most 5 (you picked 6).' },
      { questionKey: 'department', message: 'Please choose from the options offered.' },
    ]);
  });

  test('when someone names themself as manager, then it is refused', () => {
    expect(check('mentee', { ...complete, skills_wanted: ['strategy'], manager: 'U1' })).toEqual([
      { questionKey: 'manager', message: 'Your manager cannot be you.' },
    ]);
  });

  test('when free text holds emoji, quotes and markup, then it is accepted verbatim', () => {
    const text = `:rocket: "quoted" <b>bold</b> '; DROP TABLE users; --`;
    expect(check('mentee', { ...complete, skills_wanted: ['strategy'], objectives: text })).toEqual([]);
  });
});

describe('slugify', () => {
  test('when labels have accents, punctuation and case, then the value is stable snake case', () => {
    expect(slugify('Diversity, equity and inclusion')).toBe('diversity_equity_and_inclusion');
    expect(slugify('  Café Ops!! ')).toBe('cafe_ops');
    expect(slugify('!!!')).toBe('option');
  });
});

describe('people questions', () => {
  test('when a mentee ranks up to three mentors, then the picks are accepted; more, repeats or themselves are refused', () => {
    const answer = (picks: string[]) =>
      check('mentee', { ...complete, skills_wanted: ['strategy'], mentor_picks: picks }, 'U0ME');
    expect(answer(['U0A', 'U0B', 'U0C'])).toEqual([]);
    expect(answer(['U0A', 'U0B', 'U0C', 'U0D'])).toEqual([
      { questionKey: 'mentor_picks', message: 'Please pick at most 3 people.' },
    ]);
    expect(answer(['U0A', 'U0A'])).toEqual([
      { questionKey: 'mentor_picks', message: 'Please pick each person once.' },
    ]);
    expect(answer(['U0ME'])).toEqual([
      { questionKey: 'mentor_picks', message: 'Please pick people other than yourself.' },
    ]);
    expect(answer(['not-a-user'])).toEqual([
      { questionKey: 'mentor_picks', message: 'Please choose people from this workspace.' },
    ]);
  });

  test('when someone names two managers, then one is asked for', () => {
    expect(check('mentor', { ...complete, skills_offered: ['strategy'], manager: ['U0A', 'U0B'] })).toEqual([
      { questionKey: 'manager', message: 'Please pick one person.' },
    ]);
  });
});
