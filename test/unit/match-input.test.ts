import {
  canonicalMatchingInput,
  engineQuestions,
  goalsFromObjectives,
  matchingRules,
  toParticipant,
} from '../../src/domain/match-input';
import type { PairRef } from '../../src/domain/matching';
import { defaultQuestionBank, type Question } from '../../src/domain/questions';

const bank: Question[] = defaultQuestionBank('high_potential').map((spec, i) => ({ ...spec, id: i + 1 }));
const withGender = bank.map((q) =>
  q.key === 'gender' ? { ...q, matchingUse: 'prefer_similar' as const } : q,
);

function mentee(matchOnSensitive: boolean) {
  return {
    userId: 'U0E1',
    role: 'mentee' as const,
    name: 'Erin',
    timezone: 'Europe/Berlin',
    matchOnSensitive,
    answers: new Map<string, string | string[]>([
      ['objectives', 'I want to get better at Delegation and strategy, and strategy again.'],
      ['skills_wanted', ['negotiation', 'hiring_and_interviewing']],
      ['skills_offered', ['strategy']],
      ['department', 'customer_success'],
      ['job_level', '3'],
      ['manager', 'U0BOSS'],
      ['languages', ['english', 'german']],
      ['meeting_format', 'video_call'],
      ['gender', 'woman'],
    ]),
  };
}

describe('matching input from profile answers', () => {
  test('when objectives are free text, then each distinct content word is one goal', () => {
    expect(
      goalsFromObjectives('I want to get better at Delegation and strategy, and strategy again.'),
    ).toEqual(['delegation', 'strategy']);
    expect(goalsFromObjectives('')).toEqual([]);
  });

  test('when a mentee answered the default bank, then each answer lands in its criterion, shown by its label', () => {
    const p = toParticipant(mentee(false), bank);
    expect(p).toMatchObject({
      id: 'U0E1',
      role: 'mentee',
      level: 3,
      managerId: 'U0BOSS',
      department: 'Customer Success',
      languages: ['English', 'German'],
      skillsWanted: ['Negotiation', 'Hiring and interviewing'],
      skillsOffered: [],
      timezone: 'Europe/Berlin',
      answers: { meeting_format: ['video_call'] },
    });
    expect(engineQuestions(bank).map((q) => q.id)).toEqual(['meeting_format']);
  });

  test('when a sensitive question is used for matching, then its answer counts only for people who opted in', () => {
    expect(engineQuestions(withGender).find((q) => q.id === 'gender')).toMatchObject({ sensitive: true });
    expect(toParticipant(mentee(false), withGender).answers).not.toHaveProperty('gender');
    expect(toParticipant(mentee(true), withGender).answers).toMatchObject({ gender: ['woman'] });
  });
});

const cohort = {
  track: 'high_potential' as const,
  groupSize: null,
  startsOn: '2027-01-04',
  endsOn: '2027-06-30',
  minOverlapHours: 3,
  reverseSkills: [],
};
const without = (keys: readonly string[]) => bank.filter((q) => !keys.includes(q.key));
const edited = (key: string, change: Partial<Question>) =>
  bank.map((q) => (q.key === key ? { ...q, ...change } : q));

