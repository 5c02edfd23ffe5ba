import {
  addCadence,
  commonWorkingSlot,
  isWorkingTime,
  localDate,
  midpointDate,
  nextWorkingSlot,
  periodsElapsed,
  planNudge,
  safeZone,
} from '../../src/domain/schedule';

const at = (iso: string) => new Date(iso);

describe('scheduling math', () => {
  test.each([
    // [earliest, zone, expected]
    ['2026-11-09T00:00:00Z', 'Europe/London', '2026-11-09T10:00:00.000Z'],
    ['2026-11-09T10:00:00Z', 'Europe/London', '2026-11-09T10:00:00.000Z'],
    ['2026-11-09T10:00:01Z', 'Europe/London', '2026-11-10T10:00:00.000Z'],
    ['2026-11-13T11:00:00Z', 'Europe/London', '2026-11-16T10:00:00.000Z'], // Friday after 10 → Monday
    ['2026-11-14T08:00:00Z', 'Asia/Tokyo', '2026-11-16T01:00:00.000Z'], // Saturday → Monday 10:00 JST
    ['2026-11-09T00:00:00Z', 'America/Los_Angeles', '2026-11-09T18:00:00.000Z'],
    ['2026-11-09T00:00:00Z', 'Asia/Kolkata', '2026-11-09T04:30:00.000Z'],
    ['2026-11-09T12:00:00Z', 'Pacific/Auckland', '2026-11-09T21:00:00.000Z'], // already Tuesday 01:00 there
  ])(
    'when the earliest instant is %s in %s, then the next 10:00 on a working day is %s',
    (earliest, zone, expected) => {
      expect(nextWorkingSlot(at(earliest), zone).toISOString()).toBe(expected);
    },
  );

  test('when daylight saving starts or ends, then 10:00 local moves in UTC', () => {
    expect(nextWorkingSlot(at('2027-03-12T00:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2027-03-12T15:00:00.000Z',
    );
    expect(nextWorkingSlot(at('2027-03-15T00:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2027-03-15T14:00:00.000Z',
    );
    expect(nextWorkingSlot(at('2026-10-23T00:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-23T08:00:00.000Z',
    );
    expect(nextWorkingSlot(at('2026-10-26T00:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-26T09:00:00.000Z',
    );
    // Between Europe's and America's change the London–New York gap is four hours, not five.
    expect(
      commonWorkingSlot(at('2027-03-15T00:00:00Z'), ['Europe/London', 'America/New_York'])?.toISOString(),
    ).toBe('2027-03-15T13:00:00.000Z');
  });

  test('when a group spans zones, then the slot is an hour inside everyone’s working day, closest to 10:00', () => {
    const slot = commonWorkingSlot(at('2026-11-09T00:00:00Z'), ['Europe/London', 'America/New_York']);
    expect(slot?.toISOString()).toBe('2026-11-09T14:00:00.000Z');
    for (const zone of ['Europe/London', 'America/New_York'])
      expect(isWorkingTime(slot as Date, zone)).toBe(true);
    const three = commonWorkingSlot(at('2026-11-09T00:00:00Z'), [
      'Europe/Berlin',
      'Europe/London',
      'Asia/Kolkata',
    ]);
    expect(three?.toISOString()).toBe('2026-11-09T09:00:00.000Z');
    // Tokyo's morning is California's previous afternoon: Tuesday in Tokyo, Monday in LA.
    const pacific = commonWorkingSlot(at('2026-11-09T00:00:00Z'), ['Asia/Tokyo', 'America/Los_Angeles']);
    expect(pacific).toBeDefined();
    expect(
      isWorkingTime(pacific as Date, 'Asia/Tokyo') && isWorkingTime(pacific as Date, 'America/Los_Angeles'),
    ).toBe(true);
  });

  test('when working days never overlap, then the plan nudges each person at their own 10:00', () => {
    expect(commonWorkingSlot(at('2026-11-09T00:00:00Z'), ['Asia/Tokyo', 'Europe/Berlin'])).toBeUndefined();
    const plan = planNudge(at('2026-11-09T00:00:00Z'), [
      { userId: 'U1', zone: 'Asia/Tokyo' },
      { userId: 'U2', zone: 'Europe/Berlin' },
    ]);
    expect(plan).toEqual({
      kind: 'separate',
      dueOn: '2026-11-09',
      slots: [
        { userId: 'U1', at: at('2026-11-09T01:00:00.000Z') },
        { userId: 'U2', at: at('2026-11-09T09:00:00.000Z') },
      ],
    });
  });

  test('when cadences are added, then weeks are weeks and months clamp to the month end', () => {
    expect(addCadence('2026-11-09', 'weekly')).toBe('2026-11-16');
    expect(addCadence('2026-11-09', 'biweekly')).toBe('2026-11-23');
    expect(addCadence('2027-01-31', 'monthly')).toBe('2027-02-28');
    expect(addCadence('2027-01-31', 'monthly', 2)).toBe('2027-03-31');
    expect(periodsElapsed('2026-11-02', '2026-11-15', 'weekly')).toBe(1);
    expect(periodsElapsed('2026-11-02', '2026-11-16', 'weekly')).toBe(2);
    expect(periodsElapsed('2026-11-02', '2027-02-01', 'monthly')).toBe(2);
    expect(periodsElapsed('2026-11-02', '2027-02-02', 'monthly')).toBe(3);
  });

  test('when dates and zones are edge cases, then the helpers stay sensible', () => {
    expect(midpointDate('2026-11-02', '2026-12-14')).toBe('2026-11-23');
    expect(midpointDate('2026-11-02', '2026-11-05')).toBe('2026-11-03');
    expect(safeZone('Not/AZone')).toBe('UTC');
    expect(safeZone(null)).toBe('UTC');
    expect(localDate(at('2026-11-09T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-10');
  });
});
