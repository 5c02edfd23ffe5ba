import { closestMatch, editDistance } from '../../src/domain/suggest';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['help', 'help', 0],
    ['hlep', 'help', 1],
    ['jion', 'join', 1],
    ['ca', 'abc', 3],
    ['staus', 'status', 1],
    ['kitten', 'sitting', 3],
  ])('when comparing %p and %p, then the distance is %p', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test('when the distance exceeds the limit, then it stops early and reports limit + 1', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});

describe('closestMatch', () => {
  const commands = ['help', 'join', 'status', 'profile', 'leave'];

  test('when a word is one typo away, then it is suggested', () => {
    expect(closestMatch('hepl', commands)).toBe('help');
    expect(closestMatch('STATSU', commands)).toBe('status');
    expect(closestMatch('profle', commands)).toBe('profile');
  });

  test('when nothing is close, then there is no suggestion', () => {
    expect(closestMatch('banana', commands)).toBeUndefined();
    expect(closestMatch('x', ['help'])).toBeUndefined();
  });
});
