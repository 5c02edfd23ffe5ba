import { type Cohort, normalise } from './cohort';
import {
  departmentPoints,
  goalPoints,
  overlapOf,
  pickPoints,
  pickRank,
  questionPoints,
  seniorityGap,
  seniorityPoints,
  skillPoints,
  timeZonePoints,
} from './scoring';
import type { Reason, ReasonCode } from './types';

/**
 * Why a pair scores what it does, in words a mentee understands. Each reason is one criterion's
 * points from the same functions the solver used, so they add up to the score. Sensitive answers
 * are summed into a single reason that says only that an opted-in preference matched.
 */

export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

function reason(code: ReasonCode, points: number, text: string): Reason {
  return { code, points, text: `${text} (+${points})` };
}

function skillsReason(c: Cohort, i: number, j: number, name: string, points: number): Reason {
  const start = c.wantStart[i] as number;
  const end = c.wantStart[i + 1] as number;
  const offered: string[] = [];
  for (let k = start; k < end; k++) {
    const id = c.wantSkill[k] as number;
    if ((((c.mentorOffers[j * c.skillWords + (id >> 5)] as number) >>> (id & 31)) & 1) === 1) {
      offered.push(c.wantLabel[k] as string);
    }
  }
  const shown = offered.length > 4 ? [...offered.slice(0, 3), `${offered.length - 3} more`] : offered;
  const tail =
    offered.length === 1 ? 'on your list' : offered.length === 2 ? 'both on your list' : 'all on your list';
  return reason('skills', points, `${name} offers ${listing(shown)}, ${tail}`);
}

function goalsReason(c: Cohort, i: number, j: number, points: number): Reason {
  const mine = c.mentees[i]?.goals ?? [];
  const theirs = new Set((c.mentors[j]?.goals ?? []).map(normalise));
  const shared = [...new Set(mine.filter((g) => theirs.has(normalise(g))).map((g) => g.trim()))];
  const label = shared.length === 1 ? 'a goal' : plural(shared.length, 'goal');
  return reason('goals', points, `you share ${label}: ${listing(shared)}`);
}

function seniorityReason(c: Cohort, i: number, j: number, name: string, points: number): Reason {
  const gap = seniorityGap(c, i, j);
  const side = c.direction === 'mentor_above' ? 'above' : 'below';
  const aim = gap >= c.gapMin && gap <= c.gapMax ? ', the gap this cohort aims for' : '';
  return reason('seniority', points, `${name} is ${plural(gap, 'level')} ${side} you${aim}`);
}

function departmentReason(c: Cohort, i: number, j: number, points: number): Reason {
  const mine = c.departments[c.menteeDept[i] as number] ?? '';
  const theirs = c.departments[c.mentorDept[j] as number] ?? '';
  return c.departmentPreference === 'same'
    ? reason('department', points, `same department: ${mine}`)
    : reason('department', points, `different departments: ${mine} and ${theirs}`);
}

function questionReasons(c: Cohort, i: number, j: number, name: string): Reason[] {
  const out: Reason[] = [];
  let privatePoints = 0;
  c.questions.forEach((table, q) => {
    const points = questionPoints(c, q, i, j);
    if (points === 0) return;
    if (table.question.sensitive) {
      privatePoints += points;
      return;
    }
    const shared: string[] = [];
    for (let option = 0; option < table.options.length; option++) {
      const word = option >> 5;
      const bit = 1 << (option & 31);
      const mine = ((table.menteeBits[i * table.words + word] as number) & bit) !== 0;
      const theirs = ((table.mentorBits[j * table.words + word] as number) & bit) !== 0;
      if (mine && theirs) shared.push(table.options[option] as string);
    }
    const label = `“${table.question.label}”`;
    const text =
      table.question.use === 'prefer_different'
        ? `different answers to ${label}`
        : table.question.use === 'offers_wants'
          ? `${name} offers what you asked for in ${label}: ${listing(shared)}`
          : `same answer to ${label}: ${listing(shared)}`;
    out.push(reason('question', points, text));
  });
  if (privatePoints > 0)
    out.push(reason('preference', privatePoints, 'matches a preference you opted in to'));
  return out;
}

export function explainPair(c: Cohort, i: number, j: number, pinned: boolean): Reason[] {
  const name = c.mentors[j]?.name ?? '';
  const reasons: Reason[] = [];
  if (pinned) reasons.push({ code: 'pinned', points: 0, text: 'chosen by a program admin (+0)' });
  const skills = skillPoints(c, i, j);
  if (skills > 0) reasons.push(skillsReason(c, i, j, name, skills));
  const goals = goalPoints(c, i, j);
  if (goals > 0) reasons.push(goalsReason(c, i, j, goals));
  const pick = pickPoints(c, i, j);
  if (pick > 0) {
    reasons.push(reason('pick', pick, `you picked ${name} (your #${pickRank(c, i, j) + 1} choice)`));
  }
  const department = departmentPoints(c, i, j);
  if (department > 0) reasons.push(departmentReason(c, i, j, department));
  const seniority = seniorityPoints(c, i, j);
  if (seniority > 0) reasons.push(seniorityReason(c, i, j, name, seniority));
  const zone = timeZonePoints(c, i, j);
  if (zone > 0) {
    reasons.push(reason('time_zone', zone, `${formatHours(overlapOf(c, i, j))} of shared working hours`));
  }
  reasons.push(...questionReasons(c, i, j, name));
  if (reasons.length === 0) {
    reasons.push({ code: 'baseline', points: 0, text: 'meets every requirement of this cohort (+0)' });
  }
  return reasons;
}
