import type { Cohort } from './cohort';
import type { ConstraintCode } from './types';

/**
 * Hard constraints. A pair breaking any of them is never proposed by the solver. They are
 * checked in a fixed order, cheapest and most explainable first, and the first one broken is
 * what an unmatched mentee's explanation is built from.
 */

export const CONSTRAINTS: readonly ConstraintCode[] = [
  'same_person',
  'reporting_line',
  'previously_paired',
  'forbidden',
  'language',
  'time_zone',
  'seniority',
  'reverse_skills',
  'exclude_same',
];

/** 1-based position in CONSTRAINTS; 0 means the pair is allowed. */
export type Violation = number;

export function constraintBit(code: ConstraintCode): number {
  return 1 << (CONSTRAINTS.indexOf(code) + 1);
}

/** The first hard constraint the pair breaks, skipping those whose bits are set in `ignore`. */
export function violation(c: Cohort, i: number, j: number, ignore = 0): Violation {
  const menteeSelf = c.menteeSelf[i] as number;
  const mentorSelf = c.mentorSelf[j] as number;
  if (menteeSelf === mentorSelf && (ignore & 2) === 0) return 1;
  if ((ignore & 4) === 0) {
    const menteeManager = c.menteeManager[i] as number;
    if (
      mentorSelf === menteeManager ||
      mentorSelf === c.menteeSkip[i] ||
      menteeSelf === c.mentorManager[j] ||
      menteeSelf === c.mentorSkip[j] ||
      (menteeManager >= 0 && menteeManager === c.mentorManager[j])
    )
      return 2;
  }
  for (let k = c.banStart[i] as number, end = c.banStart[i + 1] as number; k < end; k++) {
    if (c.banMentor[k] !== j) continue;
    const code = c.banKind[k] === 1 ? 3 : 4;
    if ((ignore & (1 << code)) === 0) return code;
  }
  if ((ignore & 32) === 0) {
    const words = c.languageWords;
    let shared = 0;
    for (let w = 0; w < words; w++) {
      shared |= (c.menteeLanguages[i * words + w] as number) & (c.mentorLanguages[j * words + w] as number);
    }
    if (shared === 0) return 5;
  }
  if ((ignore & 64) === 0) {
    const hours = c.overlap[(c.menteeZone[i] as number) * c.zones + (c.mentorZone[j] as number)] as number;
    if (hours < c.minOverlap - 1e-9) return 6;
  }
  // Only between two known levels: nobody is kept out for a level an HR export left blank.
  if ((ignore & 128) === 0 && c.menteeLevelKnown[i] === 1 && c.mentorLevelKnown[j] === 1) {
    const above = (c.mentorLevel[j] as number) > (c.menteeLevel[i] as number);
    const below = (c.mentorLevel[j] as number) < (c.menteeLevel[i] as number);
    if (c.direction === 'mentor_above' ? !above : !below) return 7;
  }
  if ((ignore & 256) === 0 && c.mentorOffersReverse[j] === 0) return 8;
  if ((ignore & 512) === 0) {
    for (const q of c.questions) {
      if (q.question.use !== 'exclude_same' || q.applies[i] === 0) continue;
      for (let w = 0; w < q.words; w++) {
        if (((q.menteeBits[i * q.words + w] as number) & (q.mentorBits[j * q.words + w] as number)) !== 0)
          return 9;
      }
    }
  }
  return 0;
}
