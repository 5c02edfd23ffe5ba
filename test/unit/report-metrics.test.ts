import fc from 'fast-check';
import {
  cohortHeadline,
  combineHeadlines,
  median,
  netPromoterScore,
  type ProgramReport,
  programReport,
  type ReportEnrollment,
  type ReportInput,
  type ReportPairing,
  summariseSurvey,
  weeklyCheckIns,
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

/** Free-text answers, each by a different person. */
const written = (texts: readonly string[]) => texts.map((text, i) => ({ text, author: `U${i}` }));

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
      objectives: written(['Better Delegation and feedback', 'feedback loops', 'strategy']),
      pulseAnswers: written(['More office hours', 'Office hours please', 'A reading list', 'Office hours']),
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

  test('when 5 or more people mention a theme, then it is counted once per person; rarer ones stay hidden', () => {
    const r = programReport({
      ...empty,
      objectives: written([
        'Public speaking and delegation',
        'public speaking, public speaking!',
        'Get better at public speaking',
        'Delegation',
        'Public speaking to executives',
        'Confidence in public speaking',
        'Delegating without micromanaging',
      ]),
      pulseAnswers: [
        ...written([
          'Office hours',
          'office hours with leaders',
          'Office hours',
          'Office hours!',
          'Office hours',
        ]),
        // One person answering again adds no one.
        { text: 'Office hours, really', author: 'U0' },
      ],
    });
    expect(r.themes.objectives).toEqual([{ phrase: 'public speaking', answers: 5 }]);
    expect(r.themes.pulse).toEqual([{ phrase: 'office hours', answers: 5 }]);
    expect(r.pulseAnswers).toBe(6);
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
    const summary = reportCsvRows('All', r).filter((row) => row[1] === 'Summary');
    expect(summary.slice(0, 3).map((row) => [row[4], row[5]])).toEqual([
      ['Enrolled', '4'],
      ['People enrolled (some in more than one cohort)', '3'],
      ['Matched enrollments', '2'],
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

type CheckIn = { pairingId: number; metOn: string };

describe('check-ins per week', () => {
  /** The definition, one week at a time: slow and obviously right. */
  function naiveWeeks(pairings: readonly ReportPairing[], checkIns: readonly CheckIn[], today: string) {
    const day = (d: string) => Math.floor(Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 86_400_000);
    const monday = (d: number) => d - ((new Date(d * 86_400_000).getUTCDay() + 6) % 7);
    if (pairings.length === 0) return [];
    const points = [];
    for (
      let w = monday(Math.min(...pairings.map((p) => day(p.createdAt))));
      w <= monday(day(today));
      w += 7
    ) {
      const pairs = pairings.filter(
        (p) => day(p.createdAt) <= w + 6 && (p.endedAt === null || day(p.endedAt) >= w),
      ).length;
      const count = checkIns.filter((c) => day(c.metOn) >= w && day(c.metOn) <= w + 6).length;
      points.push({
        week: new Date(w * 86_400_000).toISOString().slice(0, 10),
        checkIns: count,
        pairs,
        perPair: pairs === 0 ? null : count / pairs,
      });
    }
    return points;
  }

  test('when pairs start, end and meet on random days, then each week matches the one-week-at-a-time definition', () => {
    const date = fc
      .integer({ min: 0, max: 120 })
      .map((d) => new Date(Date.UTC(2026, 8, 1 + d)).toISOString());
    const pairing = fc
      .tuple(date, fc.option(fc.integer({ min: 0, max: 60 })))
      .map(([createdAt, length]): ReportPairing => ({
        id: 0,
        cohortId: 1,
        state: length === null ? 'active' : 'ended',
        cadence: 'weekly',
        createdAt,
        endedAt: length === null ? null : new Date(Date.parse(createdAt) + length * 86_400_000).toISOString(),
        atRisk: false,
        members: [],
      }));
    fc.assert(
      fc.property(
        fc.array(pairing, { maxLength: 12 }).map((list) => list.map((p, id) => ({ ...p, id }))),
        fc.array(fc.tuple(fc.nat(11), date), { maxLength: 40 }),
        date,
        (pairings, meetings, today) => {
          const checkIns = meetings.map(([pairingId, metOn]) => ({ pairingId, metOn: metOn.slice(0, 10) }));
          expect(weeklyCheckIns(pairings, checkIns, today.slice(0, 10))).toEqual(
            naiveWeeks(pairings, checkIns, today.slice(0, 10)),
          );
        },
      ),
    );
  });
});

describe('reports over several cohorts', () => {
  /** A cohort's people: department → how many, all enrolled and nobody further. */
  function cohort(cohortId: number, departments: Record<string, number>, prefix: string): ReportEnrollment[] {
    return Object.entries(departments).flatMap(([department, n]) =>
      Array.from({ length: n }, (_, i) =>
        person(`${prefix}${department}${i}`, 'mentee', {
          cohortId,
          state: 'enrolled',
          groups: { department },
        }),
      ),
    );
  }
  const departmentOf = (r: ReturnType<typeof programReport>) =>
    r.breakdowns.find((b) => b.key === 'department')?.table;

  test('when a cohort hides a small group, then the all-cohorts table cannot give it away by subtraction', () => {
    const a = cohort(1, { Eng: 9, Sales: 6, Ops: 5 }, 'A');
    const b = cohort(2, { Eng: 3, Sales: 7, Ops: 6 }, 'B');
    const parts = [programReport({ ...empty, enrollments: a }), programReport({ ...empty, enrollments: b })];
    expect(departmentOf(parts[1] as ProgramReport)?.rows.map((row) => row[0])).toEqual([null, null, 7]);
    const whole = programReport({ ...empty, enrollments: [...a, ...b] }, parts);
    const table = departmentOf(whole);
    // Alone the whole would show Eng 12 (and 12 − 9 = B's hidden 3); beside the parts it may not.
    expect(table?.categories).toEqual(['Eng', 'Ops', 'Sales']);
    expect(table?.rows[0]?.[0]).toBeNull();
    expect(table?.rows[2]?.[0]).toBe(13);
    expect(departmentOf(programReport({ ...empty, enrollments: [...a, ...b] }))?.rows[0]?.[0]).toBe(12);
  });

  test('when a few people joined two cohorts, then the overlap of a group is not shown as a small number', () => {
    const a = cohort(1, { Eng: 8, Sales: 8 }, 'P');
    // Two of cohort 1's engineers joined cohort 2 as well.
    const b = [...cohort(2, { Eng: 6, Sales: 8 }, 'Q'), ...a.slice(0, 2).map((e) => ({ ...e, cohortId: 2 }))];
    const parts = [programReport({ ...empty, enrollments: a }), programReport({ ...empty, enrollments: b })];
    const whole = programReport({ ...empty, enrollments: [...a, ...b] }, parts);
    // 8 + 8 shown per cohort, 14 distinct people: 2 in both, fewer than 5.
    expect(departmentOf(whole)?.rows[0]?.[0]).toBeNull();
    expect(whole.people).toBe(30);
  });

  test('when cohorts are random, then every shown all-cohorts cell is a sum of shown cohort cells and a safe overlap', () => {
    const counts = fc.dictionary(fc.constantFrom('Eng', 'Ops', 'Sales', 'HR'), fc.nat(12), { minKeys: 1 });
    fc.assert(
      fc.property(fc.array(counts, { minLength: 2, maxLength: 4 }), fc.nat(3), (cohorts, shared) => {
        const parts = cohorts.map((departments, k) => cohort(k + 1, departments, `C${k}`));
        // Some people of the first cohort also joined the second.
        const second = parts[1] ?? [];
        parts[1] = [...second, ...(parts[0] ?? []).slice(0, shared).map((e) => ({ ...e, cohortId: 2 }))];
        const reports = parts.map((enrollments) => programReport({ ...empty, enrollments }));
        const whole = departmentOf(programReport({ ...empty, enrollments: parts.flat() }, reports));
        if (whole === undefined || whole.withheld) return;
        whole.categories.forEach((category, r) => {
          const shown = whole.rows[r]?.[0] ?? null;
          if (shown === null) return;
          let sum = 0;
          for (const report of reports) {
            const table = departmentOf(report);
            const i = table?.categories.indexOf(category) ?? -1;
            const cell = i < 0 ? 0 : (table?.rows[i]?.[0] ?? null);
            expect(cell).not.toBeNull();
            sum += cell ?? 0;
          }
          const overlap = sum - shown;
          expect(overlap === 0 || overlap >= 5).toBe(true);
        });
      }),
    );
  });
});
