import {
  type CohortSettings,
  type CohortState,
  type LifecycleAction,
  mentorCapacity,
  transition,
  validateCohortSettings,
} from '../../src/domain/cohorts';

describe('cohort lifecycle', () => {
  const facts = (state: CohortState, mentees = 3, mentors = 2) => ({ state, mentees, mentors });

  test.each<[LifecycleAction, CohortState, CohortState]>([
    ['open', 'draft', 'enrolling'],
    ['open', 'matching', 'enrolling'],
    ['close', 'enrolling', 'matching'],
    ['activate', 'matching', 'active'],
    ['complete', 'active', 'completed'],
  ])('when %s is applied to a %s cohort, then it becomes %s', (action, from, to) => {
    expect(transition(action, facts(from))).toEqual({ ok: true, to });
  });

  test.each<[LifecycleAction, CohortState, RegExp]>([
    ['open', 'completed', /cannot be reopened/],
    ['open', 'enrolling', /already open/],
    ['open', 'active', /active/],
    ['close', 'draft', /not open/],
    ['activate', 'enrolling', /Close enrollment/],
    ['complete', 'matching', /Only an active cohort/],
  ])('when %s is applied to a %s cohort, then it is refused with a reason', (action, from, reason) => {
    expect(transition(action, facts(from))).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  test('when a cohort has no mentees or no mentors, then it cannot be matched', () => {
    expect(transition('activate', facts('matching', 0, 4))).toEqual({
      ok: false,
      reason: 'The cohort has no mentees to match.',
    });
    expect(transition('activate', facts('matching', 4, 0))).toEqual({
      ok: false,
      reason: 'The cohort has no mentors to match.',
    });
  });

  test('when a group has N people, then its mentor takes N - 1 mentees; 1:1 tracks take one', () => {
    expect(mentorCapacity('group', 8)).toBe(7);
    expect(mentorCapacity('group', 2)).toBe(1);
    expect(mentorCapacity('high_potential', null)).toBe(1);
    expect(mentorCapacity('reverse', 5)).toBe(1);
  });
});

describe('matching settings of a cohort', () => {
  const settings: CohortSettings = {
    name: 'Reverse 2027',
    slug: 'reverse-27',
    track: 'reverse',
    groupSize: null,
    enrollmentOpensOn: '2027-01-04',
    enrollmentClosesOn: '2027-01-22',
    startsOn: '2027-02-01',
    endsOn: '2027-07-30',
    defaultCadence: 'biweekly',
    announcementChannelId: null,
    guidelines: '',
    surveyMidpoint: true,
    surveyEnd: true,
    nominatedOnly: false,
    minOverlapHours: 2,
    reverseSkills: ['new_technology_and_ai'],
  };

  test('when the shared hours are whole hours within a working day, then they are accepted', () => {
    expect(validateCohortSettings(settings)).toEqual([]);
    expect(validateCohortSettings({ ...settings, minOverlapHours: 0 })).toEqual([]);
    expect(validateCohortSettings({ ...settings, minOverlapHours: 8 })).toEqual([]);
  });

  test('when the shared hours are negative, fractional or longer than a working day, then the field says why', () => {
    for (const hours of [-1, 1.5, 9]) {
      expect(validateCohortSettings({ ...settings, minOverlapHours: hours })).toEqual([
        { field: 'minOverlapHours', message: expect.stringMatching(/whole hours from 0 to 8/) },
      ]);
    }
  });
});
