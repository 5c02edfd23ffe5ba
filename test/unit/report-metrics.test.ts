import {
  cohortHeadline,
  combineHeadlines,
  median,
  netPromoterScore,
  programReport,
  type ReportEnrollment,
  type ReportInput,
  summariseSurvey,
} from '../../src/domain/report-metrics';
import { reportCsvRows } from '../../src/domain/report-table';

const empty: ReportInput = {
  today: '2026-11-23',
  enrollments: [],
  pairings: [],
  checkIns: [],
  survey: [],
  pulseAnswers: [],
  objectives: [],
  failedMessages: 0,
  breakdowns: [{ key: 'department', label: 'Department', sensitive: false }],
};

const person = (
  userId: string,
  role: 'mentor' | 'mentee',
  extra: Partial<ReportEnrollment> = {},
): ReportEnrollment => ({
  cohortId: 1,
  userId,
  track: 'high_potential',
  role,
  state: 'matched',
  groups: {},
  ...extra,
});

describe('report metrics', () => {
  test('when the cohort is empty, then counts are zero and rates are unknown, not NaN', () => {
    const r = programReport(empty);
    expect(r).toMatchObject({
      enrolled: 0,
      matchedPeople: 0,
      matchRate: null,
      medianDaysToFirstCheckIn: null,
      weekly: [],
      livePairs: 0,
      activeShare: null,
      atRiskPairs: 0,
      leftEarly: 0,
      funnel: [0, 0, 0, 0],
    });
    expect(r.survey).toMatchObject({ responses: 0, shown: false, nps: null });
    expect(JSON.stringify(r)).not.toContain('NaN');
  });

  test('when a cohort has one pair, then its match, first check-in, weekly series and activity are exact', () => {
    const r = programReport({
      ...empty,
      today: '2026-11-25',
      enrollments: [
        person('M', 'mentor'),
        person('E', 'mentee'),
        person('X', 'mentee', { state: 'withdrawn' }),
      ],
      pairings: [
        {
          id: 1,
          cohortId: 1,
          state: 'active',
          cadence: 'weekly',
          createdAt: '2026-11-02T08:00:00.000Z',
          endedAt: null,
          atRisk: false,
          members: ['M', 'E'],
        },
      ],
      checkIns: [
        { pairingId: 1, metOn: '2026-11-10' },
        { pairingId: 1, metOn: '2026-11-24' },
      ],
      objectives: ['Better Delegation and feedback', 'feedback loops', 'strategy'],
      pulseAnswers: ['More office hours', 'Office hours please', 'A reading list', 'Office hours'],
      failedMessages: 2,
    });
    expect(r.enrolled).toBe(3);
    expect(r.matchedPeople).toBe(2);
    expect(r.matchRate).toBeCloseTo(2 / 3);
    expect(r.medianDaysToFirstCheckIn).toBe(8);
    expect(r.weekly).toEqual([
      { week: '2026-11-02', checkIns: 0, pairs: 1, perPair: 0 },
      { week: '2026-11-09', checkIns: 1, pairs: 1, perPair: 1 },
      { week: '2026-11-16', checkIns: 0, pairs: 1, perPair: 0 },
      { week: '2026-11-23', checkIns: 1, pairs: 1, perPair: 1 },
    ]);
    expect(r).toMatchObject({
      livePairs: 1,
      activePairs: 1,
      activeShare: 1,
      leftEarly: 1,
      pulseAnswers: 4,
      failedMessages: 2,
    });
    expect(r.enrollment).toEqual([
      { track: 'high_potential', role: 'mentor', count: 1 },
      { track: 'high_potential', role: 'mentee', count: 2 },
    ]);
    // Nothing written reaches 5 answers, so no theme is shown (it could quote someone).
    expect(r.themes).toEqual({ objectives: [], pulse: [] });
    // The program-level funnel is public (like "Enrolled"); only breakdowns are suppressed.
    expect(r.funnel).toEqual([3, 2, 2, 0]);
  });

  test('when 5 or more answers mention a theme, then it is counted once per answer; rarer ones stay hidden', () => {
    const r = programReport({
      ...empty,
      objectives: [
        'Public speaking and delegation',
        'public speaking, public speaking!',
        'Get better at public speaking',
        'Delegation',
        'Public speaking to executives',
        'Confidence in public speaking',
        'Delegating without micromanaging',
      ],
      pulseAnswers: [
        'Office hours',
        'office hours with leaders',
        'Office hours',
        'Office hours!',
        'Office hours',
      ],
    });
    expect(r.themes.objectives).toEqual([{ phrase: 'public speaking', answers: 5 }]);
    expect(r.themes.pulse).toEqual([{ phrase: 'office hours', answers: 5 }]);
    expect(r.pulseAnswers).toBe(5);
    expect(reportCsvRows('Spring', r)).toContainEqual([
      'Spring',
      'Themes',
      'Objectives',
      'public speaking',
      'answers mentioning',
      '5',
    ]);
  });

  test('when someone joined two cohorts, then matching counts per cohort and the funnel counts them once', () => {
    const pairing = (id: number, cohortId: number, members: string[]) => ({
      id,
      cohortId,
      state: 'active' as const,
      cadence: 'weekly' as const,
      createdAt: '2026-11-02T08:00:00.000Z',
      endedAt: null,
      atRisk: false,
      members,
    });
    const r = programReport({
      ...empty,
      today: '2026-11-25',
      enrollments: [
        // P was a mentee in cohort 1 (paired, met) and is waiting in cohort 2 (not paired there).
        person('P', 'mentee', { cohortId: 1, groups: { department: 'Sales' } }),
        person('M', 'mentor', { cohortId: 1, groups: { department: 'Engineering' } }),
        person('P', 'mentor', { cohortId: 2, state: 'enrolled', groups: { department: 'Engineering' } }),
        person('Q', 'mentee', { cohortId: 2, state: 'enrolled' }),
      ],
      pairings: [pairing(1, 1, ['P', 'M'])],
      checkIns: [{ pairingId: 1, metOn: '2026-11-10' }],
    });
    expect(r.enrolled).toBe(4);
    expect(r.people).toBe(3);
    // P's pairing in cohort 1 does not make their cohort-2 enrollment "matched".
    expect(r.matchedPeople).toBe(2);
    expect(r.matchRate).toBeCloseTo(2 / 4);
    // People, not enrollments: P once, at the furthest stage (met), under their latest answer.
    expect(r.funnel).toEqual([3, 2, 2, 0]);
    const department = r.breakdowns.find((b) => b.key === 'department')?.table;
    expect(department?.categories).toEqual(['Engineering', 'Not answered']);
    expect(department?.total).toEqual([3, 2, 2, 0]);
    expect(reportCsvRows('All', r)).toContainEqual([
      'All',
      'Summary',
      '',
      '',
      'Enrolled',
      '4 (3 people; some joined more than one cohort)',
    ]);
  });

  test('when pairs are idle or at risk, then only live pairs with a check-in in their own cadence period count as active', () => {
    const pair = (id: number, cadence: 'weekly' | 'monthly', extra = {}) => ({
      id,
      cohortId: 1,
      state: 'active' as const,
      cadence,
      createdAt: '2026-10-01T00:00:00.000Z',
      endedAt: null,
      atRisk: false,
      members: [`A${id}`, `B${id}`],
      ...extra,
    });
    const r = programReport({
      ...empty,
      today: '2026-11-23',
      pairings: [
        pair(1, 'weekly'),
        pair(2, 'monthly'),
        pair(3, 'weekly', { atRisk: true }),
        pair(4, 'weekly', { state: 'ended', endedAt: '2026-11-01T00:00:00.000Z' }),
      ],
      checkIns: [
        { pairingId: 1, metOn: '2026-11-20' },
        { pairingId: 2, metOn: '2026-11-01' },
        { pairingId: 3, metOn: '2026-11-10' },
        { pairingId: 4, metOn: '2026-11-22' },
      ],
    });
    expect(r).toMatchObject({ livePairs: 3, activePairs: 2, atRiskPairs: 1 });
    expect(r.activeShare).toBeCloseTo(2 / 3);
    // Waits of 50, 31, 40 and 52 days (ended pairs count too): median 45.
    expect(r.medianDaysToFirstCheckIn).toBe(45);
  });

  test('when surveys are answered, then averages, NPS and leadership interest are exact, and hidden below 5 responses', () => {
    const answer = (nps: number, interest: 'yes' | 'no' | 'unsure' | null, comment = false) => ({
      satisfaction: 4,
      goalProgress: nps >= 9 ? 5 : 3,
      nps,
      leadershipInterest: interest,
      hasComment: comment,
    });
    const five = [
      answer(10, 'yes', true),
      answer(9, 'yes'),
      answer(8, 'no'),
      answer(6, null),
      answer(2, 'unsure'),
    ];
    expect(summariseSurvey(five)).toEqual({
      responses: 5,
      shown: true,
      satisfaction: 4,
      goalProgress: 3.8,
      nps: 0,
      leadershipInterest: 0.5,
      comments: 1,
    });
    expect(summariseSurvey(five.slice(0, 4))).toMatchObject({
      shown: false,
      satisfaction: null,
      nps: null,
      comments: 1,
    });
    expect(netPromoterScore([10, 10, 10, 7])).toBe(75);
    expect(netPromoterScore([null])).toBeNull();
    expect(median([5, 1, 3, 2])).toBe(2.5);
  });

  test('when the funnel is broken down by department, then small groups read "fewer than 5" in the CSV', () => {
    const people = [
      ...Array.from({ length: 12 }, (_, i) =>
        person(`E${i}`, 'mentee', { groups: { department: 'Engineering' } }),
      ),
      ...Array.from({ length: 7 }, (_, i) => person(`S${i}`, 'mentee', { groups: { department: 'Sales' } })),
      person('H0', 'mentee', { groups: { department: 'HR' } }),
    ];
    const r = programReport({ ...empty, enrollments: people });
    const table = r.breakdowns[0]?.table;
    expect(table?.categories).toEqual(['Engineering', 'HR', 'Sales']);
    expect(table?.rows.map((row) => row[0])).toEqual([12, null, null]);
    expect(table?.total[0]).toBe(20);
    const csv = reportCsvRows('Spring', r);
    expect(csv).toContainEqual(['Spring', 'Funnel', 'Department', 'HR', 'enrolled', 'fewer than 5']);
    expect(csv).toContainEqual(['Spring', 'Funnel', 'Department', 'Engineering', 'enrolled', '12']);
  });
});

describe('App Home headlines', () => {
  test('when cohorts are combined, then the match rate is over all enrollments, not an average of rates', () => {
    const pair = { id: 1, cohortId: 1, state: 'active' as const, cadence: 'weekly' as const };
    const small = cohortHeadline(
      ['A', 'B'],
      [{ ...pair, createdAt: '2026-11-02', endedAt: null, atRisk: false, members: ['A', 'B'] }],
      [{ pairingId: 1, metOn: '2026-11-20' }],
      '2026-11-23',
    );
    expect(small).toEqual({ enrolled: 2, matched: 2, matchRate: 1, activePairs: 1, livePairs: 1 });
    const large = cohortHeadline(['C', 'D', 'E', 'F', 'G', 'H'], [], [], '2026-11-23');
    expect(combineHeadlines([small, large])).toEqual({
      enrolled: 8,
      matched: 2,
      matchRate: 0.25,
      activePairs: 1,
      livePairs: 1,
    });
    expect(combineHeadlines([]).matchRate).toBeNull();
  });
});