describe('matching rules from the cohort and its question bank', () => {
  test('when the bank is the default one, then each built-in question sets its rule and weight', () => {
    expect(matchingRules(cohort, bank)).toMatchObject({
      track: 'high-potential',
      groupSize: 1,
      referenceDate: '2027-01-04',
      referenceEndDate: '2027-06-30',
      minOverlapHours: 3,
      departmentPreference: 'different',
      reverseSkills: [],
      weights: { skills: 'high', goals: 'medium', seniority: 'low', department: 'low', picks: 'medium' },
    });
  });

  test('when an admin changes a built-in question, then its weight and use reach the engine', () => {
    const rules = matchingRules(
      cohort,
      edited('department', { matchingUse: 'prefer_similar', weight: 'high' }).map((q) =>
        q.key === 'skills_wanted' ? { ...q, weight: 'low' as const } : q,
      ),
    );
    expect(rules).toMatchObject({
      departmentPreference: 'same',
      weights: { department: 'high', skills: 'low' },
    });
    expect(matchingRules(cohort, edited('department', { matchingUse: 'none' }))).toMatchObject({
      departmentPreference: 'none',
      weights: { department: 'off' },
    });
  });

  test('when a built-in question is removed, then its rule is off and its answers are not read', () => {
    const bare = without(['objectives', 'skills_wanted', 'job_level', 'mentor_picks', 'languages']);
    expect(matchingRules(cohort, bare).weights).toMatchObject({
      skills: 'off',
      goals: 'off',
      seniority: 'off',
      picks: 'off',
    });
    const person = toParticipant(
      { ...mentee(false), answers: new Map([...mentee(false).answers, ['mentor_picks', ['U0M1']]]) },
      bare,
    );
    expect(person).toMatchObject({ level: null, languages: [], goals: [], picks: [] });
    // Asked but not checked: languages are not passed, so nobody is held back by them.
    expect(toParticipant(mentee(false), edited('languages', { matchingUse: 'none' })).languages).toEqual([]);
  });

  test('when a job level is missing, not a whole number or off any scale, then it is unknown rather than guessed', () => {
    const answers = new Map(mentee(false).answers);
    answers.delete('job_level');
    expect(toParticipant({ ...mentee(false), answers }, bank).level).toBeNull();
    answers.set('job_level', '2.5');
    expect(toParticipant({ ...mentee(false), answers }, bank).level).toBeNull();
    answers.set('job_level', '99999999999');
    expect(toParticipant({ ...mentee(false), answers }, bank).level).toBeNull();
  });

  test('when a mentee ranks mentors, then the picks reach the engine in their order, never themselves', () => {
    const answers = new Map(mentee(false).answers);
    answers.set('mentor_picks', ['U0M2', 'U0E1', 'U0M1']);
    expect(toParticipant({ ...mentee(false), answers }, bank).picks).toEqual(['U0M2', 'U0M1']);
    const mentor = toParticipant({ ...mentee(false), role: 'mentor', answers }, bank);
    expect(mentor).not.toHaveProperty('picks');
  });

  test('when the track is reverse, then only listed skills the bank still offers are passed, by label', () => {
    const reverse = {
      ...cohort,
      track: 'reverse' as const,
      reverseSkills: ['new_technology_and_ai', 'gone'],
    };
    expect(matchingRules(reverse, bank).reverseSkills).toEqual(['New technology and AI']);
    expect(matchingRules({ ...reverse, track: 'high_potential' }, bank).reverseSkills).toEqual([]);
  });

  test('when the program has no end after its start, then overlap is judged on its first day only', () => {
    expect(matchingRules({ ...cohort, endsOn: null }, bank)).not.toHaveProperty('referenceEndDate');
    expect(matchingRules({ ...cohort, endsOn: '2027-01-04' }, bank)).not.toHaveProperty('referenceEndDate');
  });

  test('when two opted-in people both prefer not to say, then that is not an answer they share', () => {
    const answers = new Map(mentee(true).answers);
    answers.set('gender', 'prefer_not_to_say');
    expect(toParticipant({ ...mentee(true), answers }, withGender).answers).not.toHaveProperty('gender');
  });
});

describe('the canonical engine input behind a preview’s fingerprint', () => {
  const rules = matchingRules(
    {
      track: 'high_potential',
      groupSize: null,
      startsOn: '2026-12-01',
      endsOn: null,
      minOverlapHours: 2,
      reverseSkills: [],
    },
    bank,
  );
  const erin = toParticipant(mentee(false), bank);
  const grace = {
    ...toParticipant({ ...mentee(false), userId: 'U0M1', role: 'mentor' }, bank),
    name: 'Grace',
  };
  const base = {
    participants: [erin, grace],
    rules,
    pinned: [] as PairRef[],
    forbidden: [
      { mentorId: 'U0A', menteeId: 'U0B' },
      { mentorId: 'U0C', menteeId: 'U0D' },
    ],
    previous: [] as PairRef[],
    orgChart: [{ id: 'U0BOSS', managerId: 'U0BIG' }],
  };

  test('when only the order of people or rules or a display name differs, then the string is the same', () => {
    const same = canonicalMatchingInput(base);
    expect(
      canonicalMatchingInput({
        ...base,
        participants: [{ ...grace, name: 'Grace Hopper' }, erin],
        forbidden: [...base.forbidden].reverse(),
      }),
    ).toBe(same);
  });

  test.each<[string, Partial<typeof base>]>([
    ['an answer', { participants: [{ ...erin, languages: ['German'] }, grace] }],
    ['someone new', { participants: [erin, grace, { ...erin, id: 'U0E2' }] }],
    ['a pin', { pinned: [{ mentorId: 'U0M1', menteeId: 'U0E1' }] }],
    ['a forbid', { forbidden: base.forbidden.slice(1) }],
    ['the org chart', { orgChart: [] }],
    ['a rule', { rules: { ...rules, minOverlapHours: 3 } }],
  ])('when %s changes, then the string changes', (_what, change) => {
    expect(canonicalMatchingInput({ ...base, ...change })).not.toBe(canonicalMatchingInput(base));
  });
});
