import { disclosedPair, type Reason, scoreHistogram } from '../../../src/domain/matching';

const reason = (code: Reason['code'], points: number, text: string): Reason => ({ code, points, text });

describe('what people are shown of a pair', () => {
  test('when a pair earned points from an opted-in preference, then the shown score and reasons leave them out', () => {
    const pair = {
      mentorId: 'U0M',
      menteeId: 'U0E',
      score: 64,
      reasons: [
        reason('skills', 40, 'Grace offers Hiring, on your list (+40)'),
        reason('preference', 14, 'matches a preference you opted in to (+14)'),
        reason('time_zone', 10, '8 h of shared working hours (+10)'),
      ],
      pinned: false,
    };
    expect(disclosedPair(pair)).toEqual({
      ...pair,
      score: 50,
      reasons: [pair.reasons[0], pair.reasons[2]],
    });
  });

  test('when the preference was the only reason, then the pair still reads as meeting every requirement', () => {
    const pair = {
      score: 14,
      reasons: [reason('preference', 14, 'matches a preference you opted in to (+14)')],
    };
    expect(disclosedPair(pair)).toEqual({
      score: 0,
      reasons: [reason('baseline', 0, 'meets every requirement of this cohort (+0)')],
    });
  });

  test('when there is nothing private, then the pair is unchanged', () => {
    const pair = {
      score: 10,
      reasons: [reason('department', 10, 'different departments: Sales and Design (+10)')],
    };
    expect(disclosedPair(pair)).toBe(pair);
  });

  test('when scores are bucketed, then 100 falls in the last bucket and each bucket spans ten points', () => {
    const buckets = scoreHistogram([0, 9, 10, 95, 100]);
    expect(buckets).toHaveLength(10);
    expect(buckets[0]).toEqual({ from: 0, to: 9, count: 2 });
    expect(buckets[1]).toEqual({ from: 10, to: 19, count: 1 });
    expect(buckets[9]).toEqual({ from: 90, to: 100, count: 2 });
  });
});
