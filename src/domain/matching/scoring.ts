import { type Cohort, sharedBits } from './cohort';
import { violation } from './constraints';

/**
 * The soft score of an allowed pair: each criterion that applies to the mentee reserves some of
 * their 100 points (by its weight), and earns a share of them by how well the mentor fits. Every
 * criterion's points are rounded on their own, so the reasons shown add up to the score exactly.
 * The solver and the explanations call the same functions below, so they cannot disagree.
 */

function share(max: number, numerator: number, denominator: number): number {
  if (max === 0 || denominator <= 0) return 0;
  return Math.round((max * numerator) / denominator);
}

/** Priority-weighted: the mentee's first of L wanted skills counts L, the last counts 1. */
export function skillSum(c: Cohort, i: number, j: number): number {
  const start = c.wantStart[i] as number;
  const end = c.wantStart[i + 1] as number;
  const base = j * c.skillWords;
  let sum = 0;
  for (let k = start; k < end; k++) {
    const id = c.wantSkill[k] as number;
    if ((((c.mentorOffers[base + (id >> 5)] as number) >>> (id & 31)) & 1) === 1) sum += end - k;
  }
  return sum;
}

export function skillPoints(c: Cohort, i: number, j: number): number {
  return skillPointsFromSum(c, i, skillSum(c, i, j));
}

export function skillPointsFromSum(c: Cohort, i: number, sum: number): number {
  const length = (c.wantStart[i + 1] as number) - (c.wantStart[i] as number);
  return share(c.maxPoints.skills[i] as number, sum, (length * (length + 1)) / 2);
}

export function goalPoints(c: Cohort, i: number, j: number): number {
  return goalPointsFromCount(c, i, sharedBits(c.menteeGoals, i, c.mentorGoals, j, c.goalWords));
}

export function goalPointsFromCount(c: Cohort, i: number, shared: number): number {
  return share(c.maxPoints.goals[i] as number, shared, c.menteeGoalCount[i] as number);
}

/** Levels between them in the track's direction: positive when the mentor is on the right side. */
export function seniorityGap(c: Cohort, i: number, j: number): number {
  const difference = (c.mentorLevel[j] as number) - (c.menteeLevel[i] as number);
  return c.direction === 'mentor_above' ? difference : -difference;
}

/** Nothing when either level is unknown: the mentee's criterion then does not apply, or the gap is a guess. */
export function seniorityPoints(c: Cohort, i: number, j: number): number {
  if (c.menteeLevelKnown[i] === 0 || c.mentorLevelKnown[j] === 0) return 0;
  return seniorityPointsFromGap(c, i, seniorityGap(c, i, j));
}

export function seniorityPointsFromGap(c: Cohort, i: number, gap: number): number {
  const distance = gap < c.gapMin ? c.gapMin - gap : gap > c.gapMax ? gap - c.gapMax : 0;
  // Each level outside the sweet spot halves what the criterion can give: two levels, nothing.
  return share(c.maxPoints.seniority[i] as number, Math.max(0, 2 - distance), 2);
}

export function departmentPoints(c: Cohort, i: number, j: number): number {
  const max = c.maxPoints.department[i] as number;
  if (max === 0) return 0;
  const mine = c.menteeDept[i] as number;
  const theirs = c.mentorDept[j] as number;
  if (mine < 0 || theirs < 0) return 0;
  return (c.departmentPreference === 'same') === (mine === theirs) ? max : 0;
}

export function overlapOf(c: Cohort, i: number, j: number): number {
  return c.overlap[(c.menteeZone[i] as number) * c.zones + (c.mentorZone[j] as number)] as number;
}

export function timeZonePoints(c: Cohort, i: number, j: number): number {
  return timeZonePointsFromHours(c, i, overlapOf(c, i, j));
}

/** Shared hours beyond the minimum, up to a full working day together. */
export function timeZonePointsFromHours(c: Cohort, i: number, hours: number): number {
  const max = c.maxPoints.timeZone[i] as number;
  const room = c.hoursSpan - c.minOverlap;
  if (room <= 0) return hours >= c.minOverlap ? max : 0;
  return share(max, Math.min(room, Math.max(0, hours - c.minOverlap)), room);
}

/** Position of mentor j in the mentee's picks, or -1. */
export function pickRank(c: Cohort, i: number, j: number): number {
  const start = c.pickStart[i] as number;
  for (let k = start, end = c.pickStart[i + 1] as number; k < end; k++)
    if (c.pickMentor[k] === j) return k - start;
  return -1;
}

export function pickPoints(c: Cohort, i: number, j: number): number {
  const max = c.maxPoints.picks[i] as number;
  if (max === 0) return 0;
  const rank = pickRank(c, i, j);
  if (rank < 0) return 0;
  const count = (c.pickStart[i + 1] as number) - (c.pickStart[i] as number);
  return share(max, count - rank, count);
}

export function questionPoints(c: Cohort, q: number, i: number, j: number): number {
  const table = c.questions[q];
  const max = c.questionMaxPoints[q]?.[i] ?? 0;
  if (table === undefined || max === 0 || table.applies[i] === 0) return 0;
  const mine = table.menteeCount[i] as number;
  const theirs = table.mentorCount[j] as number;
  const shared = sharedBits(table.menteeBits, i, table.mentorBits, j, table.words);
  switch (table.question.use) {
    case 'prefer_similar':
      return theirs === 0 ? 0 : share(max, shared, Math.min(mine, theirs));
    case 'prefer_different':
      return theirs === 0 ? 0 : share(max, Math.min(mine, theirs) - shared, Math.min(mine, theirs));
    case 'offers_wants':
      return share(max, shared, mine);
    default:
      return 0;
  }
}

/** The score of an allowed pair, 0–100. */
export function pairScore(c: Cohort, i: number, j: number): number {
  let score =
    skillPoints(c, i, j) +
    goalPoints(c, i, j) +
    seniorityPoints(c, i, j) +
    departmentPoints(c, i, j) +
    timeZonePoints(c, i, j) +
    pickPoints(c, i, j);
  for (let q = 0; q < c.questions.length; q++) score += questionPoints(c, q, i, j);
  return score;
}

/** Score, or -1 when a hard constraint forbids the pair. */
export function scoreOrForbidden(c: Cohort, i: number, j: number): number {
  return violation(c, i, j) === 0 ? pairScore(c, i, j) : -1;
}
