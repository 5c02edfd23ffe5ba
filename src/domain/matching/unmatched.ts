import type { Cohort } from './cohort';
import { CONSTRAINTS, constraintBit, violation } from './constraints';
import { formatHours, listing } from './reasons';
import { overlapOf, pairScore } from './scoring';
import type { ConstraintCode, Suggestion, UnmatchedMentee } from './types';

/**
 * Why a mentee got nobody, and what an admin could change. The solver's answer is optimal, so
 * there are only two kinds of answer: no mentor with capacity passes the hard constraints (and
 * the explanation names the rule that removed the last candidates), or every mentor who passes
 * them is full. Nothing here mentions a sensitive answer.
 */

export interface UnmatchedExplanation {
  readonly entry: UnmatchedMentee;
  readonly suggestions: readonly Suggestion[];
}

function blockedText(c: Cohort, code: ConstraintCode, before: number, total: number): string {
  const all = before === total;
  switch (code) {
    case 'same_person':
      return 'the only mentor with capacity is themselves';
    case 'reporting_line':
      return all
        ? 'every mentor with capacity is in their reporting line or shares their manager'
        : `the ${before} remaining mentors are all in their reporting line or share their manager`;
    case 'previously_paired':
      return `every remaining mentor (${before}) was paired with them in an earlier cohort`;
    case 'forbidden':
      return `a program admin ruled out every remaining mentor (${before})`;
    case 'language':
      return all
        ? 'no mentor with capacity shares a working language'
        : `none of the ${before} remaining mentors shares a working language`;
    case 'time_zone':
      return `no mentor who shares a language has ${formatHours(c.minOverlap)} of working-hours overlap`;
    case 'seniority':
      return c.direction === 'mentor_above'
        ? 'no compatible mentor is at least one level above them'
        : 'no compatible mentor is junior to them';
    case 'reverse_skills':
      return `no compatible junior mentor offers any reverse-mentoring skill (${listing(c.reverseSkills)})`;
    case 'exclude_same':
      return 'every remaining mentor is ruled out by a question whose answers must differ';
  }
}

export function explainUnmatched(c: Cohort, i: number): UnmatchedExplanation {
  const mentee = c.mentees[i];
  const menteeId = mentee?.id ?? '';
  const menteeName = mentee?.name ?? menteeId;
  const counts = new Int32Array(CONSTRAINTS.length + 1);
  let total = 0;
  let best = -1;
  let bestScore = -1;
  for (let j = 0; j < c.m; j++) {
    if ((c.baseCapacity[j] as number) <= 0) continue;
    total++;
    const v = violation(c, i, j);
    counts[v] = (counts[v] as number) + 1;
    if (v !== 0) continue;
    const score = pairScore(c, i, j);
    if (score > bestScore) {
      best = j;
      bestScore = score;
    }
  }
  if (total === 0) {
    return {
      entry: { menteeId, code: 'no_mentor_capacity', reason: 'no mentor in this cohort has capacity' },
      suggestions: [],
    };
  }
  const compatible = counts[0] as number;
  if (compatible > 0) {
    const mentor = c.mentors[best];
    const capacity = c.baseCapacity[best] as number;
    return {
      entry: {
        menteeId,
        code: 'all_at_capacity',
        reason: `every compatible mentor is at capacity (${compatible} compatible)`,
      },
      suggestions: [
        {
          kind: 'raise_capacity',
          menteeId,
          mentorId: mentor?.id ?? '',
          text: `${mentor?.name} could take one more mentee (capacity ${capacity} → ${capacity + 1}) to match ${menteeName} (score ${bestScore})`,
        },
      ],
    };
  }
  let remaining = total;
  let code: ConstraintCode = 'same_person';
  let before = total;
  for (let k = 1; k <= CONSTRAINTS.length; k++) {
    const removed = counts[k] as number;
    if (removed === 0) continue;
    before = remaining;
    remaining -= removed;
    code = CONSTRAINTS[k - 1] as ConstraintCode;
    if (remaining === 0) break;
  }
  return {
    entry: { menteeId, code, reason: blockedText(c, code, before, total) },
    suggestions: suggestionsFor(c, i, code, menteeId, menteeName),
  };
}

function suggestionsFor(
  c: Cohort,
  i: number,
  code: ConstraintCode,
  menteeId: string,
  menteeName: string,
): Suggestion[] {
  if (code === 'language') {
    // Only a mentee who lists languages can be blocked on them: an empty list matches anyone.
    const languages = (c.mentees[i]?.languages ?? []).map((l) => l.trim()).filter((l) => l !== '');
    return [
      {
        kind: 'recruit_language',
        menteeId,
        text: `recruit a mentor who works in ${listing(languages)} for ${menteeName}`,
      },
    ];
  }
  if (code !== 'time_zone') return [];
  const ignoreZone = constraintBit('time_zone');
  let best = -1;
  let bestHours = 0;
  let others = 0;
  for (let j = 0; j < c.m; j++) {
    if ((c.baseCapacity[j] as number) <= 0 || violation(c, i, j, ignoreZone) !== 0) continue;
    const hours = overlapOf(c, i, j);
    if (hours <= 0) continue;
    others++;
    if (hours > bestHours) {
      best = j;
      bestHours = hours;
    }
  }
  if (best < 0) return [];
  const mentor = c.mentors[best];
  const more = others > 1 ? `; ${others} mentors miss only on overlap` : '';
  return [
    {
      kind: 'relax_overlap',
      menteeId,
      mentorId: mentor?.id ?? '',
      text: `lowering the minimum overlap to ${formatHours(bestHours)} would make ${mentor?.name} available to ${menteeName}${more}`,
    },
  ];
}
